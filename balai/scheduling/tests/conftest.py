"""A small city for timetabling: three programmes of 20 sessions in two kelurahan, two
qualified instructors per programme, one hall per kelurahan, an eight-week window."""

from __future__ import annotations

import datetime

import pytest

from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_create, venue_upsert
from balai.conftest import BABAKAN, KERONCONG, SUKARASA, make_open_batch
from balai.factories import kelurahan
from balai.intake.models import Batch
from balai.regions.services import kelurahan_locate
from balai.scheduling.models import Holiday, HolidayKind

MONDAY = datetime.date(2027, 1, 4)
LOCAL_HOLIDAY = datetime.date(2027, 1, 12)
PLACES = {
    SUKARASA: (-6.1781, 106.6300),
    BABAKAN: (-6.1700, 106.6400),
    KERONCONG: (-6.2050, 106.5600),
}


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> Batch:
    return make_city(programmes)


def make_city(programmes: list[Programme], monday: datetime.date = MONDAY) -> Batch:
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
    Holiday.objects.create(date=LOCAL_HOLIDAY, name="Libur daerah", kind=HolidayKind.LOCAL)
    return batch


def instructors_of(programme: Programme) -> list[Instructor]:
    return list(programme.instructors.order_by("pk"))
