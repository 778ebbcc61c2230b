"""Timetabling problems as plain data, built in the tests: the solver's own tests need no
database. Dates count from a window that opens on the first Monday at least four weeks after
the pinned today; a day is named by its week of the window and its weekday (Monday is 0)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from balai.catalogue.availability import EVERY_SLOT
from balai.scheduling.patterns import Window
from balai.scheduling.problem import ClassInput, HalfDays, InstructorInput, Problem
from balai.testing.days import monday_on_or_after

MORNING, AFTERNOON = 0, 1
TANGERANG = (-6.1781, 106.6300)


def window_monday() -> datetime.date:
    return monday_on_or_after(timezone.localdate() + datetime.timedelta(weeks=4))


def day(week: int, weekday: int) -> datetime.date:
    """The date of `weekday` in `week` of the window."""
    return window_monday() + datetime.timedelta(weeks=week, days=weekday)


def window(*, weeks: int = 4, holidays: tuple[datetime.date, ...] = ()) -> Window:
    """A window of `weeks` whole weeks, Monday to Saturday."""
    return Window(window_monday(), day(weeks - 1, 5), frozenset(holidays))


def east_of_tangerang(km: float) -> tuple[float, float]:
    """A place about `km` east of the city's centre."""
    return (TANGERANG[0], TANGERANG[1] + km / 110.6)


def instructor(
    instructor_id: int,
    *,
    programmes: tuple[int, ...] = (1,),
    max_per_week: int = 12,
    availability: int = EVERY_SLOT,
    absences: tuple[tuple[datetime.date, datetime.date], ...] = (),
    busy: HalfDays = frozenset(),
    km: float = 0.0,
) -> InstructorInput:
    return InstructorInput(
        id=instructor_id,
        label=f"Instruktur {instructor_id}",
        programme_ids=frozenset(programmes),
        availability=availability,
        max_per_week=max_per_week,
        absences=absences,
        home=east_of_tangerang(km),
        busy=busy,
    )


def class_input(
    class_id: int,
    *,
    programme: int = 1,
    sessions: int = 12,
    venues: tuple[int, ...] = (10,),
    km: float = 0.0,
) -> ClassInput:
    return ClassInput(
        id=class_id,
        label=f"Kelas {class_id}",
        programme_id=programme,
        sessions=sessions,
        venue_ids=venues,
        location=east_of_tangerang(km),
    )


def problem(
    instructors: list[InstructorInput],
    classes: list[ClassInput] | None = None,
    *,
    weeks: int = 4,
    holidays: tuple[datetime.date, ...] = (),
    venues: dict[int, int] | None = None,
    venue_busy: dict[int, HalfDays] | None = None,
    week_load: dict[tuple[int, int], int] | None = None,
) -> Problem:
    """A problem over `weeks`; `venues` maps each hall to its weekly availability (by default
    halls 10 and 11, open every half-day)."""
    return Problem(
        window=window(weeks=weeks, holidays=holidays),
        classes=classes or [],
        instructors=instructors,
        venue_availability=venues or {10: EVERY_SLOT, 11: EVERY_SLOT},
        venue_busy=venue_busy or {},
        week_load=week_load or {},
    )
