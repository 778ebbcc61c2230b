"""The demo's residents are of training age in whatever year the demo is loaded."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from balai.demo.randomness import RandomStreams
from balai.demo.seed import SCALES, resident_rows
from balai.intake.rules import age_on
from balai.regions.selectors import kelurahan_list
from balai.testing.days import morning_of

pytestmark = pytest.mark.django_db


def test_the_demo_residents_are_of_working_age_in_any_year(
    kota_tangerang: None, today: datetime.date
) -> None:
    places = list(kelurahan_list(regency_code="36.71")[:2])
    for years in (0, 12, 30):
        with time_machine.travel(morning_of(today + datetime.timedelta(days=365 * years))):
            streams = RandomStreams(1, "residents")
            rows = resident_rows(SCALES["small"], places, streams.faker, streams.chooser)
            ages = [age_on(row.birth_date, timezone.localdate()) for row in rows]
        # 18 to 60 years old: most within a batch's default age range (18 to 55).
        assert min(ages) >= 18 and max(ages) <= 60, years
