"""Claiming an account, or getting back in, needs proof of control (issue 11, point 1):
a one-time code sent to the phone on record, or handed over at the front desk."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import ApiToken, Role, User
from balai.accounts.services import api_token_create
from balai.core.encryption import decrypt_text
from balai.core.errors import ApplicationError
from balai.core.models import AuditEntry
from balai.notifications.models import Notification, NotificationChannel, NotificationStatus
from balai.registry.claims import (
    ContactCorrection,
    account_claim,
    claim_code_issue,
    claim_code_send,
)
from balai.registry.models import AccountClaimCode, Person
from balai.registry.services import person_link_account
from balai.testing.clients import client_for
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.gateways import RecordingGateway
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db
PASSWORD = "Zq7-mangga-lemon-42"
PHONE = "+6281234567890"


@pytest.fixture
def resident(kota_tangerang: None) -> Person:
    """A resident an operator registered: a phone on record, no account."""
    person: Person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), phone=PHONE, email="warga@example.id"
    )
    return person


def ask_for_code(client: Client, nik: str, phone: str) -> Any:
    return client.post("/accounts/claim/", {"nik": nik, "phone": phone})


def sent_code() -> str:
    message = Notification.objects.order_by("-created_at").first()
    assert message is not None
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None
    return found[1]


def claim(client: Client, nik: str, code: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/accounts/claim/code/",
        {"nik": nik, "code": code, "new_password1": password, "new_password2": password},
    )


@pytest.fixture
def nik(resident: Person) -> str:
    return decrypt_text(resident.nik_encrypted)


def test_a_code_goes_only_to_the_phone_on_record_and_claims_the_account(
    resident: Person, nik: str
) -> None:
    client = Client()
    answer = ask_for_code(client, nik, "0812 3456 7890")
    assert answer.status_code == 302
    [message] = Notification.objects.all()
    assert message.channel == NotificationChannel.WHATSAPP  # not the e-mail on record
    response = claim(client, nik, sent_code())
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.user is not None and resident.user.role == Role.PARTICIPANT
    assert resident.user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(resident.user.pk)


def test_asking_with_a_phone_that_is_not_on_record_looks_the_same_and_sends_nothing(
    resident: Person, nik: str
) -> None:
    right = ask_for_code(Client(), nik, PHONE)
    Notification.objects.all().delete()
    wrong = ask_for_code(Client(), nik, "0813 1111 2222")
    unknown = ask_for_code(Client(), "3671010101900009", PHONE)
    assert not Notification.objects.exists()
    assert right.status_code == wrong.status_code == unknown.status_code == 302
    assert right.headers["Location"] == wrong.headers["Location"] == unknown.headers["Location"]


def test_a_code_works_once(resident: Person, nik: str) -> None:
    ask_for_code(Client(), nik, PHONE)
    code = sent_code()
    claim(Client(), nik, code)
    again = claim(Client(), nik, code, password="Another-pass-9876")
    assert "Kode salah atau sudah kedaluwarsa" in again.content.decode()
    user = Person.objects.get().user
    assert user is not None and user.check_password(PASSWORD)


def test_an_expired_code_is_refused(resident: Person, nik: str) -> None:
    ask_for_code(Client(), nik, PHONE)
    AccountClaimCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = claim(Client(), nik, sent_code())
    assert "kedaluwarsa" in response.content.decode()
    assert Person.objects.get().user is None


def test_wrong_guesses_use_the_code_up(resident: Person, nik: str) -> None:
    ask_for_code(Client(), nik, PHONE)
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _guess in range(5):
        claim(Client(), nik, wrong)
    assert claim(Client(), nik, code).status_code == 200  # refused: five wrong guesses
    assert Person.objects.get().user is None


def test_a_person_gets_at_most_three_codes_an_hour(resident: Person, nik: str) -> None:
    for address in range(5):  # from different addresses, so only the person's limit counts
        ask_for_code(Client(REMOTE_ADDR=f"10.0.0.{address}"), nik, PHONE)
    assert Notification.objects.count() == 3


def test_code_requests_from_one_address_are_limited(resident: Person, nik: str) -> None:
    client = Client()
    answers = [ask_for_code(client, nik, PHONE) for _request in range(6)]
    assert answers[-1].status_code == 429
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_claiming_ends_the_api_tokens_of_the_account(resident: Person, nik: str) -> None:
    ask_for_code(Client(), nik, PHONE)
    claim(Client(), nik, sent_code())
    account = Person.objects.get().user
    assert account is not None
    _token, _secret = api_token_create(user=account, label="ponsel")
    ask_for_code(Client(), nik, PHONE)
    claim(Client(), nik, sent_code(), password="Another-pass-9876")
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()


def test_an_operator_gives_a_code_at_the_front_desk_and_it_is_audited(
    resident: Person, nik: str, users_by_role: dict[str, User]
) -> None:
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post("/persons/front-desk/claim-code/", {"nik": nik, "identity_seen": "on"})
    code = page.context["code"]
    assert code and len(code) == 8
    assert AuditEntry.objects.filter(target_type="registry.accountclaimcode").exists()
    resident_phone = Client()
    assert claim(resident_phone, nik, code).status_code == 302
    user = Person.objects.get().user
    assert user is not None and user.check_password(PASSWORD)


def test_an_operator_gives_no_code_for_a_resident_of_another_area(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    elsewhere: Person = PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG))
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post(
        "/persons/front-desk/claim-code/",
        {"nik": decrypt_text(elsewhere.nik_encrypted), "identity_seen": "on"},
    )
    assert page.context["code"] is None
    assert "Tidak ada warga dengan NIK ini" in page.content.decode()
    assert not AccountClaimCode.objects.exists()


def test_the_front_desk_needs_the_ktp_seen(
    resident: Person, nik: str, users_by_role: dict[str, User]
) -> None:
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post("/persons/front-desk/claim-code/", {"nik": nik})
    assert page.context["code"] is None and not AccountClaimCode.objects.exists()


def test_the_front_desk_takes_a_nik_back_from_whoever_registered_it_first(
    open_batch: Any, users_by_role: dict[str, User]
) -> None:
    import json

    from balai.testing.registration import registration_payload

    # Somebody who knows the NIK registers it first, with their own phone, in another kecamatan.
    squatter = Client().post(
        "/api/v1/applications/",
        json.dumps(
            registration_payload(
                open_batch, phone="089999000001", domicile_kelurahan_code=KERONCONG
            )
        ),
        content_type="application/json",
    )
    token = squatter.json()["api_token"]
    person = Person.objects.get()
    nik = decrypt_text(person.nik_encrypted)
    # The resident brings their KTP to the Sukarasa office.
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.post(
        "/persons/front-desk/claim-code/",
        {
            "nik": nik,
            "identity_seen": "on",
            "correct_record": "on",
            "phone": "0812 3456 7890",
            "domicile_kelurahan": SUKARASA,
        },
    )
    code = page.context["code"]
    assert code
    person.refresh_from_db()
    assert person.phone == PHONE and person.domicile_kelurahan_id == SUKARASA
    assert person.user is None
    squatters_account = User.objects.get(username="6289999000001")
    assert not squatters_account.is_active
    bearer_of_squatter = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bearer_of_squatter.get("/api/v1/applications/mine").status_code == 401
    resident = Client()
    assert claim(resident, nik, code).status_code == 302
    account = Person.objects.get(pk=person.pk).user
    assert account is not None and account.check_password(PASSWORD)
    assert AuditEntry.objects.filter(target_type="registry.person", action="update").exists()


def test_a_code_sent_to_the_squatters_phone_dies_with_the_front_desk_correction(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    squatters_phone = "+6289999000001"
    person: Person = PersonFactory.create(
        domicile_kelurahan=kelurahan(KERONCONG), phone=squatters_phone
    )
    nik = decrypt_text(person.nik_encrypted)
    claim_code_send(nik=nik, phone=squatters_phone)  # the squatter keeps a code in hand
    squatters_code = sent_code()
    # The resident shows their KTP at the Sukarasa office; the record is corrected.
    claim_code_issue(
        nik=nik,
        operator=users_by_role[Role.KELURAHAN_OPERATOR],
        correction=ContactCorrection(phone=PHONE, domicile_kelurahan=kelurahan(SUKARASA)),
    )
    assert claim(Client(), nik, squatters_code).status_code == 200
    person.refresh_from_db()
    assert person.user is None


def test_a_code_typed_with_spaces_or_another_keyboards_digits_is_read(
    resident: Person, nik: str
) -> None:
    ask_for_code(Client(), nik, PHONE)
    code = sent_code()
    typed = " ".join([code[:3], "".join(chr(0xFF10 + int(digit)) for digit in code[3:])])
    assert claim(Client(), nik, typed).status_code == 302


def test_a_code_never_reaches_the_log_outside_debug(
    resident: Person, nik: str, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        caplog.at_level("INFO", logger="balai.notifications.gateways"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ask_for_code(Client(), nik, PHONE)
    [line] = [
        record.getMessage()
        for record in caplog.records
        if record.name == "balai.notifications.gateways"
    ]
    assert line.startswith("WhatsApp/SMS to +628*******890")
    assert re.search(r"\d{6}", line) is None


def test_a_code_reaches_the_phone_but_never_the_log_outside_debug_nor_stays_in_the_outbox(
    resident: Person,
    nik: str,
    caplog: Any,
    django_capture_on_commit_callbacks: Any,
    message_gateway_fake: RecordingGateway,
) -> None:
    with (
        caplog.at_level("INFO", logger="balai"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ask_for_code(Client(), nik, PHONE)
    [sent] = message_gateway_fake.sent
    found = re.search(r"\b(\d{6})\b", sent.text)
    assert found is not None and sent.phone == "+6281234567890"
    code = found[1]
    assert code not in caplog.text
    [message] = Notification.objects.all()
    assert message.status == NotificationStatus.SENT and code not in message.body
    assert claim(Client(), nik, code).status_code == 302


def test_a_second_claim_on_a_stale_copy_finds_the_account_the_first_made(
    resident: Person, users_by_role: dict[str, User]
) -> None:
    stale = Person.objects.get(pk=resident.pk)  # read by a second claim before the first saved
    first = UserFactory.create(username="pertama")
    person_link_account(person=resident, user=first)
    second = UserFactory.create(username="kedua")
    with pytest.raises(ApplicationError) as refused, transaction.atomic():
        person_link_account(person=stale, user=second)
    assert refused.value.code == "account_exists"
    assert Person.objects.get(pk=resident.pk).user == first


def test_a_claim_locks_the_person_before_the_codes_as_the_front_desk_does(
    resident: Person, nik: str
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    claim_code_send(nik=nik, phone=PHONE)
    with CaptureQueriesContext(connection) as claiming:
        account_claim(nik=nik, code=sent_code(), password=PASSWORD)
    locks = [
        table
        for sql in (query["sql"] for query in claiming.captured_queries)
        if "FOR UPDATE" in sql
        for table in ("registry_person", "registry_accountclaimcode")
        if f'FROM "{table}"' in sql
    ]
    assert locks[:2] == ["registry_person", "registry_accountclaimcode"]
