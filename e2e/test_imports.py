"""An operator imports a list whose headers are the office's own, on a phone: the columns no
header names are chosen on a page, and the warnings of the check are shown by row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.accounts.models import Role
from balai.intake.imports.headers import COLUMNS
from balai.regions.services import regions_load
from balai.testing.batches import make_open_batch, make_programmes
from balai.testing.factories import TEST_PASSWORD, UserFactory, kelurahan
from balai.testing.imports import resident, written_xlsx
from balai.testing.places import SUKARASA
from e2e.pages import fits_the_screen, sign_in

HEADER = ["No. NIK", "NAMA PESERTA", "Lahir", "L/P", "Wilayah", "Minat"]


@pytest.fixture
def operator_with_batch(transactional_db: Any) -> None:
    regions_load(code="36.71")
    make_open_batch(make_programmes())
    UserFactory.create(
        username="operator",
        role=Role.KECAMATAN_OPERATOR,
        kecamatan=kelurahan(SUKARASA).kecamatan,
        password=TEST_PASSWORD,
    )


def _office_list(path: Path) -> Path:
    names = [name for name, _title in COLUMNS]
    rows = []
    for serial in (1, 2):
        values = dict(zip(names, resident(serial), strict=True))
        if serial == 2:
            values["nik"] = "999901" + values["nik"][6:]  # a region code no kecamatan had
        rows.append(
            [values[name] for name in ("nik", "full_name", "birth_date", "sex")]
            + ["Sukarasa", "Tata Boga"]
        )
    path.write_bytes(written_xlsx(HEADER, rows))
    return path


def test_an_operator_chooses_the_columns_of_an_office_list_on_a_phone(
    operator_with_batch: None, live_server: Any, phone: Page, tmp_path: Path
) -> None:
    sign_in(phone, live_server.url, "operator", TEST_PASSWORD)
    phone.goto(f"{live_server.url}/imports/new/gelombang-1/")
    phone.locator("input[type=file]").set_input_files(_office_list(tmp_path / "daftar.xlsx"))
    phone.locator("input[name=consent]").check()
    phone.get_by_role("button", name="Unggah dan periksa").click()
    expect(phone.get_by_test_id("columns-needed")).to_be_visible()
    phone.get_by_role("link", name="Pilih kolom").click()
    expect(phone.get_by_test_id("columns-missing")).to_contain_text("Tanggal Lahir")
    phone.get_by_label("Tanggal Lahir").select_option(label="C: Lahir")
    phone.get_by_label("Kelurahan (kode atau nama)").select_option(label="E: Wilayah")
    phone.get_by_label("Pilihan 1").select_option(label="F: Minat")
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/import-columns.png", full_page=True)
    phone.get_by_role("button", name="Periksa berkas dengan kolom-kolom ini").click()
    expect(phone.get_by_test_id("valid-count")).to_have_text("2")
    expect(phone.get_by_test_id("import-warnings")).to_contain_text("999901")
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/import-warnings.png", full_page=True)
