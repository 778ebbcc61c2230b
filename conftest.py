"""Settings every test run shares, wherever pytest is started from, and the pinned clock.

Every test runs on a pinned clock (time-machine): "today" is the real date in Kota
Tangerang (Asia/Jakarta) when the run started, moved by `BALAI_TEST_CLOCK_SHIFT_DAYS` days
(default 0), and every test starts at 09:00 of that day, so no test runs across midnight and
the whole run agrees on one today. Time still flows inside a test (`tick=True`).

Run the suite as it will be in 400 days' time, to catch a date bomb before it goes off:

    BALAI_TEST_CLOCK_SHIFT_DAYS=400 make test

How to write a test on it:

- Take every date from the pinned today: `timezone.localdate()` / `timezone.now()` in a test,
  a fixture or a helper (they are pinned whenever a test runs), or the `today` fixture. Never
  a fixed calendar date that is compared, however indirectly, with the clock (a training
  window, a deadline, a token's life, an age); `balai.conftest.monday_on_or_after(day)` gives
  a Monday to open a window on. Days a class can meet come from the Holiday table: national
  holidays move with the date.
- To be elsewhere in time for a while (during a session, after a deadline):
  `with time_machine.travel(moment):` (`import time_machine`; `moment` an aware datetime,
  e.g. `balai.conftest.morning_of(day)`; `tick=False` holds the clock still there). The
  pinned clock resumes when the block ends. Make what must outlive the trip (a login, an API
  token) before it. Never monkeypatch `timezone.now`: code that reads the clock another way
  (sessions, tokens, signing, libraries) would disagree with it.
- The database's own clock (SQL `NOW()`, `CURRENT_DATE`, defaults made by the database) is
  not pinned: code takes the time from Python (`timezone.now()`), never from the database.
"""

from __future__ import annotations

import datetime
import os
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.conf import settings as project_settings
from django.core.cache import cache

SHIFT_VARIABLE = "BALAI_TEST_CLOCK_SHIFT_DAYS"
LOCAL_ZONE = zoneinfo.ZoneInfo(project_settings.TIME_ZONE)  # Asia/Jakarta
# Mid-morning: far from midnight on both sides (in UTC too: 02:00), so neither a long test
# nor a time zone conversion lands on another date.
TIME_OF_DAY = datetime.time(9, 0)


def _clock_shift() -> datetime.timedelta:
    text = os.environ.get(SHIFT_VARIABLE, "0").strip() or "0"
    try:
        return datetime.timedelta(days=int(text))
    except ValueError:
        raise pytest.UsageError(f"{SHIFT_VARIABLE} must be a whole number of days") from None


# Taken once, so every test of a run that crosses midnight still sees the same today.
PINNED_TODAY = datetime.datetime.now(tz=LOCAL_ZONE).date() + _clock_shift()
PINNED_NOW = datetime.datetime.combine(PINNED_TODAY, TIME_OF_DAY, tzinfo=LOCAL_ZONE)


def pytest_report_header() -> str:
    return f"pinned clock: {PINNED_NOW.isoformat()} ({SHIFT_VARIABLE}={_clock_shift().days})"


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    with time_machine.travel(PINNED_NOW, tick=True):
        yield


@pytest.fixture
def today() -> datetime.date:
    """The pinned today (the real date in Asia/Jakarta, moved by the shift)."""
    return PINNED_TODAY


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test, browser tests too, with no rate-limit counters left by the tests
    before it (the cache lives as long as the process)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    # Jobs run in-process as they are queued, so a test sees their outcome at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A deliberately slow password hash protects real accounts; tests need no protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
