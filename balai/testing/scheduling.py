"""A city of offerings to timetable, with its training window and a local holiday."""

from __future__ import annotations

import datetime

from django.utils import timezone

from balai.catalogue.models import Programme
from balai.catalogue.services import instructor_create, venue_upsert
from balai.intake.models import Batch
from balai.regions.services import kelurahan_locate
from balai.scheduling.models import Holiday, HolidayKind
from balai.testing.batches import make_open_batch
from balai.testing.days import monday_on_or_after
from balai.testing.factories import kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA

PLACES = {
    SUKARASA: (-6.1781, 106.6300),
    BABAKAN: (-6.1700, 106.6400),
    KERONCONG: (-6.2050, 106.5600),
}


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
