"""Weekly patterns: a class meets on fixed weekdays at a fixed half-day, from a start week,
skipping holidays, until it has all its sessions. Choosing a pattern and a start week per
class (rather than placing sessions one by one) keeps the model small and every class's week
regular."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from balai.catalogue.availability import SLOTS

# (code, weekdays): Monday is 0. Each pattern meets at most once a day.
WEEKDAY_SETS = [
    ("mon-sat", (0, 1, 2, 3, 4, 5)),
    ("mon-fri", (0, 1, 2, 3, 4)),
    ("mon-thu", (0, 1, 2, 3)),
    ("mon-wed-fri", (0, 2, 4)),
    ("tue-thu-sat", (1, 3, 5)),
]


@dataclass(frozen=True)
class Pattern:
    code: str
    weekdays: tuple[int, ...]
    slot: int

    @property
    def label(self) -> str:
        return f"{self.code}/{'pagi' if self.slot == 0 else 'siang'}"


PATTERNS = [
    Pattern(code=code, weekdays=weekdays, slot=slot)
    for code, weekdays in WEEKDAY_SETS
    for slot in range(SLOTS)
]


@dataclass(frozen=True)
class Window:
    """The training window of a batch, and its days off."""

    starts_on: datetime.date
    ends_on: datetime.date
    holidays: frozenset[datetime.date]

    @cached_property
    def first_monday(self) -> datetime.date:
        return self.starts_on - datetime.timedelta(days=self.starts_on.weekday())

    @cached_property
    def weeks(self) -> int:
        return (self.ends_on - self.first_monday).days // 7 + 1

    @cached_property
    def teaching_days(self) -> list[datetime.date]:
        days = []
        day = self.starts_on
        while day <= self.ends_on:
            if day.weekday() < 6 and day not in self.holidays:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def week_of(self, day: datetime.date) -> int:
        return (day - self.first_monday).days // 7

    def dates(self, pattern: Pattern, start_week: int, sessions: int) -> list[datetime.date] | None:
        """The dates of `sessions` meetings on `pattern` from `start_week`, or None if they
        do not fit in the window."""
        dates: list[datetime.date] = []
        day = max(self.first_monday + datetime.timedelta(weeks=start_week), self.starts_on)
        while len(dates) < sessions:
            if day > self.ends_on:
                return None
            if day.weekday() in pattern.weekdays and day not in self.holidays:
                dates.append(day)
            day += datetime.timedelta(days=1)
        return dates
