"""One sending reports every problem at once, linked from a summary; a NIK warning is no error."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from balai.core.errors import ApplicationError
from balai.intake.models import Application, Batch
from balai.registry.models import Person, Sex
from balai.registry.nik import nik_compose
from balai.registry.phones import phone_normalise
from balai.testing.registration import (
    BIRTH_DATE,
    application_post,
    registration_form,
    registration_payload,
)

pytestmark = pytest.mark.django_db

# Kecamatan 99 of Kota Tangerang was never issued: a prefix no list knows.
UNKNOWN_REGION_NIK = nik_compose(
    region_code="36.71.99",
    birth_date=BIRTH_DATE,
    sex=Sex.FEMALE,
    serial=7,
)


def phone_refusal(phone: str) -> str:
    with translation.override("id"), pytest.raises(ApplicationError) as refusal:
        phone_normalise(phone)
    return refusal.value.message


def test_every_problem_is_reported_at_once_with_a_linked_summary(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(
        open_batch,
        sex="L",  # the NIK is a woman's
        phone="021 5551234",  # a landline
        email="siti@",
        choice_1="",
    )
    del data["consent"]
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    summary = page.split('data-testid="error-summary"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'href="#(\w+)"', summary)
    assert links == ["id_nik", "id_phone", "id_email", "id_programme_1", "id_consent"]
    assert "5 jawaban perlu diperbaiki" in summary
    assert "NIK ini untuk perempuan" in summary
    assert phone_refusal("021 5551234") in summary  # in the words of phone_normalise
    assert "persetujuan" in summary
    assert re.search(r'tabindex="-1" autofocus data-focus-on-load', page)
    # What was typed stays, to be corrected rather than typed again.
    assert 'value="siti@"' in page and 'value="021 5551234"' in page
    assert 'value="Siti Aminah"' in page
    assert not Person.objects.exists()


def test_a_nik_without_birth_date_still_has_its_length_checked(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(open_batch, nik="36710149039500", birth_date="")
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    assert "NIK terdiri dari tepat 16 angka; yang diisikan 14 angka" in page
    assert 'href="#id_nik"' in page and 'href="#id_birth_date"' in page


def test_a_number_that_cannot_be_a_mobile_is_refused(open_batch: Batch, client: Any) -> None:
    page = client.post(
        f"/register/{open_batch.code}/", registration_form(open_batch, phone="0812")
    ).content.decode()
    assert 'href="#id_phone"' in page
    assert not Application.objects.exists()


def test_an_unknown_nik_region_is_a_warning_and_the_registration_goes_through(
    open_batch: Batch, client: Any
) -> None:
    response = client.post(
        f"/register/{open_batch.code}/", registration_form(open_batch, nik=UNKNOWN_REGION_NIK)
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).content.decode()
    assert "367199" in page and "bukan kode kecamatan yang dikenal" in page
    assert Application.objects.count() == 1


def test_the_nik_warning_shows_on_the_form_beside_other_problems(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(open_batch, nik=UNKNOWN_REGION_NIK)
    del data["consent"]
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    warning = page.split('data-testid="nik-warning"', 1)[1].split("</div>", 1)[0]
    assert "367199" in warning
    assert "Ini hanya peringatan" in warning
    assert 'href="#id_nik"' not in page  # not an error


def test_the_api_answers_the_nik_warning(open_batch: Batch) -> None:
    response = application_post(
        Client(),
        registration_payload(open_batch, nik=UNKNOWN_REGION_NIK),
    )
    assert response.status_code == 201
    [warning] = response.json()["warnings"]
    assert "367199" in warning


def test_the_api_answers_no_warning_for_a_known_region(open_batch: Batch) -> None:
    response = application_post(Client(), registration_payload(open_batch))
    assert response.status_code == 201
    assert response.json()["warnings"] == []


def test_the_summary_names_each_field_without_doubled_punctuation(
    open_batch: Batch, client: Any
) -> None:
    """A question keeps its mark with no colon after it, and the consent is named, not
    quoted whole: "Apakah Anda kepala keluarga? Bidang ini …", not "keluarga?: Bidang"."""
    data = registration_form(open_batch, is_household_head="")
    del data["consent"]
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    summary = page.split('data-testid="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "?:" not in summary and ".:" not in summary
    assert "Apakah Anda kepala keluarga? " in summary
    assert "Persetujuan atas pernyataan privasi: " in summary
