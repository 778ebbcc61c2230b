"""A timetabling problem as plain data, read from the database once, so that the solver and
its tests need no database."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from balai.catalogue.availability import is_available
from balai.scheduling.patterns import Window

HalfDays = frozenset[tuple[datetime.date, int]]  # (date, half-day) pairs


@dataclass(frozen=True)
class ClassInput:
    id: int
    label: str
    programme_id: int
    sessions: int
    venue_ids: tuple[int, ...]  # the halls of its kelurahan that can take it
    location: tuple[float, float] | None


@dataclass(frozen=True)
class InstructorInput:
    id: int
    label: str
    programme_ids: frozenset[int]
    availability: int  # bits of balai.catalogue.availability
    max_per_week: int
    absences: tuple[tuple[datetime.date, datetime.date], ...]
    home: tuple[float, float] | None
    # Half-days they already teach in other batches' classes.
    busy: HalfDays = frozenset()

    def absent_on(self, day: datetime.date) -> bool:
        return any(start <= day <= end for start, end in self.absences)

    def free(self, day: datetime.date, slot: int) -> bool:
        """Whether they can teach a new session then: one of their half-days, not away,
        not teaching elsewhere."""
        return (
            is_available(self.availability, day.weekday(), slot)
            and not self.absent_on(day)
            and (day, slot) not in self.busy
        )


@dataclass(frozen=True)
class Weights:
    """What the solver trades off, per unit: an unscheduled class is far worse than anything."""

    unscheduled: int = 1_000_000
    travel_per_km_session: int = 10
    load_balance: int = 5  # per session of the busiest instructor's load


@dataclass
class Problem:
    window: Window
    classes: list[ClassInput]
    instructors: list[InstructorInput]
    venue_availability: dict[int, int]
    programme_names: dict[int, str] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)
    # Half-days each hall is already used by other batches' classes.
    venue_busy: dict[int, HalfDays] = field(default_factory=dict)
    # Sessions each instructor already teaches in other batches, by (instructor, week of the
    # window): they count towards the weekly limit.
    week_load: dict[tuple[int, int], int] = field(default_factory=dict)

    def venue_free(self, venue_id: int, day: datetime.date, slot: int) -> bool:
        return is_available(self.venue_availability[venue_id], day.weekday(), slot) and (
            day,
            slot,
        ) not in self.venue_busy.get(venue_id, frozenset())


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    """Great-circle distance; 0 when a location is unknown (travel then cannot be weighed)."""
    if a is None or b is None:
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))
