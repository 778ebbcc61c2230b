"""The holiday calendar: loaded from the national calendar, edits kept."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from balai.scheduling.holidays_calendar import holidays_load
from balai.scheduling.models import Holiday, HolidayKind

pytestmark = pytest.mark.django_db


def test_national_holidays_and_cuti_bersama_are_loaded_and_edits_are_kept() -> None:
    Holiday.objects.create(
        date=datetime.date(2026, 8, 17), name="HUT RI (diubah)", kind=HolidayKind.LOCAL
    )
    added = holidays_load(year=2026)
    assert added > 15
    independence = Holiday.objects.get(date=datetime.date(2026, 8, 17))
    assert independence.name == "HUT RI (diubah)"  # an admin's edit survives a reload
    assert Holiday.objects.get(date=datetime.date(2026, 3, 23)).kind == HolidayKind.CUTI_BERSAMA
    assert Holiday.objects.get(date=datetime.date(2026, 1, 1)).kind == HolidayKind.NATIONAL
    call_command("load_holidays", "2026", verbosity=0)
    assert holidays_load(year=2026) == 0
