"""Signing in again on a cheap phone (issue 13): the phone number typed as people write it,
a forgotten password reset with a code sent to the phone on record, and a code made at the
front desk for a resident without their phone."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.accounts.models import Role, User
from balai.accounts.services import participant_account_create, user_password_set
from balai.core.encryption import decrypt_text
from balai.notifications.gateways import message_gateway
from balai.regions.services import regions_load
from balai.registry.models import Person
from balai.registry.services import person_link_account
from balai.testing.factories import TEST_PASSWORD, PersonFactory, UserFactory, kelurahan
from balai.testing.gateways import FAKE_GATEWAY, RecordingGateway
from balai.testing.places import SUKARASA
from balai.testing.roles import HEADINGS
from e2e.pages import fits_the_screen

OLD_PASSWORD = "Lama-mangga-lemon-41"
NEW_PASSWORD = "Baru-durian-nanas-77"


@pytest.fixture
def resident(transactional_db: Any) -> Person:
    """A resident of Sukarasa who registered with 0812 3456 7890 and chose a password."""
    regions_load(code="36.71")
    person: Person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), phone="+6281234567890"
    )
    account = participant_account_create(full_name=person.full_name, phone=person.phone)
    user_password_set(user=account, password=OLD_PASSWORD)
    person_link_account(person=person, user=account)
    return person


@pytest.fixture
def gateway(settings: Any) -> RecordingGateway:
    """WhatsApp/SMS messages go to the recording stand-in for the provider, emptied first."""
    settings.NOTIFICATION_GATEWAY = FAKE_GATEWAY
    recording = message_gateway()
    assert isinstance(recording, RecordingGateway)
    recording.reset()
    return recording


def sign_in_with(page: Page, base_url: str, typed: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Nomor ponsel atau nama pengguna").fill(typed)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def choose_password_with_code(page: Page, nik: str, code: str) -> None:
    page.get_by_label("NIK").fill(nik)
    page.get_by_label("Kode").fill(code)
    page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi dan masuk").click()


def code_sent(gateway: RecordingGateway, phone: str) -> str:
    """The six digits the outbox sent to `phone` (sending runs as the request commits)."""
    for _wait in range(50):
        for message in gateway.sent:
            found = re.search(r"\b(\d{6})\b", message.text)
            if message.phone == phone and found:
                return found[1]
        time.sleep(0.1)
    raise AssertionError(f"no code reached {phone}")


def test_a_resident_signs_in_again_typing_the_number_as_written(
    resident: Person, live_server: Any, phone: Page
) -> None:
    sign_in_with(phone, live_server.url, "0812 3456 7890", OLD_PASSWORD)
    expect(phone.get_by_test_id("home-heading")).to_have_text(HEADINGS[Role.PARTICIPANT])
    assert fits_the_screen(phone), "the page scrolls sideways on a 360 px screen"


def test_a_resident_resets_a_forgotten_password_with_a_code_on_the_phone(
    resident: Person, live_server: Any, phone: Page, gateway: RecordingGateway
) -> None:
    phone.goto(f"{live_server.url}/accounts/login/")
    assert fits_the_screen(phone)
    phone.get_by_role("link", name="Lupa kata sandi?").click()
    nik = decrypt_text(resident.nik_encrypted)
    phone.get_by_label("NIK").fill(nik)
    phone.get_by_label("Nomor ponsel yang tercatat").fill("0812-3456-7890")
    phone.get_by_role("button", name="Kirimi saya kode").click()
    code = code_sent(gateway, "+6281234567890")
    choose_password_with_code(phone, nik, code)
    expect(phone.get_by_test_id("home-heading")).to_have_text(HEADINGS[Role.PARTICIPANT])
    expect(phone.get_by_text("0812 3456 7890")).to_be_visible()  # what to sign in with
    phone.get_by_role("button", name="Keluar").click()
    sign_in_with(phone, live_server.url, "+62 812-3456-7890", NEW_PASSWORD)
    expect(phone.get_by_test_id("home-heading")).to_have_text(HEADINGS[Role.PARTICIPANT])


def test_an_operator_makes_a_code_at_the_desk_for_a_resident_without_the_phone(
    resident: Person, live_server: Any, phone: Page
) -> None:
    operator: User = UserFactory.create(
        username="op-sukarasa", role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA)
    )
    sign_in_with(phone, live_server.url, operator.username, TEST_PASSWORD)
    phone.goto(f"{live_server.url}/persons/{resident.public_id}/password-reset/")
    nik = decrypt_text(resident.nik_encrypted)
    phone.get_by_label("NIK pada KTP warga").fill(nik)
    phone.get_by_label("Saya sudah melihat KTP warga").check()
    phone.get_by_role("button", name="Buat kode").click()
    code = phone.get_by_test_id("reset-code").inner_text()
    expect(phone.get_by_test_id("reset-slip")).to_contain_text("0812 3456 7890")
    assert fits_the_screen(phone), "the front-desk page scrolls sideways on a 360 px screen"
    phone.screenshot(path="e2e/artifacts/front-desk-password-reset.png", full_page=True)
    phone.get_by_role("button", name="Keluar").click()
    sign_in_with(phone, live_server.url, "0812 3456 7890", OLD_PASSWORD.upper())
    phone.get_by_role("link", name="Saya punya kode dari kantor kelurahan").click()
    choose_password_with_code(phone, nik, code)
    expect(phone.get_by_test_id("home-heading")).to_have_text(HEADINGS[Role.PARTICIPANT])
