"""A resident on a cheap phone registers by choosing a programme, then where: with scripts
(htmx fetches the places), without them (the server draws them), and withdraws a choice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from balai.regions.services import regions_load
from balai.testing.batches import make_open_batch, make_programmes
from balai.testing.places import SUKARASA
from e2e.pages import PHONE, fits_the_screen


@pytest.fixture
def open_batch_in_browser(transactional_db: Any) -> None:
    regions_load(code="36.71")
    make_open_batch(make_programmes())


@pytest.fixture
def phone_without_scripts(browser: Browser) -> Iterator[Page]:
    """A phone whose browser runs no JavaScript (switched off, or a proxy browser)."""
    context = browser.new_context(viewport=PHONE, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    refused: list[str] = []

    def note_refusal(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_refusal)
    yield page
    context.close()
    assert refused == [], refused


def fill_personal_data(page: Page) -> None:
    page.get_by_label("NIK", exact=True).fill("3671014903950001")
    page.get_by_label("Nama lengkap, sesuai KTP").fill("Siti Aminah")
    page.get_by_label("Tanggal lahir").fill("1995-03-09")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    page.get_by_label("Alamat (jalan, RT/RW)").fill("Jl. Mawar 1, RT 001/RW 002")
    page.get_by_label("Kelurahan tempat tinggal sekarang").select_option(SUKARASA)
    page.get_by_label("Pendidikan terakhir").select_option("senior")
    page.get_by_label("Terkena PHK akibat pandemi").check()
    page.get_by_label("Penghasilan keluarga per bulan").select_option("3m_5m")
    disability = page.get_by_role("group", name="Apakah Anda penyandang disabilitas?")
    disability.get_by_label("Tidak", exact=True).check()
    household_head = page.get_by_role("group", name="Apakah Anda kepala keluarga?")
    household_head.get_by_label("Tidak", exact=True).check()


def test_a_resident_taps_a_suggestion_then_chooses_where(
    open_batch_in_browser: None, live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/register/gelombang-1/")
    expect(phone.get_by_role("button", name="Tampilkan tempat untuk program ini")).to_have_count(0)
    fill_personal_data(phone)
    phone.get_by_label("Memasak dan menyajikan makanan atau minuman").check()
    phone.get_by_role("button", name="Pilih Tata Boga").click()
    expect(phone.get_by_label("Program, pilihan 1")).to_have_value("tata-boga")
    place = phone.get_by_label("Tata Boga — Sukarasa")
    expect(place).to_be_visible()  # the nearest first: the resident's own kelurahan
    expect(phone.locator("#offerings-1")).to_contain_text("Kelurahan Anda")
    place.check()
    phone.get_by_label("Program, pilihan 2").select_option("barista")
    phone.get_by_label("Barista — Keroncong").check()
    phone.get_by_label("Saya telah membaca pernyataan privasi").check()
    assert fits_the_screen(phone)
    phone.get_by_test_id("choice-1").screenshot(path="e2e/artifacts/register-choice.png")
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone.get_by_test_id("application-status")).to_have_text(
        "Memenuhi syarat, menunggu seleksi"
    )
    expect(phone.get_by_test_id("choice")).to_contain_text(
        ["Tata Boga — Sukarasa", "Barista — Keroncong"]
    )


def test_a_resident_registers_without_javascript(
    open_batch_in_browser: None, live_server: Any, phone_without_scripts: Page
) -> None:
    page = phone_without_scripts
    page.goto(f"{live_server.url}/register/gelombang-1/")
    fill_personal_data(page)
    page.get_by_label("Program, pilihan 1").select_option("barista")
    page.get_by_test_id("choice-1").get_by_role(
        "button", name="Tampilkan tempat untuk program ini"
    ).click()
    expect(page.get_by_label("Nama lengkap, sesuai KTP")).to_have_value("Siti Aminah")
    page.get_by_label("Barista — Sukarasa").check()
    page.get_by_label("Saya telah membaca pernyataan privasi").check()
    assert fits_the_screen(page)
    page.get_by_role("button", name="Kirim pendaftaran").click()
    expect(page.get_by_test_id("application-status")).to_have_text(
        "Memenuhi syarat, menunggu seleksi"
    )


def test_every_problem_is_listed_at_the_top_and_the_summary_has_focus(
    open_batch_in_browser: None, live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/register/gelombang-1/")
    phone.get_by_label("Nomor ponsel").fill("021 555 1234")
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    summary = phone.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Nomor ponsel").click()
    expect(phone.get_by_label("Nomor ponsel")).to_have_value("021 555 1234")


def test_a_resident_withdraws_a_choice(
    open_batch_in_browser: None, live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/register/gelombang-1/")
    fill_personal_data(phone)
    phone.get_by_label("Program, pilihan 1").select_option("tata-boga")
    phone.get_by_label("Tata Boga — Sukarasa").check()
    phone.get_by_label("Program, pilihan 2").select_option("las")
    phone.get_by_label("Pengelasan (Las) — Sukarasa").check()
    phone.get_by_label("Saya telah membaca pernyataan privasi").check()
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Batalkan Tata Boga").click()
    expect(phone.get_by_text("Pilihan itu dibatalkan")).to_be_visible()
    expect(phone.get_by_test_id("choice")).to_contain_text(["Pengelasan (Las) — Sukarasa"])
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/register-withdraw-choice.png", full_page=True)
