"""At the front desk, on a phone: an operator finds a resident by a part of their name and by
a misspelt name, and corrects their phone number, saying why; the audit trail shows it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.accounts.models import Role
from balai.regions.services import regions_load
from balai.testing.factories import TEST_PASSWORD, PersonFactory, UserFactory, kelurahan
from balai.testing.places import SUKARASA
from e2e.pages import fits_the_screen, sign_in


@pytest.fixture
def front_desk(transactional_db: Any) -> None:
    regions_load(code="36.71")
    sukarasa = kelurahan(SUKARASA)
    UserFactory.create(
        username="operator",
        role=Role.KELURAHAN_OPERATOR,
        kelurahan=sukarasa,
        password=TEST_PASSWORD,
    )
    for name, phone in [
        ("Siti Aminah", "+6281298765432"),
        ("Dewi Lestari", "+6281311112222"),
        ("Suharti Wulandari", "+6285712345678"),
    ]:
        PersonFactory.create(full_name=name, phone=phone, domicile_kelurahan=sukarasa)


def search_for(page: Page, text: str) -> None:
    page.get_by_label("Nama, NIK, nomor KK atau nomor HP").fill(text)
    page.get_by_role("button", name="Cari").click()
    page.wait_for_load_state()


def test_an_operator_finds_a_resident_and_corrects_their_phone_with_a_reason(
    front_desk: None, live_server: Any, phone: Page
) -> None:
    sign_in(phone, live_server.url, "operator", TEST_PASSWORD)
    phone.goto(f"{live_server.url}/persons/")
    search_for(phone, "amin")
    results = phone.locator("tbody")
    expect(results).to_contain_text("Siti Aminah")
    expect(results).not_to_contain_text("Dewi Lestari")
    search_for(phone, "siti aminha")  # misspelt
    expect(results).to_contain_text("Siti Aminah")
    expect(results).not_to_contain_text("Suharti Wulandari")
    assert fits_the_screen(phone), "the residents list scrolls sideways on a 360 px screen"

    phone.get_by_role("link", name="Siti Aminah").click()
    expect(phone.get_by_role("heading", name="Siti Aminah")).to_be_visible()
    phone.get_by_label("Nomor HP (kosongkan jika tidak ada)").fill("0813-9999-8888")
    phone.get_by_role("button", name="Simpan perbaikan").click()
    expect(phone.locator(".errorlist").first).to_be_visible()  # no reason: nothing saved
    expect(phone.get_by_test_id("person-phone")).to_have_text("+6281298765432")

    phone.get_by_label("Nomor HP (kosongkan jika tidak ada)").fill("0813-9999-8888")
    phone.get_by_label("Mengapa diperbaiki?").fill("Warga ganti nomor HP")
    phone.get_by_role("button", name="Simpan perbaikan").click()
    expect(phone.get_by_text("Perbaikan telah dicatat di log audit.")).to_be_visible()
    expect(phone.get_by_test_id("person-phone")).to_have_text("+6281399998888")
    audit = phone.get_by_test_id("audit-trail")
    expect(audit).to_contain_text("Warga ganti nomor HP")
    expect(audit).to_contain_text("+628*******888")
    assert fits_the_screen(phone), "the person page scrolls sideways on a 360 px screen"
    phone.screenshot(path="e2e/artifacts/frontdesk-person.png", full_page=True)
