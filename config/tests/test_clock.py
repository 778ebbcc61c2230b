"""The suite's pinned clock (the root conftest.py): today moved by the shift, at 09:00."""

from __future__ import annotations

import datetime
import os
import re
import time
from pathlib import Path

import time_machine
from django.utils import timezone

from balai.testing.days import morning_of

SHIFT_VARIABLE = "BALAI_TEST_CLOCK_SHIFT_DAYS"
PROJECT = Path(__file__).resolve().parents[2]


def real_today() -> datetime.date:
    """Return the real date in the city, whatever the pinned clock says."""
    if time_machine.escape_hatch.is_travelling():
        return timezone.localdate(time_machine.escape_hatch.datetime.datetime.now(tz=datetime.UTC))
    return timezone.localdate()


def test_a_test_runs_on_today_moved_by_the_shift_at_nine_in_the_morning(
    today: datetime.date,
) -> None:
    shift = datetime.timedelta(days=int(os.environ.get(SHIFT_VARIABLE, "0") or "0"))
    # The run took its today when it started; a run that began before midnight keeps it.
    assert today - shift in {real_today(), real_today() - datetime.timedelta(days=1)}
    now = timezone.localtime()
    assert now.date() == timezone.localdate() == today
    assert datetime.time(9) <= now.time() < datetime.time(9, 10)


def test_every_clock_agrees_and_time_flows_within_a_test(today: datetime.date) -> None:
    # time-machine patches the C-level clocks too: the library code's clocks agree.
    assert datetime.date.today() == today
    assert abs(time.time() - timezone.now().timestamp()) < 5
    before = timezone.now()
    time.sleep(0.01)
    assert timezone.now() > before


def test_a_trip_in_time_ends_back_on_the_pinned_clock(today: datetime.date) -> None:
    last_year = today - datetime.timedelta(days=365)
    with time_machine.travel(morning_of(last_year)):
        assert timezone.localdate() == last_year
    assert timezone.localdate() == today


PATCHED_CLOCK = re.compile(r"setattr\(\s*(?:['\"]django\.utils\.timezone\b|timezone\s*,)")


def test_no_test_patches_the_clock_by_hand() -> None:
    """A patched `timezone.now` disagrees with every other clock (a token minted under it
    expired in real time): tests travel with time-machine instead."""
    patched = [
        str(path.relative_to(PROJECT))
        for folder in ("balai", "config", "e2e")
        for path in (PROJECT / folder).rglob("*.py")
        if PATCHED_CLOCK.search(path.read_text(encoding="utf-8"))
    ]
    assert patched == []
