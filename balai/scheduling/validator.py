"""An independent check of a timetable against every hard rule. It shares no code with the
solver: it reads the sessions as stored and the rules as entered, and says in words what is
wrong. It runs after every solve and every manual change, and in the tests."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from balai.catalogue.availability import is_available
from balai.catalogue.models import Instructor, Venue
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession, Holiday, InstructorAbsence, TrainingClass
from balai.scheduling.selectors import batch_weeks


@dataclass(frozen=True)
class Violation:
    kind: str
    message: str


@dataclass(frozen=True)
class SessionRow:
    class_id: int
    number: int
    date: datetime.date
    slot: int
    instructor_id: int
    venue_id: int


def timetable_check(*, batch: Batch) -> list[Violation]:
    """Every hard-rule violation in `batch`'s stored timetable."""
    classes = {
        item.pk: item
        for item in TrainingClass.objects.filter(batch=batch).select_related("programme")
    }
    rows = [
        SessionRow(*values)
        for values in ClassSession.objects.filter(training_class__batch=batch).values_list(
            "training_class_id", "number", "date", "slot", "instructor_id", "venue_id"
        )
    ]
    return sessions_check(batch=batch, classes=classes, rows=rows)


def sessions_check(
    *, batch: Batch, classes: dict[int, TrainingClass], rows: list[SessionRow]
) -> list[Violation]:
    instructor_ids = {row.instructor_id for row in rows}
    instructors = {
        item.pk: item
        for item in Instructor.objects.filter(pk__in=instructor_ids).prefetch_related("programmes")
    }
    venues = {
        item.pk: item
        for item in Venue.objects.filter(pk__in={row.venue_id for row in rows}).prefetch_related(
            "programmes"
        )
    }
    holidays = set(
        Holiday.objects.filter(
            date__range=(batch.training_starts_on, batch.training_ends_on)
        ).values_list("date", flat=True)
    )
    absences: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for instructor_id, starts_on, ends_on in InstructorAbsence.objects.filter(
        instructor_id__in=instructor_ids
    ).values_list("instructor_id", "starts_on", "ends_on"):
        absences[instructor_id].append((starts_on, ends_on))

    found: list[Violation] = []
    found += _double_bookings(rows)
    for row in rows:
        found += _row_problems(row, batch, classes, instructors, venues, holidays, absences)
    found += _class_problems(rows, classes)
    found += _weekly_loads(rows + _other_batches_rows(batch, instructor_ids), instructors)
    return found


def _other_batches_rows(batch: Batch, instructor_ids: set[int]) -> list[SessionRow]:
    """The same instructors' sessions in other batches during this one's window (and the
    weeks it touches): they count towards the weekly limit too."""
    return [
        SessionRow(*values)
        for values in ClassSession.objects.filter(
            instructor_id__in=instructor_ids, date__range=batch_weeks(batch)
        )
        .exclude(training_class__batch=batch)
        .values_list("training_class_id", "number", "date", "slot", "instructor_id", "venue_id")
    ]


def _double_bookings(rows: list[SessionRow]) -> list[Violation]:
    found = []
    for key, label in (("instructor_id", _("Instructor")), ("venue_id", _("Venue"))):
        seen = Counter((getattr(row, key), row.date, row.slot) for row in rows)
        for (owner, date, slot), count in seen.items():
            if count > 1:
                found.append(
                    Violation(
                        kind=f"{key.removesuffix('_id')}_double_booked",
                        message=_(
                            "%(what)s %(id)s has %(count)s sessions on %(date)s, slot %(slot)s."
                        )
                        % {"what": label, "id": owner, "count": count, "date": date, "slot": slot},
                    )
                )
    return found


def _row_problems(
    row: SessionRow,
    batch: Batch,
    classes: dict[int, TrainingClass],
    instructors: dict[int, Instructor],
    venues: dict[int, Venue],
    holidays: set[datetime.date],
    absences: dict[int, list[tuple[datetime.date, datetime.date]]],
) -> list[Violation]:
    found = []
    training_class = classes[row.class_id]
    instructor = instructors[row.instructor_id]
    venue = venues[row.venue_id]
    where = _("%(class)s session %(number)s on %(date)s") % {
        "class": training_class,
        "number": row.number,
        "date": row.date,
    }

    def add(kind: str, text: str) -> None:
        found.append(Violation(kind=kind, message=f"{where}: {text}"))

    if training_class.programme not in instructor.programmes.all():
        add("unqualified", _("%(name)s is not qualified for it.") % {"name": instructor})
    if not batch.training_starts_on <= row.date <= batch.training_ends_on:
        add("outside_window", _("outside the batch's training window."))
    if row.date.weekday() == 6:
        add("sunday", _("a Sunday."))
    if row.date in holidays:
        add("holiday", _("a holiday."))
    if not is_available(instructor.weekly_availability, row.date.weekday(), row.slot):
        add("instructor_unavailable", _("%(name)s does not teach then.") % {"name": instructor})
    if any(start <= row.date <= end for start, end in absences[row.instructor_id]):
        add("instructor_absent", _("%(name)s is away.") % {"name": instructor})
    if not is_available(venue.weekly_availability, row.date.weekday(), row.slot):
        add("venue_unavailable", _("%(venue)s is closed then.") % {"venue": venue})
    equipped = list(venue.programmes.all())
    if equipped and training_class.programme not in equipped:
        add("venue_not_equipped", _("%(venue)s is not equipped for it.") % {"venue": venue})
    return found


def _class_problems(rows: list[SessionRow], classes: dict[int, TrainingClass]) -> list[Violation]:
    found = []
    by_class: dict[int, list[SessionRow]] = defaultdict(list)
    for row in rows:
        by_class[row.class_id].append(row)
    for class_id, sessions in by_class.items():
        training_class = classes[class_id]
        sessions.sort(key=lambda row: row.number)
        if [row.number for row in sessions] != list(
            range(1, training_class.programme.session_count + 1)
        ):
            found.append(
                Violation(
                    kind="session_count",
                    message=_("%(class)s has %(count)s sessions; its programme has %(needed)s.")
                    % {
                        "class": training_class,
                        "count": len(sessions),
                        "needed": training_class.programme.session_count,
                    },
                )
            )
        times = [(row.date, row.slot) for row in sessions]
        if times != sorted(times) or len(set(times)) != len(times):
            found.append(
                Violation(
                    kind="out_of_order",
                    message=_("%(class)s: sessions are not in order.") % {"class": training_class},
                )
            )
        days = Counter(row.date for row in sessions)
        for day, count in days.items():
            if count > 1:
                found.append(
                    Violation(
                        kind="two_a_day",
                        message=_("%(class)s meets %(count)s times on %(date)s.")
                        % {"class": training_class, "count": count, "date": day},
                    )
                )
    return found


def _weekly_loads(rows: list[SessionRow], instructors: dict[int, Instructor]) -> list[Violation]:
    found = []
    load = Counter((row.instructor_id, row.date.isocalendar()[:2]) for row in rows)
    for (instructor_id, (year, week)), count in sorted(load.items()):
        instructor = instructors[instructor_id]
        if count > instructor.max_sessions_per_week:
            found.append(
                Violation(
                    kind="weekly_load",
                    message=_(
                        "%(name)s has %(count)s sessions in week %(week)s of %(year)s; "
                        "at most %(most)s."
                    )
                    % {
                        "name": instructor,
                        "count": count,
                        "week": week,
                        "year": year,
                        "most": instructor.max_sessions_per_week,
                    },
                )
            )
    return found
