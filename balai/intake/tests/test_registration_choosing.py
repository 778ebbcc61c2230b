"""Choosing on a phone: a programme first, then where; a light page; no JavaScript needed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings

from balai.catalogue.services import programme_upsert
from balai.intake.batches import offerings_create
from balai.intake.models import Application, Batch
from balai.intake.selectors import offering_list
from balai.regions.selectors import kelurahan_list
from balai.regions.services import kelurahan_locate
from balai.testing.batches import make_batch
from balai.testing.factories import kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.registration import registration_form

pytestmark = pytest.mark.django_db

OPTION = re.compile(r"<option\b")


def city_wide_batch() -> Batch:
    """A batch like Tangerang's: 16 programmes, each offered in every kelurahan of the city."""
    programmes = [
        programme_upsert(
            code=f"program-{number}",
            name=f"Program Pelatihan {number}",
            description="",
            hours=80,
            session_count=20,
            class_size=20,
            minimum_class_size=10,
        )
        for number in range(1, 17)
    ]
    batch = make_batch()
    places = list(kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE))
    offerings_create(
        batch=batch,
        rows=[(programme, place, None, 20) for programme in programmes for place in places],
    )
    return batch


def test_the_form_page_lists_no_offering_of_the_city_and_stays_light(
    kota_tangerang: None, client: Any, django_assert_max_num_queries: Any
) -> None:
    batch = city_wide_batch()
    with django_assert_max_num_queries(6):
        page = client.get(f"/register/{batch.code}/").content.decode()
    # The city's 104 kelurahan (where one lives) and 16 programmes for each of the three
    # choices, with a few answers; no longer 16 x 104 places three times over.
    assert len(OPTION.findall(page)) <= 104 + 3 * 17 + 20
    assert len(page.encode()) < 40_000
    assert 'name="choice_1"' not in page  # the places come once a programme is chosen


def test_the_places_of_a_programme_come_nearest_to_home_first(
    open_batch: Batch, client: Any, django_assert_max_num_queries: Any
) -> None:
    offerings_create(
        batch=open_batch,
        rows=[
            (offering.programme, kelurahan(BABAKAN), None, 15)
            for offering in offering_list(batch=open_batch).filter(kelurahan=SUKARASA)
        ],
    )
    for code, latitude, longitude in [
        (SUKARASA, -6.17, 106.63),
        (BABAKAN, -6.18, 106.64),
        (KERONCONG, -6.21, 106.56),
    ]:
        kelurahan_locate(kelurahan=kelurahan(code), latitude=latitude, longitude=longitude)
    with django_assert_max_num_queries(4):
        response = client.get(
            f"/register/{open_batch.code}/places/",
            {"rank": "2", "programme_2": "tata-boga", "domicile_kelurahan": BABAKAN},
        )
    page = response.content.decode()
    places = re.findall(r"Tata Boga — (\w+)", page)
    assert places == ["Babakan", "Sukarasa", "Keroncong"]
    assert "Kelurahan Anda" in page  # Babakan, where the resident lives
    assert re.search(r"1[,.]6 km dari rumah", page)  # Sukarasa, about 1.6 km away
    assert "15 kursi" in page and "20 kursi" in page
    assert page.count('name="choice_2"') == 3


def test_without_javascript_show_places_draws_the_places_and_keeps_what_was_typed(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(open_batch, choice_1="", programme_1="barista", show_places="1")
    response = client.post(f"/register/{open_batch.code}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="choice_1"') == 2  # Barista in Sukarasa and in Keroncong
    assert "Barista — Sukarasa" in page
    assert 'value="Siti Aminah"' in page
    assert 'data-testid="error-summary"' not in page  # drawn again, not judged
    assert not Application.objects.exists()


def test_a_suggested_programme_is_picked_with_one_tap_without_javascript(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(open_batch, choice_1="", pick_programme="tata-boga")
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    assert re.search(r'<option value="tata-boga" selected>', page)
    assert "Tata Boga — Sukarasa" in page
    assert not Application.objects.exists()


def test_suggestions_offer_a_tap_for_the_programmes_the_batch_offers(
    open_batch: Batch, client: Any
) -> None:
    answers = {"interest_activity": "cooking", "interest_workplace": "home"}
    page = client.post(
        "/register/suggestions/", {**answers, "batch": open_batch.code}
    ).content.decode()
    assert 'data-pick-programme="tata-boga"' in page
    assert 'data-pick-programme="barista"' in page
    assert "budidaya-ikan" in page  # suggested, but not offered in this batch: nothing to tap
    assert 'data-pick-programme="budidaya-ikan"' not in page


def test_a_resident_registers_with_a_place_fetched_for_the_programme(
    open_batch: Batch, client: Any
) -> None:
    places = client.get(
        f"/register/{open_batch.code}/places/",
        {"rank": "1", "programme_1": "barista", "domicile_kelurahan": SUKARASA},
    ).content.decode()
    keroncong = re.search(r'value="(\d+)"[^>]*>\s*<span><strong>Barista — Keroncong', places)
    assert keroncong is not None
    data = registration_form(open_batch, programme_1="barista", choice_1=keroncong[1])
    assert client.post(f"/register/{open_batch.code}/", data).status_code == 302
    choice = Application.objects.get().choices.get()
    assert (choice.offering.programme.code, choice.offering.kelurahan_id) == ("barista", KERONCONG)


def test_a_place_of_another_programme_than_the_one_selected_is_refused(
    open_batch: Batch, client: Any
) -> None:
    tata_boga = offering_list(batch=open_batch).get(kelurahan=SUKARASA, programme__code="tata-boga")
    data = registration_form(open_batch, programme_1="barista", choice_1=str(tata_boga.pk))
    page = client.post(f"/register/{open_batch.code}/", data).content.decode()
    assert "Program sudah diganti: pilih tempat mengikutinya." in page
    assert not Application.objects.exists()


def test_a_place_or_rank_that_python_reads_as_digits_is_refused_not_a_server_error(
    open_batch: Batch, client: Any
) -> None:
    # "²" passes str.isdigit() but not int(); 25 nines overflow the database's integer.
    client.raise_request_exception = False
    for odd in ("²²", "٣", "9" * 25):
        response = client.post(
            f"/register/{open_batch.code}/", registration_form(open_batch, choice_1=odd)
        )
        assert response.status_code == 200
        assert not Application.objects.exists()
        places = client.get(
            f"/register/{open_batch.code}/places/", {"rank": odd, "programme_1": "tata-boga"}
        )
        assert places.status_code == 200
        assert 'name="choice_1"' in places.content.decode()  # the first rank, as by default


def test_without_javascript_the_page_comes_back_at_the_choices_not_at_the_top(
    open_batch: Batch, client: Any
) -> None:
    """A form posted to an address with a fragment comes back scrolled to it: the resident
    sees the places just drawn, not the NIK field at the top of a long form."""
    page = client.get(f"/register/{open_batch.code}/").content.decode()
    assert 'id="choice-row-2"' in page
    assert re.search(r'name="show_places" value="2" formaction="#choice-row-2"', page)
    data = registration_form(open_batch, choice_1="", programme_1="")
    page = client.post(f"/register/{open_batch.code}/", data | {"show_places": "1"}).content
    assert b'id="choices"' in page
    assert re.search(rb'name="pick_programme" value="[\w-]+" formaction="#choices"', page)
