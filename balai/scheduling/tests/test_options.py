"""The ways to hold a class, each breaking no rule on its own: what the solver may choose from.
Plain problems, no database."""

from __future__ import annotations

import datetime

from balai.catalogue.availability import EVERY_SLOT, mask_of
from balai.scheduling.problem import Problem
from balai.scheduling.solver import Option, class_options
from balai.testing.plain_problems import (
    AFTERNOON,
    MORNING,
    class_input,
    day,
    instructor,
    problem,
)

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SATURDAY, SUNDAY = 0, 1, 2, 3, 5, 6


def options_of(problem: Problem) -> list[Option]:
    return class_options(problem.classes[0], problem.instructors, problem)


def half_days(options: list[Option]) -> set[tuple[datetime.date, int]]:
    return {(date, option.slot) for option in options for date in option.dates}


def test_an_instructor_free_every_half_day_teaches_monday_to_saturday_and_never_sunday() -> None:
    always = instructor(1, availability=EVERY_SLOT)
    for weekday in range(MONDAY, SATURDAY + 1):
        assert always.free(day(0, weekday), MORNING) and always.free(day(0, weekday), AFTERNOON)
    assert not always.free(day(0, SUNDAY), MORNING) and not always.free(day(0, SUNDAY), AFTERNOON)


def test_no_option_falls_on_a_holiday_an_absence_or_a_half_day_taught_in_another_batch() -> None:
    holiday, away, elsewhere = day(1, TUESDAY), day(0, WEDNESDAY), (day(2, MONDAY), MORNING)
    tight = problem(
        [instructor(1, absences=((away, away),), busy=frozenset({elsewhere}))],
        [class_input(1, sessions=6)],
        holidays=(holiday,),
    )
    taken = half_days(options_of(tight))
    assert (holiday, MORNING) not in taken and (holiday, AFTERNOON) not in taken
    assert (away, MORNING) not in taken and (away, AFTERNOON) not in taken
    assert elsewhere not in taken
    # The rest of those weeks is offered: the afternoon of the other batch's morning too.
    assert (day(2, MONDAY), AFTERNOON) in taken and (day(1, THURSDAY), MORNING) in taken


def test_a_hall_is_offered_only_when_open_and_not_used_by_another_batch() -> None:
    weekdays_only = mask_of([(weekday, slot) for weekday in range(5) for slot in range(2)])
    used = (day(1, MONDAY), MORNING)
    halls = problem(
        [instructor(1)],
        [class_input(1, sessions=6, venues=(10, 11))],
        venues={10: weekdays_only, 11: EVERY_SLOT},
        venue_busy={11: frozenset({used})},
    )
    options = options_of(halls)
    closed_hall = [option for option in options if option.venue_id == 10]
    busy_hall = [option for option in options if option.venue_id == 11]
    assert closed_hall and all(date.weekday() < SATURDAY for date, _slot in half_days(closed_hall))
    assert used not in half_days(busy_hall) and used in half_days(closed_hall)


def test_a_pattern_meeting_more_days_than_the_weekly_limit_is_not_offered() -> None:
    three_a_week = problem([instructor(1, max_per_week=3)], [class_input(1, sessions=6)])
    options = options_of(three_a_week)
    assert options
    assert all(len(option.pattern.weekdays) <= 3 for option in options)
