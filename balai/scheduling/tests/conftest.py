"""A small city for timetabling: three programmes of 20 sessions in two kelurahan, two
qualified instructors per programme, one hall per kelurahan, an eight-week window that opens
on the first Monday at least four weeks after the pinned today (registration closes before
it), with a local holiday on the Tuesday of its second week.

The window moves with the clock, so it may hold national holidays (the solve loads the
`holidays` calendar for a year that has no holiday yet): take the days a class can meet from
the Holiday table, never from a count made for one calendar."""

from __future__ import annotations

import pytest

from balai.catalogue.models import Programme
from balai.intake.models import Batch
from balai.testing.scheduling import make_city


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> Batch:
    return make_city(programmes)
