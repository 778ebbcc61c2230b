"""Solving a timetable end to end: every class placed, and the independent check agrees."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from balai.catalogue.availability import slot_bit
from balai.catalogue.models import Instructor, Programme
from balai.core.errors import ApplicationError
from balai.intake.models import Batch
from balai.scheduling.changes import session_move
from balai.scheduling.models import (
    ClassSession,
    ClassStatus,
    ScheduleRun,
    ScheduleRunStatus,
    TrainingClass,
)
from balai.scheduling.problem import Weights
from balai.scheduling.services import planned_classes, problem_for, schedule_solve
from balai.scheduling.solver import solve
from balai.scheduling.validator import timetable_check
from balai.testing.batches import make_open_batch
from balai.testing.scheduling import local_holiday_of, make_city, past_window_monday

pytestmark = pytest.mark.django_db


def test_every_class_is_placed_and_passes_the_independent_check(city: Batch) -> None:
    run = schedule_solve(batch=city, created_by=None, time_limit=10)
    assert run.status == ScheduleRunStatus.SOLVED
    assert (run.classes_scheduled, run.classes_unscheduled) == (6, 0)
    assert run.violations == [] and timetable_check(batch=city) == []
    assert ClassSession.objects.count() == 6 * 20
    assert not ClassSession.objects.filter(date=local_holiday_of(city)).exists()
    assert set(TrainingClass.objects.values_list("status", flat=True)) == {ClassStatus.SCHEDULED}
    assert run.travel_lower_bound_km is not None and run.travel_km is not None
    assert run.travel_km >= run.travel_lower_bound_km - 0.1
    # Each class keeps one weekday pattern and one half-day.
    for training_class in TrainingClass.objects.all():
        slots = set(training_class.sessions.values_list("slot", flat=True))
        assert len(slots) == 1


def test_solving_again_replaces_the_timetable(city: Batch) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    schedule_solve(batch=city, created_by=None, time_limit=5)
    assert TrainingClass.objects.count() == 6
    assert ClassSession.objects.count() == 120
    assert ScheduleRun.objects.count() == 2


def test_a_programme_nobody_teaches_is_refused_and_nothing_is_stored(
    city: Batch, programmes: list[Programme]
) -> None:
    Instructor.objects.filter(programmes=programmes[0]).delete()
    with pytest.raises(ApplicationError) as refused:
        schedule_solve(batch=city, created_by=None, time_limit=5)
    assert refused.value.code == "schedule_impossible"
    assert "Tidak ada instruktur yang memenuhi syarat untuk Tata Boga (2 kelas)." in str(
        refused.value
    )
    assert not TrainingClass.objects.exists() and not ScheduleRun.objects.exists()


def test_a_window_too_short_and_an_instructor_never_free_are_refused(city: Batch) -> None:
    Batch.objects.filter(pk=city.pk).update(training_ends_on=city.training_starts_on)
    city.refresh_from_db()
    Instructor.objects.filter(pk=Instructor.objects.first().pk).update(weekly_availability=0)  # type: ignore[union-attr]
    with pytest.raises(ApplicationError) as refused:
        schedule_solve(batch=city, created_by=None, time_limit=5)
    problems = refused.value.details["problems"]
    assert any("membutuhkan 20 sesi" in text for text in problems)
    assert any("tidak punya setengah hari" in text for text in problems)
    assert not ClassSession.objects.exists()


def test_a_tight_programme_is_explained_in_numbers(
    city: Batch, programmes: list[Programme]
) -> None:
    """Two Tata Boga classes (40 sessions) but one instructor teaching one morning a week."""
    tata_boga = programmes[0]
    first, second = tata_boga.instructors.order_by("pk")
    second.delete()
    Instructor.objects.filter(pk=first.pk).update(weekly_availability=1, max_sessions_per_week=1)
    run = schedule_solve(batch=city, created_by=None, time_limit=5)
    assert run.status == ScheduleRunStatus.PARTIAL and run.classes_unscheduled == 2
    assert (
        "Tata Boga: 2 kelas membutuhkan 40 sesi tetapi 1 instruktur yang memenuhi syarat hanya "
        "dapat memberi paling banyak 8 sesi dalam rentang waktu ini." in run.explanations
    )
    assert run.violations == []
    # Each unscheduled class is explained: one morning a week holds no weekly pattern.
    assert sum("tidak dapat diadakan" in text for text in run.explanations) == 2
    assert TrainingClass.objects.filter(status=ClassStatus.UNSTAFFED).count() == 2


def test_classes_too_long_to_share_a_half_day_are_explained(
    city: Batch, programmes: list[Programme]
) -> None:
    """Two Tata Boga classes of 24 sessions and one instructor free every morning: 48 sessions
    would fit in their mornings, but one class keeps its half-day for 24 of the 47 teaching
    days, so the second cannot follow it."""
    tata_boga = programmes[0]
    Programme.objects.filter(pk=tata_boga.pk).update(session_count=24)
    first, second = tata_boga.instructors.order_by("pk")
    second.delete()
    mornings = sum(slot_bit(weekday, 0) for weekday in range(6))
    Instructor.objects.filter(pk=first.pk).update(weekly_availability=mornings)
    run = schedule_solve(batch=city, created_by=None, time_limit=5)
    assert (
        "Tata Boga: 2 kelas masing-masing memakai satu setengah hari yang sama untuk 24 sesi, "
        "tetapi 1 instruktur yang memenuhi syarat hanya dapat mengampu paling banyak 1 di "
        "antaranya dalam rentang waktu ini (satu setengah hari memiliki 47 hari belajar)."
        in run.explanations
    )
    assert run.classes_unscheduled == 1 and run.violations == []


def test_a_solve_asked_to_stop_keeps_its_first_plan(city: Batch) -> None:
    problem = problem_for(batch=city, classes=planned_classes(batch=city), weights=Weights())
    reports: list[int] = []

    def stop_at_once(seconds: float, cost: int) -> bool:
        reports.append(cost)
        return False

    solution = solve(problem, time_limit=60, progress=stop_at_once)
    assert solution.status == "stopped" and len(reports) == 1
    # The first plan already holds every class of this small city.
    assert len(solution.placements) == 6 and solution.objective == reports[0]


def test_a_second_batch_at_the_same_time_is_planned_around_the_first(
    city: Batch, programmes: list[Programme]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    second = make_open_batch(
        programmes,
        code="gelombang-2",
        name="Gelombang 2",
        training_starts_on=city.training_starts_on,
        training_ends_on=city.training_ends_on,
    )
    run = schedule_solve(batch=second, created_by=None, time_limit=5)
    # One hall in each kelurahan cannot hold twelve classes of twenty sessions in the window:
    # some of the second batch's classes stay out, explained, and nothing is double-booked.
    assert run.classes_scheduled > 0 and run.violations == []
    for field in ("instructor", "venue"):
        taken = ClassSession.objects.values(field, "date", "slot")
        assert taken.count() == taken.distinct().count()
    assert timetable_check(batch=city) == [] and timetable_check(batch=second) == []


def test_sessions_in_other_batches_count_towards_the_weekly_limit(
    city: Batch, programmes: list[Programme]
) -> None:
    """Every instructor teaches at most 3 sessions a week, so each holds one 20-session class
    of the first batch (Monday, Wednesday, Friday for seven weeks). The second batch's Tata
    Boga classes would fit on Tuesdays, Thursdays and Saturdays with the same instructors,
    but that would be 6 sessions a week: they stay out, explained."""
    Instructor.objects.update(max_sessions_per_week=3)
    first = schedule_solve(batch=city, created_by=None, time_limit=5)
    assert first.classes_unscheduled == 0
    second = make_open_batch(
        programmes[:1],
        code="gelombang-2",
        name="Gelombang 2",
        training_starts_on=city.training_starts_on,
        training_ends_on=city.training_ends_on,
    )
    run = schedule_solve(batch=second, created_by=None, time_limit=5)
    assert run.violations == [] and run.classes_scheduled == 0
    weekly = Counter(
        (instructor_id, day.isocalendar()[:2])
        for instructor_id, day in ClassSession.objects.values_list("instructor_id", "date")
    )
    assert max(weekly.values()) <= 3


def test_once_training_has_begun_the_batch_is_not_solved_again(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    begun = make_city(programmes, monday=past_window_monday())
    schedule_solve(batch=begun, created_by=None, time_limit=5)
    before = set(ClassSession.objects.values_list("pk", "date", "slot", "instructor_id"))
    with pytest.raises(ApplicationError) as refused:
        schedule_solve(batch=begun, created_by=None, time_limit=5)
    assert refused.value.code == "training_begun"
    assert set(ClassSession.objects.values_list("pk", "date", "slot", "instructor_id")) == before
    held = ClassSession.objects.order_by("date").first()
    assert held is not None
    with pytest.raises(ApplicationError) as history:
        session_move(session=held, date=held.date + datetime.timedelta(days=1), slot=held.slot)
    assert history.value.code == "history"
