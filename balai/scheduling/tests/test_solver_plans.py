"""The solver's steps on plain problems, no database: the first plan of a small city is pinned
(a change to it is a change of behaviour, to be made on purpose), and the steps that hand
classes to other instructors keep every rule."""

from __future__ import annotations

import datetime
import time
from dataclasses import replace

from balai.catalogue.availability import EVERY_SLOT, mask_of
from balai.scheduling.patterns import WEEKDAY_SETS
from balai.scheduling.problem import Problem
from balai.scheduling.solver import assign_instructors, solve
from balai.scheduling.solver.first_fit import first_plan
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.plans import Placement, Plan
from balai.scheduling.solver.restaffing import restaff, swap_to_nearer, teaches_all
from balai.testing.plain_problems import (
    AFTERNOON,
    MORNING,
    class_input,
    day,
    instructor,
    problem,
)

MONDAY, TUESDAY, WEDNESDAY, FRIDAY = 0, 1, 2, 4
When = tuple[int, int]  # (week of the window, weekday)


def small_city() -> Problem:
    """Two programmes, eight classes in two kelurahan (one at the centre with two halls, the
    second closed on Saturdays; one 8 km east), five instructors with a weekly limit, an
    absence, afternoons only, and two mornings taught in another batch; a holiday."""
    afternoons = mask_of([(weekday, AFTERNOON) for weekday in range(6)])
    weekdays = mask_of([(weekday, slot) for weekday in range(5) for slot in range(2)])
    away = (day(2, WEDNESDAY), day(2, FRIDAY))
    elsewhere = frozenset({(day(0, MONDAY), MORNING), (day(0, WEDNESDAY), MORNING)})
    return problem(
        [
            instructor(1, programmes=(1,), km=1, max_per_week=6),
            instructor(2, programmes=(1,), km=9, absences=(away,)),
            instructor(3, programmes=(1, 2), km=4, max_per_week=8, busy=elsewhere),
            instructor(4, programmes=(2,), km=7, availability=afternoons),
            instructor(5, programmes=(2,), km=0.5, max_per_week=4),
        ],
        [
            class_input(1, programme=1, sessions=12, venues=(10, 11)),
            class_input(2, programme=1, sessions=16, venues=(10, 11)),
            class_input(3, programme=1, sessions=20, venues=(10, 11)),
            class_input(4, programme=1, sessions=12, venues=(12,), km=8),
            class_input(5, programme=1, sessions=20, venues=(12,), km=8),
            class_input(6, programme=2, sessions=12, venues=(10, 11)),
            class_input(7, programme=2, sessions=16, venues=(10, 11)),
            class_input(8, programme=2, sessions=12, venues=(12,), km=8),
        ],
        weeks=6,
        holidays=(day(1, TUESDAY),),
        venues={10: EVERY_SLOT, 11: weekdays, 12: EVERY_SLOT},
        week_load={(3, 0): 2},
    )


def described(problem: Problem, plan: Plan) -> dict[int, tuple[int, int, str, str, When, When]]:
    """Each class's instructor, hall, half-day, weekdays, first and last session."""
    codes = {weekdays: code for code, weekdays in WEEKDAY_SETS}

    def when(date: datetime.date) -> When:
        return divmod((date - problem.window.first_monday).days, 7)

    return {
        class_id: (
            placement.instructor_id,
            placement.venue_id,
            ("morning", "afternoon")[placement.slot],
            codes[tuple(sorted({date.weekday() for date in placement.dates}))],
            when(placement.dates[0]),
            when(placement.dates[-1]),
        )
        for class_id, placement in sorted(plan.items())
    }


def test_the_first_plan_of_a_small_city_is_the_one_pinned() -> None:
    city = small_city()
    chosen, _travel = assign_instructors(city, load_balance=city.weights.load_balance)
    assert described(city, first_plan(city, chosen)) == {
        1: (2, 10, "afternoon", "mon-sat", (0, 0), (2, 0)),
        2: (2, 10, "afternoon", "mon-sat", (3, 0), (5, 3)),
        3: (3, 10, "morning", "mon-sat", (1, 0), (4, 2)),
        4: (2, 12, "morning", "mon-sat", (4, 0), (5, 5)),
        5: (1, 12, "morning", "mon-sat", (0, 0), (3, 2)),
        6: (4, 11, "afternoon", "mon-fri", (0, 0), (2, 2)),
        7: (5, 11, "morning", "mon-thu", (0, 0), (4, 0)),
        8: (4, 12, "afternoon", "mon-sat", (3, 0), (4, 5)),
    }


def test_a_solve_of_the_small_city_places_every_class_within_every_rule() -> None:
    city = small_city()
    solution = solve(city, time_limit=5)
    assert solution.unscheduled == [] and len(solution.placements) == 8
    instructors = {item.id: item for item in city.instructors}
    classes = {item.id: item for item in city.classes}
    bookings = Bookings(city)
    for class_id, placement in solution.placements.items():
        teacher = instructors[placement.instructor_id]
        assert classes[class_id].programme_id in teacher.programme_ids
        assert teaches_all(teacher, placement)
        assert all(
            city.venue_free(placement.venue_id, date, placement.slot) for date in placement.dates
        )
        assert bookings.fits(placement)
        bookings.take(placement)


def a_class_at_the_centre(instructor_id: int, *, km: float, slot: int = MORNING) -> Placement:
    """Twelve sessions, Monday, Wednesday and Friday of the first four weeks."""
    dates = tuple(
        day(week, weekday) for week in range(4) for weekday in (MONDAY, WEDNESDAY, FRIDAY)
    )
    return Placement(instructor_id, 10, dates, slot, travel_km=km)


def test_a_class_is_handed_to_a_nearer_instructor_free_for_every_session() -> None:
    centre = problem([instructor(1, km=1), instructor(2, km=10)], [class_input(1)])
    far = a_class_at_the_centre(2, km=10)
    nearer = swap_to_nearer(centre, {1: far})[1]
    assert (nearer.instructor_id, nearer.venue_id, nearer.dates, nearer.slot) == (
        1,
        far.venue_id,
        far.dates,
        far.slot,
    )
    assert round(nearer.travel_km) == 1


def test_an_instructor_freed_by_a_swap_is_handed_a_class_nearer_to_them() -> None:
    """The class at the centre goes from instructor 2 (10 km east) to instructor 1 (at the
    centre); instructor 2, free again at those half-days, then takes the class 10 km east
    from instructor 3 (4 km beyond it)."""
    two_places = problem(
        [instructor(1, km=0), instructor(2, km=10), instructor(3, km=14)],
        [class_input(1), class_input(2, km=10, venues=(11,))],
    )
    east = a_class_at_the_centre(3, km=4)
    plan = {1: a_class_at_the_centre(2, km=10), 2: replace(east, venue_id=11)}
    swapped = swap_to_nearer(two_places, plan)
    assert (swapped[1].instructor_id, swapped[2].instructor_id) == (1, 2)


def test_a_class_stays_when_the_nearer_instructor_is_away_or_at_their_weekly_limit() -> None:
    away = (day(2, WEDNESDAY), day(2, WEDNESDAY))
    absent = problem(
        [instructor(1, km=1, absences=(away,)), instructor(2, km=10)], [class_input(1)]
    )
    assert swap_to_nearer(absent, {1: a_class_at_the_centre(2, km=10)})[1].instructor_id == 2
    # Three sessions a week: the nearer instructor's own afternoon class fills their weeks.
    limited = problem(
        [instructor(1, km=1, max_per_week=3), instructor(2, km=10)],
        [class_input(1), class_input(2)],
    )
    plan = {
        1: a_class_at_the_centre(2, km=10),
        2: a_class_at_the_centre(1, km=1, slot=AFTERNOON),
    }
    assert swap_to_nearer(limited, plan) == plan


def test_restaffing_chooses_the_nearest_instructors_the_clashes_and_limits_allow() -> None:
    """Two classes at the same half-days, one at the centre and one 4 km east, and two
    instructors, 1 km and 5 km east: each class gets the one nearer to it, whoever held it
    before. A third instructor at the centre has no room left after another batch."""
    east = problem(
        [instructor(1, km=1), instructor(2, km=5), instructor(3, km=0, max_per_week=5)],
        [class_input(1), class_input(2, km=4, venues=(11,))],
        week_load={(3, week): 3 for week in range(4)},
    )
    crossed = {
        1: a_class_at_the_centre(2, km=5),
        2: Placement(1, 11, a_class_at_the_centre(1, km=3).dates, MORNING, travel_km=3),
    }
    staffed = restaff(east, crossed, time.perf_counter() + 5)
    assert (staffed[1].instructor_id, staffed[2].instructor_id) == (1, 2)
