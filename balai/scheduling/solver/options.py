"""The ways to hold a class, each breaking no rule on its own: a qualified instructor free at
every session (their weekly half-days, not away, not teaching in another batch), a hall of
the class's kelurahan open and not used by another batch, one weekly pattern from one start
week, holidays skipped. Whether an option still fits beside the plan's other classes is the
bookings' question (`occupancy.py`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from balai.scheduling.patterns import PATTERNS, Pattern
from balai.scheduling.problem import ClassInput, InstructorInput, Problem, distance_km
from balai.scheduling.solver.plans import Placement


@dataclass(frozen=True)
class Option:
    instructor_id: int
    venue_id: int
    pattern: Pattern
    dates: tuple[datetime.date, ...]
    travel_km: float

    @property
    def slot(self) -> int:
        return self.pattern.slot

    def placement(self) -> Placement:
        return Placement(
            instructor_id=self.instructor_id,
            venue_id=self.venue_id,
            dates=self.dates,
            slot=self.pattern.slot,
            travel_km=self.travel_km,
        )


def qualified_instructors(problem: Problem) -> dict[int, list[InstructorInput]]:
    """Each programme's qualified instructors."""
    qualified: dict[int, list[InstructorInput]] = defaultdict(list)
    for instructor in problem.instructors:
        for programme_id in instructor.programme_ids:
            qualified[programme_id].append(instructor)
    return qualified


def nearest_first(instructors: list[InstructorInput], item: ClassInput) -> list[InstructorInput]:
    """`instructors`, the nearest to `item`'s kelurahan first."""
    return sorted(instructors, key=lambda instructor: distance_km(instructor.home, item.location))


def class_options(
    item: ClassInput, instructors: list[InstructorInput], problem: Problem
) -> list[Option]:
    """Every way to hold `item` with one of `instructors` that breaks no rule on its own."""
    return list(iter_class_options(item, instructors, problem))


def iter_class_options(
    item: ClassInput, instructors: list[InstructorInput], problem: Problem
) -> Iterator[Option]:
    """The options of `item`, instructors outermost (in their order of preference, as a
    first-fit plan wants them), made only as far as they are read."""
    window = problem.window
    weeks = [
        (pattern, dates)
        for pattern in PATTERNS
        for start_week in range(window.weeks)
        if (dates := window.dates(pattern, start_week, item.sessions)) is not None
        and dates[0] >= window.first_monday + datetime.timedelta(weeks=start_week)
    ]
    for instructor in instructors:
        km = distance_km(instructor.home, item.location)
        for pattern, dates in weeks:
            if len(pattern.weekdays) > instructor.max_per_week or not all(
                instructor.free(day, pattern.slot) for day in dates
            ):
                continue
            for venue_id in item.venue_ids:
                if all(problem.venue_free(venue_id, day, pattern.slot) for day in dates):
                    yield Option(instructor.id, venue_id, pattern, tuple(dates), km)
