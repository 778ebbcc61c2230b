"""Changes without chaos: an instructor away for some dates, a session moved by hand, a class
handed to another instructor.

An absence is repaired by giving each affected session a substitute (qualified, free that
half-day, within their weekly limit, nearest to the hall); nothing else moves, and how many
sessions changed is reported. A move or a new instructor is checked against every hard rule
before it is saved, and refused with each rule it would break.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.catalogue.availability import is_available
from balai.catalogue.models import Instructor
from balai.core.audit import AuditPolicy, audit_record, audit_record_created, model_update
from balai.core.errors import ApplicationError
from balai.core.models import AuditAction
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession, InstructorAbsence, TrainingClass
from balai.scheduling.problem import distance_km
from balai.scheduling.validator import SessionRow, sessions_check

# Who teaches which session, when and where: what a participant and an instructor rely on.
SESSION_AUDIT_POLICY = AuditPolicy(fields=["date", "slot", "instructor_id", "venue_id"])
CLASS_AUDIT_POLICY = AuditPolicy(fields=["instructor_id", "venue_id", "status"])
ABSENCE_AUDIT_POLICY = AuditPolicy(fields=["instructor_id", "starts_on", "ends_on", "reason"])


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
    touched = ClassSession.objects.filter(instructor=instructor, date__range=(starts_on, ends_on))
    _batches_locked(touched)
    absence = InstructorAbsence.objects.create(
        instructor=instructor, starts_on=starts_on, ends_on=ends_on, reason=reason
    )
    audit_record_created(target=absence, policy=ABSENCE_AUDIT_POLICY)
    replan = Replan(absence=absence)
    affected = touched.select_related("training_class__programme", "venue__kelurahan")
    for session in affected.order_by("date", "slot"):
        if _substituted(session):
            replan.changed.append(session)
        else:
            replan.unresolved.append(
                _("%(session)s: no qualified instructor is free then.") % {"session": session}
            )
    return replan


def _batches_locked(sessions: QuerySet[ClassSession]) -> None:
    """Take the timetable lock of every batch `sessions` belong to, in a fixed order (two
    re-plans never wait on each other in a circle), again until no new batch turns up."""
    locked: set[int] = set()
    while batch_ids := set(sessions.values_list("training_class__batch_id", flat=True)) - locked:
        for batch_id in sorted(batch_ids):
            batch_timetable_lock(batch_id=batch_id)
        locked |= batch_ids


def _substituted(session: ClassSession) -> bool:
    """Hand `session` to the nearest qualified instructor free then; False if there is none
    (or the one found is taken meanwhile by another batch's class)."""
    substitute = _substitute(session)
    if substitute is None:
        return False
    try:
        with _taken_elsewhere_refused():
            model_update(
                instance=session, fields={"instructor": substitute}, policy=SESSION_AUDIT_POLICY
            )
    except ApplicationError:
        return False
    return True


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
    batch_timetable_lock(batch_id=session.training_class.batch_id)
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    _refuse_history(min(session.date, date))
    _refuse_new_problems(
        session.training_class_id,
        lambda pk, row: replace(row, date=date, slot=slot) if pk == session.pk else row,
        _("The session cannot move there: %(problems)s"),
        "session_move_conflict",
    )
    with _taken_elsewhere_refused():
        model_update(
            instance=session, fields={"date": date, "slot": slot}, policy=SESSION_AUDIT_POLICY
        )
    return session


@transaction.atomic
def class_instructor_change(
    *, training_class: TrainingClass, instructor: Instructor, starts_on: datetime.date
) -> int:
    """Hand the class's sessions from `starts_on` on to `instructor`, who leads it from then;
    refused, with every rule it would break, if it breaks any. Returns how many changed."""
    batch_timetable_lock(batch_id=training_class.batch_id)
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    _refuse_history(starts_on)
    moving = set(
        ClassSession.objects.filter(training_class=training_class, date__gte=starts_on)
        .exclude(instructor=instructor)
        .values_list("pk", flat=True)
    )
    _refuse_new_problems(
        training_class.pk,
        lambda pk, row: replace(row, instructor_id=instructor.pk) if pk in moving else row,
        _("%(name)s cannot take the class: %(problems)s"),
        "instructor_change_conflict",
        name=str(instructor),
    )
    with _taken_elsewhere_refused():
        ClassSession.objects.filter(pk__in=moving).update(instructor=instructor)
    if moving:
        audit_record(
            action=AuditAction.UPDATE,
            target=training_class,
            changes={
                "handed_over_from": {"old": "", "new": starts_on.isoformat()},
                "sessions_handed_over": {"old": "", "new": str(len(moving))},
            },
        )
    model_update(
        instance=training_class, fields={"instructor": instructor}, policy=CLASS_AUDIT_POLICY
    )
    return len(moving)


def batch_timetable_lock(*, batch_id: int) -> Batch:
    """Lock the batch's row until the transaction ends: whoever changes its timetable (a
    solve storing its plan, a move, a class handed over, an absence re-planned) checks the
    timetable only after taking it, so two changes never pass their checks on the same old
    timetable. (An instructor shared by two batches is checked under one batch's lock only.)"""
    # FOR NO KEY UPDATE: serialises the timetable's writers, yet lets rows that only refer to
    # the batch (an application, a class) be written meanwhile.
    return Batch.objects.select_for_update(no_key=True).get(pk=batch_id)


def _refuse_history(day: datetime.date) -> None:
    """Sessions before today were held (or missed) as planned: they are not changed."""
    if day < timezone.localdate():
        raise ApplicationError(
            _("Sessions before today are history and are not changed."), code="history"
        )


@contextmanager
def _taken_elsewhere_refused() -> Iterator[None]:
    """The check above reads one batch; another batch's session at the same half-day is
    caught by the database's constraints and refused in words."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ApplicationError(
            _("The instructor or the hall is already taken then, in another batch's class."),
            code="taken_elsewhere",
        ) from None


def _refuse_new_problems(
    class_id: int,
    change: Callable[[int, SessionRow], SessionRow],
    refusal: str,
    code: str,
    **names: str,
) -> None:
    """Check the batch's timetable with `change` applied to each (session pk, row); refuse
    with `refusal` (filled with `names` and the problems) if it breaks a rule. Problems
    already there elsewhere do not block it."""
    training_class = TrainingClass.objects.select_related("batch").get(pk=class_id)
    batch = training_class.batch
    stored = [
        (row[0], SessionRow(*row[1:]))
        for row in ClassSession.objects.filter(training_class__batch=batch).values_list(
            "pk", "training_class_id", "number", "date", "slot", "instructor_id", "venue_id"
        )
    ]
    classes = {
        item.pk: item
        for item in TrainingClass.objects.filter(batch=batch).select_related("programme")
    }
    before = _problems(batch, classes, [row for _pk, row in stored])
    after = _problems(batch, classes, [change(pk, row) for pk, row in stored])
    problems = [problem for problem in after if problem not in before]
    if problems:
        raise ApplicationError(
            refusal % {"problems": " ".join(problems), **names},
            code=code,
            details={"problems": problems},
        )


def _problems(batch: Batch, classes: dict[int, TrainingClass], rows: list[SessionRow]) -> list[str]:
    return [
        violation.message for violation in sessions_check(batch=batch, classes=classes, rows=rows)
    ]
