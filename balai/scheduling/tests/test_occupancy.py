"""A plan's bookings: the half-days its classes take and each instructor's sessions per week.
Plain problems, no database."""

from __future__ import annotations

import datetime

from balai.scheduling.problem import Problem
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.plans import Placement
from balai.testing.plain_problems import AFTERNOON, MORNING, day, instructor, problem

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(6)


def sessions(
    instructor_id: int,
    days: list[datetime.date],
    *,
    slot: int = MORNING,
    venue_id: int = 10,
) -> Placement:
    return Placement(instructor_id, venue_id, tuple(days), slot, travel_km=0.0)


def mon_wed_fri(weeks: range) -> list[datetime.date]:
    return [day(week, weekday) for week in weeks for weekday in (MONDAY, WEDNESDAY, FRIDAY)]


def two_instructors(*, max_per_week: int = 12) -> Problem:
    return problem([instructor(1, max_per_week=max_per_week), instructor(2)])


def test_a_placement_taken_holds_its_instructor_and_its_hall_at_its_half_days() -> None:
    bookings = Bookings(two_instructors())
    first = sessions(1, mon_wed_fri(range(2)))
    assert bookings.fits(first)
    bookings.take(first)
    # The same instructor elsewhere at one of those half-days: refused.
    assert not bookings.fits(sessions(1, [day(1, WEDNESDAY)], venue_id=11))
    # Another instructor in the same hall at one of those half-days: refused.
    assert not bookings.fits(sessions(2, [day(0, FRIDAY)]))
    assert bookings.clashes(sessions(2, [day(0, FRIDAY)]))


def test_the_other_half_day_another_day_and_another_hall_stay_free() -> None:
    bookings = Bookings(two_instructors())
    bookings.take(sessions(1, mon_wed_fri(range(2))))
    assert bookings.fits(sessions(1, [day(0, MONDAY)], slot=AFTERNOON))
    assert bookings.fits(sessions(1, [day(0, TUESDAY)]))
    assert bookings.fits(sessions(2, [day(0, MONDAY)], venue_id=11))


def test_the_weekly_limit_is_kept_week_by_week() -> None:
    bookings = Bookings(two_instructors(max_per_week=4))
    bookings.take(sessions(1, mon_wed_fri(range(2))))
    assert [bookings.week_load(1, week) for week in range(3)] == [3, 3, 0]
    # One more session in week 0 is the fourth: allowed; two more are not.
    assert bookings.fits(sessions(1, [day(0, TUESDAY)]))
    assert not bookings.fits(sessions(1, [day(0, TUESDAY), day(0, THURSDAY)]))
    # A class across weeks is held to the limit in each: two in week 1 are one too many,
    # whatever room week 2 has.
    across = sessions(1, [day(1, TUESDAY), day(1, SATURDAY), day(2, MONDAY)])
    assert not bookings.fits(across)
    assert bookings.fits(sessions(1, [day(1, SATURDAY), day(2, MONDAY), day(2, TUESDAY)]))
    # Another instructor's weeks are their own.
    assert bookings.fits(sessions(2, [day(0, TUESDAY), day(0, THURSDAY)], venue_id=11))


def test_sessions_in_other_batches_count_towards_the_weekly_limit() -> None:
    others = problem([instructor(1, max_per_week=4)], week_load={(1, 0): 2})
    bookings = Bookings(others)
    assert (bookings.week_load(1, 0), bookings.room(1, 0), bookings.room(1, 1)) == (2, 2, 4)
    assert not bookings.fits(sessions(1, mon_wed_fri(range(1))))
    assert bookings.fits(sessions(1, mon_wed_fri(range(1, 2))))
    # They are not this plan's load.
    assert bookings.load(1) == 0 and bookings.busiest() == 0


def test_releasing_a_placement_frees_its_half_days_and_its_weekly_load() -> None:
    bookings = Bookings(problem([instructor(1, max_per_week=3)], week_load={(1, 1): 1}))
    taken = sessions(1, mon_wed_fri(range(1)))
    bookings.take(taken)
    assert not bookings.fits(sessions(1, [day(0, TUESDAY)], venue_id=11))
    bookings.release(taken)
    assert bookings.fits(taken) and bookings.fits(sessions(1, [day(0, TUESDAY)], venue_id=11))
    assert (bookings.week_load(1, 0), bookings.week_load(1, 1), bookings.load(1)) == (0, 1, 0)


def test_an_instructor_taking_over_a_class_is_checked_without_its_hall() -> None:
    """A class handed to another instructor keeps its hall: only the new instructor's
    half-days and weekly limit matter."""
    bookings = Bookings(problem([instructor(1), instructor(2, max_per_week=3)]))
    held = sessions(1, mon_wed_fri(range(1)))
    bookings.take(held)
    assert not bookings.fits(sessions(2, list(held.dates)))  # the hall is held
    assert bookings.instructor_fits(2, MORNING, held.dates)
    bookings.take(sessions(2, [day(0, TUESDAY)], venue_id=11))
    assert not bookings.instructor_fits(2, MORNING, held.dates)  # four sessions in week 0


def test_loads_count_the_sessions_of_the_plan_in_all_weeks() -> None:
    bookings = Bookings(two_instructors())
    bookings.take(sessions(1, mon_wed_fri(range(2))))
    bookings.take(sessions(2, [day(0, TUESDAY), day(1, TUESDAY)]))
    assert (bookings.load(1), bookings.load(2), bookings.busiest()) == (6, 2, 6)
    more = [sessions(2, mon_wed_fri(range(2, 4)), venue_id=11)]
    assert bookings.busiest(adding=more) == 8
    assert bookings.load(2) == 2  # weighing `more` took nothing
