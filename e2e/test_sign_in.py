from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from balai.accounts.models import Role
from balai.regions.services import regions_load
from balai.testing.factories import TEST_PASSWORD, UserFactory, kelurahan
from balai.testing.roles import HEADINGS
from e2e.pages import fits_the_screen, sign_in

PASSWORD = TEST_PASSWORD


@pytest.fixture
def accounts(transactional_db: Any) -> None:
    regions_load(code="36.71")
    sukarasa = kelurahan("36.71.01.1001")
    for role in Role:
        UserFactory.create(
            username=role.value,
            role=role,
            password=PASSWORD,
            kecamatan=sukarasa.kecamatan if role == Role.KECAMATAN_OPERATOR else None,
            kelurahan=sukarasa if role == Role.KELURAHAN_OPERATOR else None,
        )


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_on_a_phone_and_sees_its_home_page(
    role: Role, accounts: None, live_server: Any, phone: Page
) -> None:
    sign_in(phone, live_server.url, role.value, PASSWORD)
    expect(phone.get_by_test_id("home-heading")).to_have_text(HEADINGS[role])
    with translation.override("id"):
        role_label = str(role.label)
    expect(phone.get_by_test_id("signed-in-as")).to_contain_text(role_label)
    assert fits_the_screen(phone), "the page scrolls sideways on a 360 px screen"
    phone.screenshot(path=f"e2e/artifacts/home-{role.value}.png", full_page=True)


def test_a_wrong_password_is_refused_with_a_message(
    accounts: None, live_server: Any, phone: Page
) -> None:
    sign_in(phone, live_server.url, Role.ADMIN.value, "salah-sekali")
    expect(phone.get_by_role("button", name="Masuk")).to_be_visible()
    expect(phone.locator(".errorlist")).to_be_visible()


def test_signing_out_returns_to_the_public_page(
    accounts: None, live_server: Any, desktop: Page
) -> None:
    sign_in(desktop, live_server.url, Role.ADMIN.value, PASSWORD)
    desktop.get_by_role("button", name="Keluar").click()
    expect(desktop.get_by_role("link", name="Masuk").first).to_be_visible()


def test_the_language_switches_to_english(accounts: None, live_server: Any, phone: Page) -> None:
    phone.goto(live_server.url)
    expect(phone.locator("h1")).to_have_text("Pelatihan kerja di setiap kelurahan")
    phone.get_by_role("button", name="English").click()
    expect(phone.locator("h1")).to_have_text("Vocational training in every kelurahan")
