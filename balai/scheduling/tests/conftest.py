"""A small city for timetabling: three programmes of 20 sessions in two kelurahan, two
qualified instructors per programme, one hall per kelurahan, an eight-week window that opens
on the first Monday at least four weeks after the pinned today (registration closes before
it), with a local holiday on the Tuesday of its second week.

The window moves with the clock, so it may hold national holidays (the solve loads the
`holidays` calendar for a year that has no holiday yet): take the days a class can meet from
the Holiday table, never from a count made for one calendar."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.catalogue.services import instructor_create, venue_upsert
from balai.conftest import BABAKAN, KERONCONG, SUKARASA, make_open_batch, monday_on_or_after
from balai.factories import kelurahan
from balai.intake.models import Batch
from balai.regions.services import kelurahan_locate
from balai.scheduling.models import Holiday, HolidayKind

PLACES = {
    SUKARASA: (-6.1781, 106.6300),
    BABAKAN: (-6.1700, 106.6400),
    KERONCONG: (-6.2050, 106.5600),
}


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> Batch:
    return make_city(programmes)


def window_monday() -> datetime.date:
    """The Monday the city's training window opens on: at least four weeks from today."""
    return monday_on_or_after(timezone.localdate() + datetime.timedelta(weeks=4))


def past_window_monday() -> datetime.date:
    """The Monday of a window wholly in the past: 13 weeks before today, so its eight weeks
    ended a month ago."""
    return monday_on_or_after(timezone.localdate() - datetime.timedelta(weeks=13))


def local_holiday_of(batch: Batch) -> datetime.date:
    """The city's local holiday: the Tuesday of the window's second week."""
    return batch.training_starts_on + datetime.timedelta(days=8)


def make_city(programmes: list[Programme], monday: datetime.date | None = None) -> Batch:
    """The city of the module's docstring; `monday` moves its window."""
    monday = monday or window_monday()
    for code, (latitude, longitude) in PLACES.items():
        kelurahan_locate(kelurahan=kelurahan(code), latitude=latitude, longitude=longitude)
    batch = make_open_batch(
        programmes,
        training_starts_on=monday,
        training_ends_on=monday + datetime.timedelta(weeks=8, days=-2),
    )
    for code in (SUKARASA, KERONCONG):
        venue_upsert(kelurahan=kelurahan(code), name="Aula", address="", capacity=30)
    for programme in programmes:
        for home in (BABAKAN, KERONCONG):
            instructor_create(
                full_name=f"{programme.name} {home}",
                home_kelurahan=kelurahan(home),
                programmes=[programme],
            )
    Holiday.objects.create(
        date=local_holiday_of(batch), name="Libur daerah", kind=HolidayKind.LOCAL
    )
    return batch
