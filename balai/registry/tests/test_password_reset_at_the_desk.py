"""Getting back in without e-mail (issue 13, point 2): the code sent to the phone on record
resets a forgotten password, the sign-in page leads there, and an operator of the resident's
area, KTP in hand, makes a code at the front desk from the resident's page (audited)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import participant_account_create, user_password_set
from balai.core.encryption import decrypt_text
from balai.core.errors import ApplicationError
from balai.core.models import AuditEntry
from balai.notifications.models import Notification
from balai.registry.claims import password_reset_code_issue
from balai.registry.models import AccountClaimCode, Person
from balai.registry.services import person_link_account
from balai.testing.clients import client_for
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db
OLD_PASSWORD = "Lama-mangga-lemon-41"
NEW_PASSWORD = "Baru-durian-nanas-77"


@pytest.fixture
def resident(kota_tangerang: None) -> Person:
    """A resident of Sukarasa with an account, named after the phone, and a password."""
    person: Person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), phone="+6281234567890"
    )
    account = participant_account_create(full_name=person.full_name, phone=person.phone)
    user_password_set(user=account, password=OLD_PASSWORD)
    person_link_account(person=person, user=account)
    return Person.objects.select_related("user").get(pk=person.pk)


def nik_of(person: Person) -> str:
    return decrypt_text(person.nik_encrypted)


def reset_page(person: Person) -> str:
    return f"/persons/{person.public_id}/password-reset/"


def claim(client: Client, nik: str, code: str) -> Any:
    return client.post(
        "/accounts/claim/code/",
        {"nik": nik, "code": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def signs_in(typed: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": typed, "password": password})
    return bool(response.status_code == 302)


def test_the_sign_in_page_leads_a_forgotten_password_to_the_code(kota_tangerang: None) -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert re.search(r'<a href="/accounts/claim/"[^>]*>Lupa kata sandi\?</a>', page)


def test_a_code_to_the_phone_on_record_resets_a_forgotten_password(resident: Person) -> None:
    client = Client()
    client.post("/accounts/claim/", {"nik": nik_of(resident), "phone": "0812-3456-7890"})
    message = Notification.objects.get()
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None
    answer = claim(client, nik_of(resident), found[1])
    assert answer.status_code == 302
    assert not signs_in("0812 3456 7890", OLD_PASSWORD)
    assert signs_in("0812 3456 7890", NEW_PASSWORD)


def test_after_a_claim_the_resident_is_told_to_sign_in_with_the_phone_number(
    resident: Person,
) -> None:
    client = Client()
    client.post("/accounts/claim/", {"nik": nik_of(resident), "phone": "081234567890"})
    found = re.search(r"\b(\d{6})\b", Notification.objects.get().body)
    assert found is not None
    page = client.get(claim(client, nik_of(resident), found[1]).headers["Location"])
    assert "0812 3456 7890" in page.content.decode()


@pytest.mark.parametrize("role", [Role.KELURAHAN_OPERATOR, Role.KECAMATAN_OPERATOR, Role.ADMIN])
def test_an_operator_of_the_area_makes_a_code_that_sets_a_new_password_audited(
    resident: Person, users_by_role: dict[str, User], role: Role
) -> None:
    operator = client_for(users_by_role[role])
    shown = operator.get(reset_page(resident))
    assert shown.status_code == 200 and nik_of(resident) not in shown.content.decode()
    page = operator.post(reset_page(resident), {"nik": nik_of(resident), "identity_seen": "on"})
    issued = page.context["issued"]
    assert issued is not None and len(issued.code) == 8
    assert "no-store" in page.headers["Cache-Control"]
    assert "0812 3456 7890" in page.content.decode()  # what the resident signs in with
    entry = AuditEntry.objects.get(target_type="registry.accountclaimcode")
    assert entry.changes["purpose"]["new"] == "password reset"
    assert entry.actor_id == users_by_role[role].pk
    assert claim(Client(), nik_of(resident), issued.code).status_code == 302
    assert signs_in("0812-3456-7890", NEW_PASSWORD) and not signs_in("081234567890", OLD_PASSWORD)


def test_an_operator_of_another_area_finds_no_such_resident(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    elsewhere: Person = PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG))
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    answer = operator.post(reset_page(elsewhere), {"nik": nik_of(elsewhere), "identity_seen": "on"})
    assert answer.status_code == 404
    assert not AccountClaimCode.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.INSTRUCTOR, Role.VIEWER])
def test_nobody_but_staff_makes_a_code(
    resident: Person, users_by_role: dict[str, User], role: Role
) -> None:
    client = client_for(users_by_role[role])
    answer = client.post(reset_page(resident), {"nik": nik_of(resident), "identity_seen": "on"})
    assert answer.status_code in {302, 403, 404}
    assert not AccountClaimCode.objects.exists()


def test_the_ktp_in_hand_must_be_this_residents(
    resident: Person, users_by_role: dict[str, User]
) -> None:
    namesake: Person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post(reset_page(resident), {"nik": nik_of(namesake), "identity_seen": "on"})
    assert page.context["issued"] is None
    assert "bukan milik warga ini" in page.content.decode()
    unseen = operator.post(reset_page(resident), {"nik": nik_of(resident)})
    assert unseen.context["issued"] is None
    assert not AccountClaimCode.objects.exists()


def test_the_ktp_is_checked_against_the_record_as_it_is_when_locked(
    resident: Person, users_by_role: dict[str, User]
) -> None:
    # The page read the person, then another desk corrected the NIK: the old KTP no longer
    # matches, however stale the copy the code is asked for.
    page_copy = Person.objects.get(pk=resident.pk)
    Person.objects.filter(pk=resident.pk).update(nik_hash="corrected-meanwhile")
    with pytest.raises(ApplicationError) as refused:
        password_reset_code_issue(
            person=page_copy,
            operator=users_by_role[Role.KELURAHAN_OPERATOR],
            nik_seen=nik_of(resident),
        )
    assert refused.value.code == "nik_mismatch"
    assert not AccountClaimCode.objects.exists()


def test_a_second_code_from_the_desk_ends_the_first(
    resident: Person, users_by_role: dict[str, User]
) -> None:
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    data = {"nik": nik_of(resident), "identity_seen": "on"}
    first = operator.post(reset_page(resident), data).context["issued"].code
    second = operator.post(reset_page(resident), data).context["issued"].code
    assert claim(Client(), nik_of(resident), first).status_code == 200  # refused, shown again
    assert claim(Client(), nik_of(resident), second).status_code == 302


def test_a_resident_without_an_account_or_phone_gets_one_from_the_desk(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    person: Person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), phone="")
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post(reset_page(person), {"nik": nik_of(person), "identity_seen": "on"})
    claim(Client(), nik_of(person), page.context["issued"].code)
    person.refresh_from_db()
    assert person.user is not None and signs_in(person.user.username, NEW_PASSWORD)


def test_a_code_sent_to_the_old_phone_dies_when_the_front_desk_corrects_the_phone(
    resident: Person, users_by_role: dict[str, User]
) -> None:
    # Whoever holds the lost phone asked for a code moments before the resident came to the
    # desk with a new number: that code must not reset the password any more.
    thief = Client()
    thief.post("/accounts/claim/", {"nik": nik_of(resident), "phone": "0812-3456-7890"})
    found = re.search(r"\b(\d{6})\b", Notification.objects.get().body)
    assert found is not None
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    corrected = operator.post(
        f"/persons/{resident.public_id}/contact/",
        {
            "phone": "0813 1111 2222",
            "address": resident.address,
            "domicile_kelurahan": resident.domicile_kelurahan_id,
            "reason": "Ponsel lama hilang, nomor baru",
        },
    )
    assert corrected.status_code == 302
    assert claim(thief, nik_of(resident), found[1]).status_code == 200  # refused
    # The password is the resident's still; the account now answers to the new number.
    assert signs_in("0813 1111 2222", OLD_PASSWORD)
    assert not signs_in("0812 3456 7890", OLD_PASSWORD)
