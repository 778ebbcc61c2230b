"""Days the tests derive from the pinned clock."""

from __future__ import annotations

import datetime

from django.utils import timezone


def monday_on_or_after(day: datetime.date) -> datetime.date:
    """Return `day` if it is a Monday, else the Monday after it (a training window's start)."""
    return day + datetime.timedelta(days=-day.weekday() % 7)


def morning_of(day: datetime.date) -> datetime.datetime:
    """Return 09:00 in the city on `day`: a moment to travel to (`time_machine.travel`)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
