"""The independent check catches each kind of violation on hand-made timetables."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from balai.catalogue.models import Instructor, Venue
from balai.intake.models import Batch
from balai.scheduling.models import InstructorAbsence, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.tests.conftest import LOCAL_HOLIDAY, MONDAY
from balai.scheduling.validator import SessionRow, sessions_check

pytestmark = pytest.mark.django_db

Timetable = tuple[dict[int, TrainingClass], list[SessionRow]]


@pytest.fixture
def timetable(city: Batch) -> Timetable:
    """A valid timetable to spoil: one class, twenty mornings, Monday to Saturday."""
    schedule_solve(batch=city, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.select_related("programme").first()
    assert training_class is not None and training_class.instructor is not None
    assert training_class.venue is not None
    days = [
        MONDAY + datetime.timedelta(days=offset)
        for offset in range(40)
        if (MONDAY + datetime.timedelta(days=offset)).weekday() < 6
        and MONDAY + datetime.timedelta(days=offset) != LOCAL_HOLIDAY
    ][:20]
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
    sunday = MONDAY + datetime.timedelta(days=6)
    stranger = Instructor.objects.exclude(programmes=training_class.programme).first()
    assert stranger is not None
    other_class = (
        TrainingClass.objects.exclude(pk=training_class.pk).select_related("programme").first()
    )
    assert other_class is not None
    both = {**classes, other_class.pk: other_class}
    clash = SessionRow(other_class.pk, 1, first.date, 0, first.instructor_id, first.venue_id)
    cases = {
        "holiday": [replace(first, date=LOCAL_HOLIDAY), second, *rest],
        "sunday": [replace(first, date=sunday), second, *rest],
        "outside_window": [replace(first, date=MONDAY - datetime.timedelta(days=7)), second, *rest],
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
    Instructor.objects.filter(pk=instructor.pk).update(
        weekly_availability=0b111111111110, max_sessions_per_week=3
    )
    InstructorAbsence.objects.create(
        instructor=instructor, starts_on=rows[5].date, ends_on=rows[5].date
    )
    venue = Venue.objects.get(pk=rows[0].venue_id)
    Venue.objects.filter(pk=venue.pk).update(weekly_availability=0b111111111110)
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
