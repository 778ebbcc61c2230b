"""Signing in with the phone number as people write it (issue 13, point 1): 0812…, +62 812…,
62812…, with spaces or dashes, all reach the one account, and count against it as one."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.usernames import sign_in_username
from balai.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
WRITTEN = [
    "081234567890",
    "0812 3456 7890",
    "0812-3456-7890",
    "+62 812 3456 7890",
    "+62 (0)812-3456-7890",
    "62812 3456 7890",
    "6281234567890",
]


@pytest.fixture
def resident(kota_tangerang: None) -> User:
    """A resident's account, named after the phone number they registered with."""
    user: User = UserFactory.create(username="6281234567890", role=Role.PARTICIPANT)
    return user


def sign_in(client: Client, username: str, password: str = TEST_PASSWORD) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.parametrize("typed", WRITTEN)
def test_the_phone_number_however_written_signs_in(resident: User, typed: str) -> None:
    client = Client()
    assert sign_in(client, typed).status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_a_staff_username_is_read_as_typed(kota_tangerang: None) -> None:
    operator = UserFactory.create(username="op-sukasari", role=Role.VIEWER)
    digits = UserFactory.create(username="1234", role=Role.VIEWER)
    for user in (operator, digits):
        client = Client()
        assert sign_in(client, user.username).status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)
    assert sign_in_username("021 1234 5678") == "021 1234 5678"  # not a mobile number


def test_the_page_asks_for_the_phone_number_and_says_plainly_what_is_wrong(
    resident: User,
) -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "Nomor ponsel atau nama pengguna" in page
    refused = sign_in(Client(), "0812 3456 7890", "bukan-kata-sandinya").content.decode()
    assert "Nomor ponsel (atau nama pengguna) dan kata sandi tidak cocok" in refused
    assert "%(username)s" not in refused


def test_a_wrong_password_typed_with_the_number_written_another_way_counts_against_the_account(
    resident: User,
) -> None:
    guesser = Client(REMOTE_ADDR="203.0.113.20")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(guesser, WRITTEN[attempt % len(WRITTEN)], "Tebakan-123456")
    assert sign_in(guesser, "0812.3456.7890").status_code == 429


def test_guessing_from_many_machines_writing_the_number_many_ways_is_stopped(
    resident: User,
) -> None:
    own_phone = Client(REMOTE_ADDR="198.51.100.30")
    assert sign_in(own_phone, "6281234567890").status_code == 302
    own_phone.post("/accounts/logout/")
    for address in range(25):
        typed = WRITTEN[address % len(WRITTEN)]
        sign_in(Client(REMOTE_ADDR=f"10.3.0.{address}"), typed, "Tebakan-123456")
    assert sign_in(Client(REMOTE_ADDR="10.3.1.1"), "0812 3456 7890").status_code == 429
    # The owner's browser is known however the owner writes the number.
    assert sign_in(own_phone, "0812-3456-7890").status_code == 302
