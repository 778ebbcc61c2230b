"""The independent check catches each kind of violation on hand-made timetables."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from balai.catalogue.availability import EVERY_SLOT, slot_bit
from balai.catalogue.models import Instructor, Venue
from balai.intake.models import Batch
from balai.scheduling.models import Holiday, InstructorAbsence, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.validator import SessionRow, sessions_check
from balai.testing.scheduling import local_holiday_of

pytestmark = pytest.mark.django_db

Timetable = tuple[dict[int, TrainingClass], list[SessionRow]]


@pytest.fixture
def timetable(city: Batch) -> Timetable:
    """A valid timetable to spoil: one class, twenty mornings, Monday to Saturday, skipping
    the holidays (the local one and any national ones the solve loaded for the window)."""
    schedule_solve(batch=city, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.select_related("programme").first()
    assert training_class is not None and training_class.instructor is not None
    assert training_class.venue is not None
    holidays = set(Holiday.objects.values_list("date", flat=True))
    window = (
        city.training_starts_on + datetime.timedelta(days=offset)
        for offset in range((city.training_ends_on - city.training_starts_on).days + 1)
    )
    days = [day for day in window if day.weekday() < 6 and day not in holidays][:20]
    assert len(days) == 20
    rows = [
        SessionRow(
            training_class.pk, number, day, 0, training_class.instructor.pk, training_class.venue.pk
        )
        for number, day in enumerate(days, start=1)
    ]
    return {training_class.pk: training_class}, rows


def kinds(batch: Batch, classes: dict[int, TrainingClass], rows: list[SessionRow]) -> set[str]:
    return {violation.kind for violation in sessions_check(batch=batch, classes=classes, rows=rows)}


def test_the_untouched_timetable_passes(city: Batch, timetable: Timetable) -> None:
    classes, rows = timetable
    assert kinds(city, classes, rows) == set()


def test_each_kind_of_violation_is_caught(city: Batch, timetable: Timetable) -> None:
    classes, rows = timetable
    (training_class,) = classes.values()
    first, second, *rest = rows
    sunday = city.training_starts_on + datetime.timedelta(days=6)
    stranger = Instructor.objects.exclude(programmes=training_class.programme).first()
    assert stranger is not None
    other_class = (
        TrainingClass.objects.exclude(pk=training_class.pk).select_related("programme").first()
    )
    assert other_class is not None
    both = {**classes, other_class.pk: other_class}
    clash = SessionRow(other_class.pk, 1, first.date, 0, first.instructor_id, first.venue_id)
    cases = {
        "holiday": [replace(first, date=local_holiday_of(city)), second, *rest],
        "sunday": [replace(first, date=sunday), second, *rest],
        "outside_window": [
            replace(first, date=city.training_starts_on - datetime.timedelta(days=7)),
            second,
            *rest,
        ],
        "unqualified": [replace(first, instructor_id=stranger.pk), second, *rest],
        "out_of_order": [
            replace(first, date=rest[-1].date + datetime.timedelta(days=1)),
            second,
            *rest,
        ],
        "two_a_day": [first, replace(second, date=first.date, slot=1), *rest],
        "session_count": [first, second],
    }
    for kind, spoilt in cases.items():
        assert kind in kinds(city, classes, spoilt), kind
    found = kinds(city, both, [*rows, clash])
    assert {"instructor_double_booked", "venue_double_booked"} <= found


def test_availability_absence_load_and_equipment_are_checked(
    city: Batch, timetable: Timetable
) -> None:
    classes, rows = timetable
    (training_class,) = classes.values()
    instructor = training_class.instructor
    assert instructor is not None
    # Neither the instructor nor the hall is free on the first session's half-day (a Monday
    # unless that Monday is a holiday).
    first_half_day = EVERY_SLOT & ~slot_bit(rows[0].date.weekday(), rows[0].slot)
    Instructor.objects.filter(pk=instructor.pk).update(
        weekly_availability=first_half_day, max_sessions_per_week=3
    )
    InstructorAbsence.objects.create(
        instructor=instructor, starts_on=rows[5].date, ends_on=rows[5].date
    )
    venue = Venue.objects.get(pk=rows[0].venue_id)
    Venue.objects.filter(pk=venue.pk).update(weekly_availability=first_half_day)
    other = [
        p for p in type(training_class.programme).objects.exclude(pk=training_class.programme_id)
    ]
    venue.programmes.set(other)
    assert {
        "instructor_unavailable",
        "instructor_absent",
        "weekly_load",
        "venue_unavailable",
        "venue_not_equipped",
    } <= kinds(city, classes, rows)
