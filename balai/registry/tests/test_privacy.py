"""A masked NIK must not be rebuildable from what is shown beside it: only its last four
digits, and no birth date on the same page unless the viewer needs it."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from balai.accounts.models import Role, User
from balai.core.encryption import decrypt_text
from balai.core.models import AuditEntry
from balai.registry.models import Person
from balai.testing.clients import bearer, client_for
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
BIRTH_DATE = datetime.date(1987, 8, 23)
OLD_MASK = re.compile(r"\d{4}\*{10}\d{2}")  # first four and last two digits


def nik_of(person: Person) -> str:
    return decrypt_text(person.nik_encrypted)


def assert_no_rebuildable_nik(page: str, person: Person) -> None:
    nik = nik_of(person)
    assert "*" * 12 + nik[-4:] in page  # the mask is there: the person is on the page
    assert nik[:4] not in page and not OLD_MASK.search(page)
    assert str(person.birth_date.year) not in page


def test_the_residents_list_shows_the_last_four_digits_and_no_birth_date(
    users_by_role: dict[str, User],
) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), birth_date=BIRTH_DATE)
    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/persons/")
    assert_no_rebuildable_nik(page.content.decode(), person)


def test_the_duplicate_queue_compares_birth_dates_without_showing_them(
    users_by_role: dict[str, User],
) -> None:
    place = kelurahan(SUKARASA)
    first = PersonFactory.create(
        domicile_kelurahan=place,
        full_name="Siti Aminah",
        birth_date=BIRTH_DATE,
        phone="081111111111",
    )
    second = PersonFactory.create(
        domicile_kelurahan=place,
        full_name="Siti Aminah",
        birth_date=BIRTH_DATE,
        phone="082222222222",
    )
    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/persons/duplicates/")
    text = page.content.decode()
    assert_no_rebuildable_nik(text, first)
    assert_no_rebuildable_nik(text, second)
    assert "Tanggal lahir sama." in text


def test_the_person_api_answers_the_last_four_digits_and_no_birth_date(
    users_by_role: dict[str, User],
) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), birth_date=BIRTH_DATE)
    body = bearer(users_by_role[Role.KELURAHAN_OPERATOR]).get("/api/v1/persons/").json()
    (item,) = body["items"]
    assert item["nik_masked"] == "*" * 12 + nik_of(person)[-4:]
    assert "birth_date" not in item
    assert "1987" not in json.dumps(item)


def test_the_audit_log_records_a_birth_date_change_without_the_date(kota_tangerang: None) -> None:
    PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), birth_date=BIRTH_DATE)
    entry = AuditEntry.objects.get(target_type="registry.person", action="create")
    assert entry.changes["birth_date"] == {"old": "", "new": "[tersembunyi]"}
    assert "1987" not in json.dumps(entry.changes)
    assert not OLD_MASK.search(entry.target_label + json.dumps(entry.changes))
