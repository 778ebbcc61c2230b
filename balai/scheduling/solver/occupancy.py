"""What a plan has taken so far: the half-days of each instructor and each hall, date by date,
and the sessions each instructor teaches in each week of the window against their weekly limit.
First fit, the CP-SAT neighbourhoods, re-staffing, the last swaps and the explanations of
unscheduled classes all keep their plan's bookings here.

Whether a class could be held at all on its own (the instructor's and the hall's weekly
half-days, absences, holidays, the half-days other batches hold) is settled when its options
are made (`options.py`); bookings weigh the classes of one plan against each other. Other
batches' sessions still count here towards each week's limit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from balai.scheduling.problem import Problem

HalfDay = tuple[int, datetime.date, int]  # (instructor or hall, date, half-day)


class Booking(Protocol):
    """A class's sessions: one instructor and one hall at one half-day on each of its dates
    (an option being weighed, or a placement in the plan)."""

    @property
    def instructor_id(self) -> int: ...

    @property
    def venue_id(self) -> int: ...

    @property
    def slot(self) -> int: ...

    @property
    def dates(self) -> tuple[datetime.date, ...]: ...


class Bookings:
    """The half-days and weekly loads of one plan (see the module's docstring). Take only what
    fits, and release only what was taken: a half-day is held by one booking at a time."""

    def __init__(self, problem: Problem) -> None:
        self._window = problem.window
        self._limits = {item.id: item.max_per_week for item in problem.instructors}
        self._instructor_half_days: set[HalfDay] = set()
        self._hall_half_days: set[HalfDay] = set()
        # Other batches' sessions count towards the weekly limit from the start.
        self._week_loads: defaultdict[tuple[int, int], int] = defaultdict(int, problem.week_load)
        self._loads: defaultdict[int, int] = defaultdict(int)

    def take(self, booking: Booking) -> None:
        """Add `booking`'s sessions to the plan."""
        for day in booking.dates:
            self._instructor_half_days.add((booking.instructor_id, day, booking.slot))
            self._hall_half_days.add((booking.venue_id, day, booking.slot))
        for week, count in self.sessions_by_week(booking.dates).items():
            self._week_loads[(booking.instructor_id, week)] += count
        self._loads[booking.instructor_id] += len(booking.dates)

    def release(self, booking: Booking) -> None:
        """Take `booking`'s sessions out of the plan again."""
        for day in booking.dates:
            self._instructor_half_days.discard((booking.instructor_id, day, booking.slot))
            self._hall_half_days.discard((booking.venue_id, day, booking.slot))
        for week, count in self.sessions_by_week(booking.dates).items():
            self._week_loads[(booking.instructor_id, week)] -= count
        self._loads[booking.instructor_id] -= len(booking.dates)

    def fits(self, booking: Booking) -> bool:
        """Whether `booking` can join the plan: its instructor and its hall free at each of its
        half-days, and the instructor within their weekly limit every week."""
        return not self.clashes(booking) and self.within_weekly_limit(
            booking.instructor_id, booking.dates
        )

    def clashes(self, booking: Booking) -> bool:
        """Whether its instructor or its hall is taken at one of its half-days. (A CP-SAT model
        asks only this: it keeps the weekly limits as constraints, with `room`.)"""
        slot = booking.slot
        return any(
            (booking.instructor_id, day, slot) in self._instructor_half_days
            or (booking.venue_id, day, slot) in self._hall_half_days
            for day in booking.dates
        )

    def instructor_fits(
        self, instructor_id: int, slot: int, dates: Sequence[datetime.date]
    ) -> bool:
        """Whether the instructor could teach these sessions as well: free at each half-day and
        within their weekly limit. The hall is left aside: a class handed to another
        instructor keeps its own."""
        return all(
            (instructor_id, day, slot) not in self._instructor_half_days for day in dates
        ) and self.within_weekly_limit(instructor_id, dates)

    def within_weekly_limit(self, instructor_id: int, dates: Sequence[datetime.date]) -> bool:
        """Whether sessions on `dates` keep the instructor within their limit in every week."""
        return all(
            count <= self.room(instructor_id, week)
            for week, count in self.sessions_by_week(dates).items()
        )

    def week_load(self, instructor_id: int, week: int) -> int:
        """Sessions the instructor teaches in `week` of the window, here and in other batches."""
        return self._week_loads.get((instructor_id, week), 0)

    def room(self, instructor_id: int, week: int) -> int:
        """Sessions the instructor may still take in `week` of the window."""
        return self._limits[instructor_id] - self.week_load(instructor_id, week)

    def load(self, instructor_id: int) -> int:
        """Sessions the instructor teaches in this plan, all weeks together."""
        return self._loads.get(instructor_id, 0)

    def busiest(self, adding: Iterable[Booking] = ()) -> int:
        """The most sessions one instructor teaches in this plan, with `adding` taken too."""
        loads = defaultdict(int, self._loads)
        for booking in adding:
            loads[booking.instructor_id] += len(booking.dates)
        return max(loads.values(), default=0)

    def sessions_by_week(self, dates: Iterable[datetime.date]) -> dict[int, int]:
        """How many of `dates` fall in each week of the window."""
        counts: dict[int, int] = defaultdict(int)
        for day in dates:
            counts[self._window.week_of(day)] += 1
        return counts
