"""Limits on automation (issue 11, point 8): spraying passwords over many accounts from one
address, guessing one account's password from many addresses, flooding password reset
e-mails and registrations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from balai.accounts.models import Role, User
from balai.intake.models import Application, Batch
from balai.testing.factories import TEST_PASSWORD, UserFactory
from balai.testing.registration import registration_form, registration_payload

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_spraying_many_accounts_from_one_address_is_stopped(kota_tangerang: None) -> None:
    accounts = [UserFactory.create(username=f"warga{number}") for number in range(40)]
    sprayer = Client(REMOTE_ADDR="203.0.113.7")
    answers = [sign_in(sprayer, account.username, "Tebakan-123456") for account in accounts]
    assert [answer.status_code for answer in answers].count(429) >= 19
    # Even a right password is refused from that address until the window ends...
    refused = sign_in(sprayer, accounts[0].username, TEST_PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in refused.content.decode()
    # ...while the owner, from their own address, signs in.
    assert (
        sign_in(Client(REMOTE_ADDR="198.51.100.2"), accounts[0].username, TEST_PASSWORD).status_code
        == 302
    )


def test_guessing_one_account_from_many_addresses_is_stopped(kota_tangerang: None) -> None:
    target = UserFactory.create(username="sasaran")
    for address in range(25):
        sign_in(Client(REMOTE_ADDR=f"10.1.0.{address}"), target.username, "Tebakan-123456")
    late = sign_in(Client(REMOTE_ADDR="10.1.1.1"), target.username, TEST_PASSWORD)
    assert late.status_code == 429


def test_password_reset_mails_are_limited(kota_tangerang: None) -> None:
    UserFactory.create(username="lupa", email="lupa@example.id")
    client = Client()
    answers = [
        client.post("/accounts/password/reset/", {"email": "lupa@example.id"}) for _mail in range(8)
    ]
    assert answers[-1].status_code == 429
    assert len(mail.outbox) == 5


def test_registrations_from_one_address_are_limited(open_batch: Batch, settings: Any) -> None:
    settings.REGISTRATION_RATE = "3/h"
    bot = Client(REMOTE_ADDR="203.0.113.9")
    for serial in range(1, 4):
        page = bot.post(
            f"/register/{open_batch.code}/",
            registration_form(
                open_batch, nik=f"367101490395{serial:04d}", phone=f"0812345678{serial:02d}"
            ),
        )
        assert page.status_code == 302
        bot.logout()
    refused = bot.post(
        f"/register/{open_batch.code}/", registration_form(open_batch, nik="3671014903950009")
    )
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    over_api = bot.post(
        "/api/v1/applications/",
        json.dumps(registration_payload(open_batch, nik="3671014903950010")),
        content_type="application/json",
    )
    assert over_api.status_code == 429 and over_api.json()["code"] == "rate_limited"
    assert Application.objects.count() == 3


def test_operators_registering_residents_are_not_limited_as_bots(
    open_batch: Batch, users_by_role: dict[str, User], settings: Any
) -> None:
    settings.REGISTRATION_RATE = "1/h"
    operator = Client()
    operator.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    for serial in range(1, 4):
        page = operator.post(
            f"/applications/assist/{open_batch.code}/",
            registration_form(open_batch, nik=f"367101490395{serial:04d}"),
        )
        assert page.status_code == 302


def test_the_django_admin_signs_in_through_the_same_limits(kota_tangerang: None) -> None:
    accounts = [UserFactory.create(username=f"staf{number}") for number in range(25)]
    sprayer = Client(REMOTE_ADDR="203.0.113.8")
    answers = [
        sprayer.post(
            "/django-admin/login/", {"username": account.username, "password": "Tebakan-123"}
        )
        for account in accounts
    ]
    assert answers[-1].status_code == 429


def test_the_owners_browser_signs_in_while_strangers_are_held_off(kota_tangerang: None) -> None:
    owner = UserFactory.create(username="pemilik")
    own_phone = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(own_phone, owner.username, TEST_PASSWORD).status_code == 302
    own_phone.post("/accounts/logout/")  # signing out keeps the device cookie
    for address in range(25):  # somebody guesses from many machines, locking the account
        sign_in(Client(REMOTE_ADDR=f"10.2.0.{address}"), owner.username, "Tebakan-123456")
    assert sign_in(Client(REMOTE_ADDR="10.2.1.1"), owner.username, TEST_PASSWORD).status_code == 429
    # The browser that signed in before carries its device cookie and is let in.
    assert sign_in(own_phone, owner.username, TEST_PASSWORD).status_code == 302


def test_attempts_django_axes_refused_count_no_further(kota_tangerang: None) -> None:
    owner = UserFactory.create(username="sasaran2")
    stubborn = Client(REMOTE_ADDR="203.0.113.10")
    for _attempt in range(30):  # axes locks this address for this account after five
        sign_in(stubborn, owner.username, "Tebakan-123456")
    # Only five of the thirty counted against the account: from elsewhere the owner gets in.
    assert (
        sign_in(Client(REMOTE_ADDR="198.51.100.9"), owner.username, TEST_PASSWORD).status_code
        == 302
    )
