from __future__ import annotations

import datetime
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from balai.core.encryption import decrypt_text, keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.logging import mask_identity_numbers
from balai.core.models import AuditEntry
from balai.core.request_context import acting_as
from balai.registry.models import DuplicateCandidate, Person, Sex
from balai.registry.nik import nik_check, nik_compose, nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.services import (
    PersonData,
    person_create,
    person_create_many,
    person_reveal_nik,
    person_update,
)
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.places import SUKARASA

BIRTH_DATE = datetime.date(1990, 5, 17)
WOMANS_NIK = "3671015705900001"  # 57 = 17 + 40: a woman born 17-05-1990


def test_a_nik_encodes_birth_date_and_sex() -> None:
    nik = nik_compose(region_code="36.71.01", birth_date=BIRTH_DATE, sex=Sex.FEMALE, serial=1)
    assert nik == WOMANS_NIK
    nik_check(nik=nik, birth_date=BIRTH_DATE, sex=Sex.FEMALE)


@pytest.mark.parametrize(
    ("nik", "birth_date", "sex", "code"),
    [
        ("367101570590001", BIRTH_DATE, Sex.FEMALE, "nik_length"),
        (WOMANS_NIK, BIRTH_DATE, Sex.MALE, "nik_sex"),
        (WOMANS_NIK, datetime.date(1990, 5, 18), Sex.FEMALE, "nik_birth_date"),
        ("3671015705900000", BIRTH_DATE, Sex.FEMALE, "nik_serial"),
    ],
)
def test_a_nik_that_disagrees_with_the_person_is_refused(
    nik: str, birth_date: datetime.date, sex: Sex, code: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        nik_check(nik=nik, birth_date=birth_date, sex=sex)
    assert refused.value.code == code


def test_a_nik_typed_with_spaces_or_other_digits_is_normalised() -> None:
    assert nik_normalise("3671 0157 0590 0001") == WOMANS_NIK
    assert nik_normalise("٣٦٧١٠١٥٧٠٥٩٠٠٠٠١") == WOMANS_NIK


@pytest.mark.django_db
def test_the_nik_is_stored_encrypted_hashed_and_masked(kota_tangerang: None) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    stored = Person.objects.filter(pk=person.pk).values().get()
    assert WOMANS_NIK not in json.dumps(stored, default=str)
    assert decrypt_text(stored["nik_encrypted"]) == WOMANS_NIK
    assert stored["nik_hash"] == keyed_hash(WOMANS_NIK)
    assert stored["nik_masked"] == "************0001"


@pytest.mark.django_db
def test_the_same_nik_cannot_be_registered_twice(kota_tangerang: None) -> None:
    PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    with pytest.raises(ApplicationError, match="NIK ini sudah terdaftar"):
        PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_registering_is_audited_with_the_actor_address_and_masked_values(
    kota_tangerang: None,
) -> None:
    operator = UserFactory.create(username="operator")
    with acting_as(operator, channel="web", ip_address="10.1.2.3"):
        PersonFactory.create(
            domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK, phone="+6281234567890"
        )
    entry = AuditEntry.objects.get(target_type="registry.person")
    assert (entry.actor, entry.ip_address, entry.action) == (operator, "10.1.2.3", "create")
    assert entry.changes["nik_masked"]["new"] == "************0001"
    assert entry.changes["phone"]["new"] == "+628*******890"
    every_entry = json.dumps(list(AuditEntry.objects.values()), default=str)
    assert WOMANS_NIK not in every_entry
    assert "81234567890" not in every_entry


def test_log_lines_never_carry_a_nik(caplog: Any) -> None:
    logger = logging.getLogger("balai.test")
    record = logger.makeRecord(
        "balai.test", logging.INFO, __file__, 1, "checking %s", (WOMANS_NIK,), None
    )
    from balai.core.logging import MaskIdentityNumbersFilter

    MaskIdentityNumbersFilter().filter(record)
    assert WOMANS_NIK not in record.getMessage()
    assert mask_identity_numbers(f"nik={WOMANS_NIK}.") == "nik=************0001."


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_nik_submitted_concurrently_yields_one_person(kota_tangerang: None) -> None:
    skip_unless_postgresql()
    place = kelurahan(SUKARASA)

    def register(_number: int) -> str:
        person_create(
            data=PersonData(
                nik=WOMANS_NIK,
                full_name="Siti Aminah",
                birth_date=BIRTH_DATE,
                sex=Sex.FEMALE,
                domicile_kelurahan=place,
            )
        )
        return "created"

    outcomes = run_concurrently(8, register)
    assert sorted(outcomes) == ["created"] + ["nik_registered"] * 7
    assert Person.objects.filter(nik_hash=keyed_hash(WOMANS_NIK)).count() == 1


def same_data_with_nik(person: Person, nik: str) -> PersonData:
    return PersonData(
        nik=nik,
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=Sex(person.sex),
        domicile_kelurahan=person.domicile_kelurahan,
        phone=person.phone,
    )


@pytest.mark.django_db
def test_correcting_a_niks_middle_digits_is_audited_though_the_mask_is_unchanged(
    kota_tangerang: None,
) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    corrected_nik = "3671025705900001"  # kecamatan 02 instead of 01: same first four, last two
    person_update(person=person, data=same_data_with_nik(person, corrected_nik))
    entry = AuditEntry.objects.get(target_type="registry.person", action="update")
    assert set(entry.changes) == {"nik_hash"}
    assert corrected_nik not in json.dumps(entry.changes)


@pytest.mark.django_db
def test_an_update_that_changes_nothing_records_nothing(kota_tangerang: None) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    person_update(person=person, data=same_data_with_nik(person, WOMANS_NIK))
    assert not AuditEntry.objects.filter(action="update").exists()


@pytest.mark.django_db
def test_only_an_admin_may_reveal_a_nik_and_it_is_audited(
    users_by_role: dict[str, Any],
) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK)
    with pytest.raises(PermissionDeniedError):
        person_reveal_nik(person=person, revealed_to=users_by_role["kelurahan_operator"])
    admin = users_by_role["admin"]
    with acting_as(admin, channel="web"):
        assert person_reveal_nik(person=person, revealed_to=admin) == WOMANS_NIK
    entry = AuditEntry.objects.get(action="reveal")
    assert entry.actor == admin


@pytest.mark.django_db
def test_a_list_with_a_registered_nik_saves_nobody(kota_tangerang: None) -> None:
    place = kelurahan(SUKARASA)
    PersonFactory.create(domicile_kelurahan=place, nik=WOMANS_NIK)
    rows = [
        PersonData(
            nik="3671011705900002",
            full_name="Budi",
            birth_date=BIRTH_DATE,
            sex=Sex.MALE,
            domicile_kelurahan=place,
        ),
        PersonData(
            nik=WOMANS_NIK,
            full_name="Siti",
            birth_date=BIRTH_DATE,
            sex=Sex.FEMALE,
            domicile_kelurahan=place,
        ),
    ]
    with pytest.raises(ApplicationError) as refused:
        person_create_many(rows=rows)
    assert refused.value.code == "nik_registered"
    assert Person.objects.count() == 1


def test_an_unknown_region_prefix_is_a_warning_not_a_refusal() -> None:
    unknown = nik_compose(region_code="99.99.99", birth_date=BIRTH_DATE, sex=Sex.FEMALE, serial=1)
    checked = nik_check(nik=unknown, birth_date=BIRTH_DATE, sex=Sex.FEMALE)
    assert checked.nik == unknown
    assert "999999" in checked.warnings[0]
    assert nik_check(nik=WOMANS_NIK, birth_date=BIRTH_DATE, sex=Sex.FEMALE).warnings == []


def test_a_historic_kecamatan_prefix_is_known() -> None:
    # Kota Tangerang's first kecamatan code, on KTPs issued long before the 2025 list.
    assert nik_check(nik=WOMANS_NIK, birth_date=BIRTH_DATE, sex=Sex.FEMALE).warnings == []


@pytest.mark.parametrize(
    "typed",
    ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456 7890", "0812.3456.7890"],
)
def test_phone_numbers_are_normalised_to_one_form(typed: str) -> None:
    assert phone_normalise(typed) == "+6281234567890"


@pytest.mark.parametrize("typed", ["021-5551234", "12345", "0812", "+1 202 555 0101"])
def test_a_number_that_is_not_an_indonesian_mobile_is_refused(typed: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        phone_normalise(typed)
    assert refused.value.code == "phone_invalid"


@pytest.mark.django_db(transaction=True)
def test_the_raw_nik_is_not_in_the_database_file(kota_tangerang: None) -> None:
    if connection.vendor != "sqlite" or connection.settings_dict["NAME"].startswith(
        ("file:", ":memory:")
    ):
        pytest.skip("reads the SQLite database file's bytes; the test database is in memory")
    PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), nik=WOMANS_NIK, kk_number="3671010101200001"
    )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(FULL)")
    content = Path(connection.settings_dict["NAME"]).read_bytes()
    assert b"************0001" in content  # the masked form is there, so the file was read
    assert WOMANS_NIK.encode() not in content
    assert b"3671010101200001" not in content


@pytest.mark.django_db
def test_possible_duplicates_go_to_the_review_queue(kota_tangerang: None) -> None:
    place = kelurahan(SUKARASA)
    first = PersonFactory.create(
        domicile_kelurahan=place, full_name="Siti  Aminah", phone="081234567890"
    )
    second = PersonFactory.create(
        domicile_kelurahan=place,
        full_name="siti aminah",
        birth_date=first.birth_date,
        phone="0899 1111 2222",
    )
    third = PersonFactory.create(domicile_kelurahan=place, full_name="Budi", phone="+6281234567890")
    queued = {
        (item.person_id, item.similar_to_id, item.reason)
        for item in DuplicateCandidate.objects.all()
    }
    assert queued == {(second.pk, first.pk, "name_birth_date"), (third.pk, first.pk, "phone")}


@pytest.mark.django_db
def test_an_operator_reviews_the_possible_duplicates_of_their_area(
    users_by_role: dict[str, Any], client: Any
) -> None:
    place = kelurahan(SUKARASA)
    PersonFactory.create(domicile_kelurahan=place, full_name="Siti Aminah", phone="081234567890")
    PersonFactory.create(
        domicile_kelurahan=place, full_name="Zulkarnaen Duplikat", phone="081234567890"
    )
    candidate = DuplicateCandidate.objects.get()
    client.force_login(users_by_role["kelurahan_operator"])
    assert "Zulkarnaen Duplikat" in client.get("/persons/duplicates/").content.decode()
    client.post(f"/persons/duplicates/{candidate.pk}/verdict/", {"verdict": "not_duplicate"})
    candidate.refresh_from_db()
    assert candidate.status == "not_duplicate"
    assert AuditEntry.objects.filter(target_type="registry.duplicatecandidate").exists()
    assert "Zulkarnaen Duplikat" not in client.get("/persons/duplicates/").content.decode()


def test_a_nik_that_disagrees_with_both_sex_and_birth_date_says_both_at_once() -> None:
    with pytest.raises(ApplicationError) as refused:
        nik_check(nik=WOMANS_NIK, birth_date=datetime.date(1991, 5, 17), sex=Sex.MALE)
    assert refused.value.code == "nik_sex"
    message = str(refused.value.details["nik"][0])
    assert "jenis kelamin" in message and "tanggal lahir 17-05-90, bukan 17-05-91" in message
