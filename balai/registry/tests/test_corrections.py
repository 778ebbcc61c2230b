"""A resident asks to correct their record; an operator of their kelurahan decides (issue 13,
point 8c): nothing changes until approved, a rejection says why, everything is audited."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import participant_username
from balai.accounts.usernames import sign_in_username
from balai.core.encryption import decrypt_text
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditEntry
from balai.notifications.models import Notification
from balai.registry.claims import claim_code_send
from balai.registry.contact import ContactDetails, person_contact_correct
from balai.registry.correction_selectors import correction_pending_count
from balai.registry.corrections import correction_approve, correction_reject, correction_request
from balai.registry.models import (
    AccountClaimCode,
    CorrectionField,
    CorrectionRequest,
    CorrectionStatus,
    DuplicateCandidate,
    Person,
)
from balai.registry.names import name_phonetic_key
from balai.registry.services import person_contact_restore, person_link_account
from balai.testing.clients import bearer, client_for
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.migration_rows import a_kelurahan, person_row
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"
BIRTH_DATE = datetime.date(1990, 5, 17)


@pytest.fixture
def resident(kota_tangerang: None) -> User:
    """A resident of Sukarasa (the kelurahan operator's) with an account."""
    person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA),
        full_name="Siti Aminah",
        birth_date=BIRTH_DATE,
        phone=PHONE,
        address="Jl. Mawar 5",
    )
    user = UserFactory.create(role=Role.PARTICIPANT)
    person_link_account(person=person, user=user)
    return user


def person_of(user: User) -> Person:
    return Person.objects.get(user=user)


def ask(user: User, field: str, new_value: str, reason: str = "Salah ketik") -> Any:
    return client_for(user).post(
        "/my-data/correction/",
        {"field": field, "new_value": new_value, "reason": reason},
        follow=True,
    )


def decide(operator: User, correction: CorrectionRequest, **data: str) -> Any:
    path = f"/persons/corrections/{correction.pk}/decision/"
    return client_for(operator).post(path, data, follow=True)


def test_a_request_changes_nothing_until_the_kelurahan_approves_it(
    resident: User, users_by_role: dict[str, User]
) -> None:
    page = ask(resident, "address", "Jl. Melati 7", reason="Alamat salah")
    assert "Data tidak berubah sampai kelurahan menyetujuinya" in page.content.decode()
    correction = CorrectionRequest.objects.get()
    assert (correction.old_value, correction.new_value) == ("Jl. Mawar 5", "Jl. Melati 7")
    assert person_of(resident).address == "Jl. Mawar 5"

    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    queue = client_for(operator).get("/persons/corrections/").content.decode()
    assert "Jl. Melati 7" in queue and "Alamat salah" in queue
    decide(operator, correction, decision="approve")

    assert person_of(resident).address == "Jl. Melati 7"
    told = Notification.objects.get(person=person_of(resident), kind="correction_approved")
    assert "mengoreksi alamat Anda" in told.body
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by) == (CorrectionStatus.APPROVED, operator)
    person_entry = AuditEntry.objects.get(target_type="registry.person", actor=operator)
    assert person_entry.changes == {"address": {"old": "***", "new": "***"}}
    actions = AuditEntry.objects.filter(target_type="registry.correctionrequest")
    assert sorted(actions.values_list("action", flat=True)) == ["create", "update"]
    assert "Melati" not in json.dumps(list(actions.values_list("changes", flat=True)))


def test_a_rejection_needs_a_reason_which_the_resident_reads(
    resident: User, users_by_role: dict[str, User]
) -> None:
    correction = correction_request(
        person=person_of(resident),
        field=CorrectionField.PHONE,
        new_value="0813 1111 2222",
        reason="Nomor baru",
        requested_by=resident,
    )
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    page = decide(operator, correction, decision="reject", decision_reason="")
    assert "Tulis alasannya." in page.content.decode()
    decide(operator, correction, decision="reject", decision_reason="Nomor tidak aktif")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED
    assert person_of(resident).phone == PHONE
    told = Notification.objects.get(person=person_of(resident), kind="correction_rejected")
    assert "Nomor tidak aktif" in told.body
    own = client_for(resident).get("/my-data/").content.decode()
    assert "Nomor tidak aktif" in own and "Ditolak" in own


def test_an_operator_of_another_kelurahan_neither_sees_nor_decides(
    resident: User, users_by_role: dict[str, User]
) -> None:
    correction = correction_request(
        person=person_of(resident),
        field=CorrectionField.FULL_NAME,
        new_value="Siti Aminah Lubis",
        reason="Nama lengkap",
        requested_by=resident,
    )
    elsewhere = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))
    assert "Lubis" not in client_for(elsewhere).get("/persons/corrections/").content.decode()
    assert decide(elsewhere, correction, decision="approve").status_code == 404
    with pytest.raises(PermissionDeniedError):
        correction_approve(correction=correction, operator=elsewhere)
    with pytest.raises(PermissionDeniedError):
        correction_approve(correction=correction, operator=resident)
    assert correction_pending_count(user=elsewhere) == 0
    assert correction_pending_count(user=users_by_role[Role.KELURAHAN_OPERATOR]) == 1
    assert correction_pending_count(user=users_by_role[Role.KECAMATAN_OPERATOR]) == 1
    assert person_of(resident).full_name == "Siti Aminah"


def test_the_nik_is_not_self_service_and_a_birth_date_must_agree_with_it(
    resident: User,
) -> None:
    page = ask(resident, "nik", "3671010101900001")
    assert "bukan salah satu dari pilihan" in page.content.decode()  # not a choice at all
    page = ask(resident, "birth_date", "18-05-1990").content.decode()
    assert "datanglah ke kantor kelurahan dengan membawa KTP" in page
    assert not CorrectionRequest.objects.exists()
    # The NIK holds the birth date but for its century: that alone may be corrected here.
    ask(resident, "birth_date", "17-05-2090")
    assert not CorrectionRequest.objects.exists()  # in the future
    person = person_of(resident)
    Person.objects.filter(pk=person.pk).update(birth_date=datetime.date(1890, 5, 17))
    ask(resident, "birth_date", "17-05-1990")
    assert CorrectionRequest.objects.get().new_value == "1990-05-17"


def test_bad_values_get_a_clear_message_and_save_nothing(resident: User) -> None:
    for field, value, message in [
        ("phone", "12345", "nomor seluler Indonesia"),
        ("email", "bukan-email", "Ini bukan alamat e-mail"),
        ("full_name", "Siti 3671010101900001", "Nama tidak berisi angka panjang"),
        ("address", "Jl. Mawar 5", "Data Anda sudah tertulis seperti ini."),
    ]:
        page = ask(resident, field, value)
        assert page.status_code == 200
        assert message in page.content.decode(), field
    assert "reason" in ask(resident, "address", "Jl. Baru", reason=" ").context["form"].errors
    assert not CorrectionRequest.objects.exists()


def test_asking_twice_makes_one_request_and_another_value_waits_for_the_answer(
    resident: User,
) -> None:
    ask(resident, "address", "Jl. Melati 7")
    ask(resident, "address", "Jl. Melati 7")  # a double click
    assert CorrectionRequest.objects.count() == 1
    page = ask(resident, "address", "Jl. Kenanga 9").content.decode()
    assert "Tunggu jawaban kelurahan" in page
    assert CorrectionRequest.objects.count() == 1


def test_an_approval_never_overwrites_a_change_made_meanwhile(
    resident: User, users_by_role: dict[str, User]
) -> None:
    person = person_of(resident)
    correction = correction_request(
        person=person,
        field=CorrectionField.PHONE,
        new_value="0813 1111 2222",
        reason="Nomor baru",
        requested_by=resident,
    )
    # Meanwhile the front desk gave the resident back another number, seeing the KTP.
    person_contact_restore(
        person=person, phone="0815 3333 4444", domicile_kelurahan=person.domicile_kelurahan
    )
    with pytest.raises(ApplicationError) as refused:
        correction_approve(correction=correction, operator=users_by_role[Role.KELURAHAN_OPERATOR])
    assert refused.value.code == "correction_stale"
    assert Person.objects.get(pk=person.pk).phone == "+6281533334444"


def test_a_decided_request_cannot_be_decided_again(
    resident: User, users_by_role: dict[str, User]
) -> None:
    correction = correction_request(
        person=person_of(resident),
        field=CorrectionField.EMAIL,
        new_value="siti@contoh.id",
        reason="E-mail baru",
        requested_by=resident,
    )
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    correction_approve(correction=correction, operator=operator)
    with pytest.raises(ApplicationError) as refused:
        correction_reject(correction=correction, operator=operator, reason="Salah")
    assert refused.value.code == "decided"
    assert person_of(resident).email == "siti@contoh.id"


def test_a_corrected_name_is_looked_at_for_duplicates(
    resident: User, users_by_role: dict[str, User]
) -> None:
    PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA),
        full_name="Siti Aminah Lubis",
        birth_date=BIRTH_DATE,
        phone="+6281999999999",
    )
    correction = correction_request(
        person=person_of(resident),
        field=CorrectionField.FULL_NAME,
        new_value="Siti  Aminah Lubis",
        reason="Nama lengkap",
        requested_by=resident,
    )
    correction_approve(correction=correction, operator=users_by_role[Role.KELURAHAN_OPERATOR])
    person = person_of(resident)
    assert (person.full_name, person.name_key) == ("Siti Aminah Lubis", "siti aminah lubis")
    assert person.name_phonetic == name_phonetic_key("Siti Aminah Lubis")  # found by it
    resident.refresh_from_db()
    assert resident.first_name == "Siti Aminah Lubis"  # the account greets them by it too
    assert DuplicateCandidate.objects.filter(person=person).exists()


def test_operators_are_shown_how_many_requests_wait(
    resident: User, users_by_role: dict[str, User]
) -> None:
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    assert (
        'data-testid="corrections-pending"'
        not in operator.get("/persons/duplicates/").content.decode()
    )
    ask(resident, "address", "Jl. Melati 7")
    page = operator.get("/persons/duplicates/").content.decode()
    assert "1 permintaan perbaikan data menunggu Anda." in page
    assert 'href="/persons/corrections/"' in page
    home = operator.get("/").content.decode()
    assert 'data-testid="pending-corrections"' in home and 'href="/persons/corrections/"' in home


def test_the_queue_reads_in_a_fixed_number_of_queries(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for serial in range(5):
        person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
        user = UserFactory.create(role=Role.PARTICIPANT)
        person_link_account(person=person, user=user)
        correction_request(
            person=person,
            field=CorrectionField.ADDRESS,
            new_value=f"Jl. Baru {serial}",
            reason="Pindah RT",
            requested_by=user,
        )
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    with django_assert_max_num_queries(8):
        page = operator.get("/persons/corrections/")
    assert page.content.decode().count('data-testid="correction"') == 5


def test_the_api_asks_and_lists_the_residents_own_requests(resident: User) -> None:
    api = bearer(resident)
    body = {"field": "address", "new_value": "Jl. Melati 7", "reason": "Alamat salah"}
    created = api.post("/api/v1/persons/me/corrections", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "pending"
    refused = api.post(
        "/api/v1/persons/me/corrections",
        {**body, "field": "email", "new_value": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "email_invalid"
    listed = api.get("/api/v1/persons/me/corrections").json()
    assert [item["new_value"] for item in listed] == ["Jl. Melati 7"]
    nik = {**body, "field": "nik"}
    assert (
        api.post("/api/v1/persons/me/corrections", nik, content_type="application/json").status_code
        == 422
    )
    assert CorrectionRequest.objects.count() == 1
    assert Client().get("/api/v1/persons/me/corrections").status_code == 401


def test_the_correction_table_comes_and_goes_with_its_migration(migrator: Any) -> None:
    before = ("registry", "0008_person_name_phonetic_fill_frontdesk")
    old = migrator.apply_initial_migration(before)
    with pytest.raises(LookupError):
        old.apps.get_model("registry", "CorrectionRequest")
    new = migrator.apply_tested_migration(("registry", "0009_correction_request"))
    person = person_row(new.apps, "3671015705900001", a_kelurahan(new.apps), "************0001")
    new.apps.get_model("registry", "CorrectionRequest").objects.create(
        person=person, field="address", new_value="Jl. Melati 7", reason="Alamat salah"
    )
    back = migrator.apply_tested_migration(before)
    with pytest.raises(LookupError):
        back.apps.get_model("registry", "CorrectionRequest")
    assert back.apps.get_model("registry", "Person").objects.count() == 1


def named_after_the_phone(user: User) -> User:
    user.username = participant_username(PHONE)
    user.save(update_fields=["username"])
    return user


def test_a_corrected_phone_is_the_number_the_resident_signs_in_with(
    resident: User, users_by_role: dict[str, User]
) -> None:
    named_after_the_phone(resident)
    correction = correction_request(
        person=person_of(resident),
        field=CorrectionField.PHONE,
        new_value="0813-1111-2222",
        reason="Nomor baru",
        requested_by=resident,
    )
    correction_approve(correction=correction, operator=users_by_role[Role.KELURAHAN_OPERATOR])
    resident.refresh_from_db()
    assert resident.username == sign_in_username("0813 1111 2222") == "6281311112222"


def test_a_phone_corrected_at_the_desk_renames_the_account_unless_the_name_is_taken(
    resident: User,
) -> None:
    named_after_the_phone(resident)
    UserFactory.create(username="6281399998888")
    person = person_of(resident)

    def correct(phone: str) -> None:
        details = ContactDetails(phone, "", person.address, person.domicile_kelurahan)
        person_contact_correct(person=person, details=details, reason="Ganti nomor")

    correct("0813 1111 2222")
    resident.refresh_from_db()
    assert resident.username == "6281311112222"
    correct("0813 9999 8888")  # another account has that name: this one keeps its own
    resident.refresh_from_db()
    assert resident.username == "6281311112222"


def test_an_approved_phone_correction_ends_the_codes_sent_to_the_old_phone(
    resident: User, users_by_role: dict[str, User]
) -> None:
    person = person_of(resident)
    claim_code_send(nik=decrypt_text(person.nik_encrypted), phone=PHONE)
    correction = correction_request(
        person=person,
        field=CorrectionField.PHONE,
        new_value="0813 1111 2222",
        reason="Ponsel lama hilang",
        requested_by=resident,
    )
    correction_approve(correction=correction, operator=users_by_role[Role.KELURAHAN_OPERATOR])
    assert not AccountClaimCode.objects.filter(person=person, used_at__isnull=True).exists()
