"""The registration form reaches a resident's phone on slow data: for a batch offered across
the whole city (Kota Tangerang's 104 kelurahan, five programmes each), a first visit
transfers under 50 KB (page, stylesheet, scripts, icon, headers)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from balai.demo.seed import demo_programmes
from balai.intake.batches import offerings_create
from balai.regions.selectors import kelurahan_list
from balai.testing.batches import make_batch
from balai.testing.page_weight import first_visit_bytes

pytestmark = pytest.mark.django_db
REGISTRATION_BUDGET = 50_000  # bytes transferred on a first visit
PROGRAMMES_PER_KELURAHAN = 5


def test_the_registration_form_of_a_city_wide_batch_weighs_under_its_budget(
    kota_tangerang: None,
) -> None:
    programmes = demo_programmes()
    batch = make_batch()
    rows = [
        (programmes[(index * PROGRAMMES_PER_KELURAHAN + offset) % len(programmes)], place, None, 20)
        for index, place in enumerate(kelurahan_list(regency_code="36.71"))
        for offset in range(PROGRAMMES_PER_KELURAHAN)
    ]
    assert offerings_create(batch=batch, rows=rows) == 520
    response = Client().get(
        reverse("intake:register", args=[batch.code]), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert first_visit_bytes(response) < REGISTRATION_BUDGET
