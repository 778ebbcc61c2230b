"""NIK, KK and phone numbers as people type them (issue 11, point 7): every character is
normalised or refused with a message naming it; nothing else ever escapes the parsers."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.core.errors import ApplicationError
from balai.intake.models import Application, Batch
from balai.registry.models import Sex
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.phones import phone_normalise
from balai.testing.registration import registration_form, registration_payload

NIK = "3671014903950001"


def in_script(digits: str, zero: int) -> str:
    """Return ASCII `digits` written in the script whose zero is code point `zero`."""
    return "".join(chr(zero + int(digit)) if digit.isdigit() else digit for digit in digits)


FULLWIDTH_ZERO, ARABIC_INDIC_ZERO = 0xFF10, 0x0660


@pytest.mark.parametrize(
    "typed",
    [
        "3671 0149 0395 0001",
        "3671-0149-0395-0001",
        in_script(NIK, FULLWIDTH_ZERO),  # from a Japanese or Chinese keyboard
        in_script(NIK, ARABIC_INDIC_ZERO),  # from an Arabic keyboard
        "3671\u200b0149\u00ad0395\ufeff0001",  # zero-width space, soft hyphen, byte order mark
        "3671\u00a00149\u20140395\u20110001",  # no-break space, em dash, non-breaking hyphen
    ],
)
def test_separators_marks_and_other_scripts_digits_are_normalised(typed: str) -> None:
    assert nik_normalise(typed) == NIK


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("36710149O3950001", "«O» (U+004F LATIN CAPITAL LETTER O)"),
        ("3671014903950OO1", "U+004F"),
        ("367101490395000l", "«l» (U+006C LATIN SMALL LETTER L)"),
        ("36710149039500²1", "«²» (U+00B2 SUPERSCRIPT TWO)"),
        ("367101490395000①", "«①» (U+2460 CIRCLED DIGIT ONE)"),
        ("3671014903950001\x00", "(U+0000)"),
        ("3671014903950001\ud800", "(U+D800)"),
    ],
)
def test_look_alikes_and_other_characters_are_refused_by_name(typed: str, named: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        nik_normalise(typed)
    assert refused.value.code == "nik_character"
    assert named in refused.value.message
    refused.value.message.encode("utf-8")  # printable on any page, even for a lone surrogate


def test_a_phone_in_other_scripts_digits_is_normalised() -> None:
    assert phone_normalise(in_script("0812\uff0d3456 7890", FULLWIDTH_ZERO)) == "+6281234567890"
    assert phone_normalise("+62 812\u200b3456 7890") == "+6281234567890"


def test_a_phone_with_a_letter_is_refused_by_name() -> None:
    with pytest.raises(ApplicationError) as refused:
        phone_normalise("0812 3456 789O")
    assert refused.value.code == "phone_character" and "U+004F" in refused.value.message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_the_nik_parser_only_answers_or_refuses(typed: str) -> None:
    try:
        nik = nik_normalise(typed)
        nik_check(nik=nik, birth_date=datetime.date(1995, 3, 9), sex=Sex.FEMALE)
    except ApplicationError as error:
        error.message.encode("utf-8")
    else:
        assert nik.isascii() and nik.isdigit()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_the_phone_parser_only_answers_or_refuses(typed: str) -> None:
    try:
        phone = phone_normalise(typed)
    except ApplicationError as error:
        error.message.encode("utf-8")
    else:
        assert phone.startswith("+628") and phone[1:].isascii() and phone[1:].isdigit()


@pytest.mark.django_db
def test_the_form_names_the_character_and_saves_nothing(open_batch: Batch) -> None:
    page = Client().post(
        f"/register/{open_batch.code}/", registration_form(open_batch, nik="36710149039500²1")
    )
    assert page.status_code == 200
    assert "SUPERSCRIPT TWO" in page.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("nik", ["36710149039500²1", "3671014903950001\ud800", "367101①"])
def test_the_api_names_the_character_and_saves_nothing(open_batch: Batch, nik: str) -> None:
    body = json.dumps(registration_payload(open_batch, nik=nik))  # \ud800 travels as JSON's escape
    response = Client().post("/api/v1/applications/", body, content_type="application/json")
    assert response.status_code in {400, 422}
    answer: dict[str, Any] = response.json()
    assert answer["code"] in {"nik_character", "invalid_input"}
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("3671014903950001", "name_letters"),  # a NIK typed into the name box
        ("Siti 081234567890", "name_number"),
        ("\u200b", "full_name_character"),  # an invisible space alone
        ("Siti\u202eanimA", "full_name_character"),  # a direction override
        ("Siti\x00Aminah", "full_name_character"),
    ],
)
def test_a_name_that_is_no_name_is_refused(name: str, code: str) -> None:
    from balai.registry.typed import name_typed

    with pytest.raises(ApplicationError) as refused:
        name_typed(name)
    assert refused.value.code == code


@pytest.mark.django_db
@pytest.mark.parametrize("kk", ["0000000000000000", "3671019913200001", "3671010101200000"])
def test_a_kk_number_that_cannot_exist_is_refused(kota_tangerang: None, kk: str) -> None:
    from balai.registry.services import person_create
    from balai.testing.registration import person_data

    with pytest.raises(ApplicationError) as refused:
        person_create(data=person_data(kk_number=kk))
    assert refused.value.code == "kk_impossible"
