"""Changes without chaos: an instructor away for some dates, or a session moved by hand.

An absence is repaired by giving each affected session a substitute (qualified, free that
half-day, within their weekly limit, nearest to the hall); nothing else moves, and how many
sessions changed is reported. A move is checked against every hard rule before it is saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from balai.catalogue.availability import is_available
from balai.catalogue.models import Instructor
from balai.core.errors import ApplicationError
from balai.scheduling.models import ClassSession, InstructorAbsence, TrainingClass
from balai.scheduling.problem import distance_km
from balai.scheduling.validator import SessionRow, sessions_check


@dataclass
class Replan:
    absence: InstructorAbsence
    changed: list[ClassSession] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


@transaction.atomic
def instructor_absence_record(
    *, instructor: Instructor, starts_on: datetime.date, ends_on: datetime.date, reason: str = ""
) -> Replan:
    """Record that `instructor` is away and re-plan the sessions it touches."""
    if ends_on < starts_on:
        raise ApplicationError(_("The absence ends before it starts."), code="absence_backwards")
    absence = InstructorAbsence.objects.create(
        instructor=instructor, starts_on=starts_on, ends_on=ends_on, reason=reason
    )
    replan = Replan(absence=absence)
    affected = ClassSession.objects.filter(
        instructor=instructor, date__range=(starts_on, ends_on)
    ).select_related("training_class__programme", "venue__kelurahan")
    for session in affected.order_by("date", "slot"):
        substitute = _substitute(session)
        if substitute is None:
            replan.unresolved.append(
                _("%(session)s: no qualified instructor is free then.") % {"session": session}
            )
            continue
        session.instructor = substitute
        session.save(update_fields=["instructor"])
        replan.changed.append(session)
    return replan


def _substitute(session: ClassSession) -> Instructor | None:
    place = session.venue.kelurahan
    week_start = session.date - datetime.timedelta(days=session.date.weekday())
    busy = ClassSession.objects.filter(date=session.date, slot=session.slot).values("instructor")
    away = InstructorAbsence.objects.filter(
        starts_on__lte=session.date, ends_on__gte=session.date
    ).values("instructor")
    candidates = (
        Instructor.objects.filter(programmes=session.training_class.programme)
        .exclude(pk__in=busy)
        .exclude(pk__in=away)
        .select_related("home_kelurahan")
    )
    fitting = [
        instructor
        for instructor in candidates
        if is_available(instructor.weekly_availability, session.date.weekday(), session.slot)
        and ClassSession.objects.filter(
            instructor=instructor,
            date__range=(week_start, week_start + datetime.timedelta(days=6)),
        ).count()
        < instructor.max_sessions_per_week
    ]
    return min(
        fitting,
        key=lambda instructor: distance_km(
            _point(instructor.home_kelurahan.latitude, instructor.home_kelurahan.longitude),
            _point(place.latitude, place.longitude),
        ),
        default=None,
    )


def _point(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    return None if latitude is None or longitude is None else (latitude, longitude)


@transaction.atomic
def session_move(*, session: ClassSession, date: datetime.date, slot: int) -> ClassSession:
    """Move one session; refused, with every rule it would break, if it breaks any."""
    training_class = TrainingClass.objects.select_related("programme", "batch").get(
        pk=session.training_class_id
    )
    stored = list(
        ClassSession.objects.filter(training_class__batch=training_class.batch).values_list(
            "pk", "training_class_id", "number", "date", "slot", "instructor_id", "venue_id"
        )
    )
    classes = {
        item.pk: item
        for item in TrainingClass.objects.filter(batch=training_class.batch).select_related(
            "programme"
        )
    }
    before = _problems(training_class, classes, [SessionRow(*row[1:]) for row in stored])
    after = _problems(
        training_class,
        classes,
        [
            SessionRow(row[1], row[2], date, slot, row[5], row[6])
            if row[0] == session.pk
            else SessionRow(*row[1:])
            for row in stored
        ],
    )
    # Only what the move itself breaks: problems already there elsewhere do not block it.
    problems = [problem for problem in after if problem not in before]
    if problems:
        raise ApplicationError(
            _("The session cannot move there: %(problems)s") % {"problems": " ".join(problems)},
            code="session_move_conflict",
            details={"problems": problems},
        )
    session.date, session.slot = date, slot
    session.save(update_fields=["date", "slot"])
    return session


def _problems(
    training_class: TrainingClass, classes: dict[int, TrainingClass], rows: list[SessionRow]
) -> list[str]:
    return [
        violation.message
        for violation in sessions_check(batch=training_class.batch, classes=classes, rows=rows)
    ]
