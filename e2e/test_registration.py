from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.regions.services import regions_load
from balai.testing.batches import make_open_batch, make_programmes
from balai.testing.places import SUKARASA
from e2e.pages import fits_the_screen


@pytest.fixture
def open_batch_in_browser(transactional_db: Any) -> None:
    regions_load(code="36.71")
    make_open_batch(make_programmes())


def test_a_resident_registers_on_a_phone_and_sees_the_status(
    open_batch_in_browser: None, live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/register/")
    phone.get_by_role("link", name="Daftar", exact=True).last.click()
    phone.get_by_label("NIK").fill("3671014903950001")
    phone.get_by_label("Nama lengkap, sesuai KTP").fill("Siti Aminah")
    phone.get_by_label("Tanggal lahir").fill("1995-03-09")
    phone.get_by_label("Perempuan").check()
    phone.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    phone.get_by_label("Alamat (jalan, RT/RW)").fill("Jl. Mawar 1, RT 001/RW 002")
    phone.get_by_label("Kelurahan tempat tinggal sekarang").select_option(SUKARASA)
    phone.get_by_label("Pendidikan terakhir").select_option("senior")
    phone.get_by_label("Terkena PHK akibat pandemi").check()
    phone.get_by_label("Penghasilan keluarga per bulan").select_option("3m_5m")
    disability = phone.get_by_role("group", name="Apakah Anda penyandang disabilitas?")
    disability.get_by_label("Tidak", exact=True).check()
    household_head = phone.get_by_role("group", name="Apakah Anda kepala keluarga?")
    household_head.get_by_label("Tidak", exact=True).check()
    phone.get_by_label("Memasak dan menyajikan makanan atau minuman").check()
    expect(phone.locator("#suggestions")).to_contain_text("Tata Boga")
    phone.get_by_label("Program, pilihan 1").select_option(label="Tata Boga")
    phone.get_by_label("Tata Boga — Sukarasa").check()
    phone.get_by_label("Saya telah membaca pernyataan privasi").check()
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone.get_by_test_id("application-status")).to_have_text(
        "Memenuhi syarat, menunggu seleksi"
    )
    expect(phone.get_by_text("Terkena PHK akibat pandemi: +4")).to_be_visible()
    phone.screenshot(path="e2e/artifacts/registration-status.png", full_page=True)
