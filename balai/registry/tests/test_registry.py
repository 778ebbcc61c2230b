from __future__ import annotations

import datetime
import json
import logging
import threading
from typing import Any

import pytest
from django.db import connection

from balai.conftest import SUKARASA
from balai.core.encryption import decrypt_text, keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.logging import mask_identity_numbers
from balai.core.models import AuditEntry
from balai.core.request_context import acting_as
from balai.factories import PersonFactory, UserFactory, kelurahan
from balai.registry.models import Person, Sex
from balai.registry.nik import nik_check, nik_compose, nik_normalise
from balai.registry.services import (
    PersonData,
    person_create,
    person_create_many,
    person_reveal_nik,
    person_update,
)

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
    assert stored["nik_masked"] == "3671**********01"


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
    assert entry.changes["nik_masked"]["new"] == "3671**********01"
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
    assert mask_identity_numbers(f"nik={WOMANS_NIK}.") == "nik=3671**********01."


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_nik_submitted_concurrently_yields_one_person(kota_tangerang: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL runs these writers truly in parallel; CI runs it there")
    place = kelurahan(SUKARASA)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def register() -> None:
        barrier.wait()
        try:
            person_create(
                data=PersonData(
                    nik=WOMANS_NIK,
                    full_name="Siti Aminah",
                    birth_date=BIRTH_DATE,
                    sex=Sex.FEMALE,
                    domicile_kelurahan=place,
                )
            )
            outcomes.append("created")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
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
