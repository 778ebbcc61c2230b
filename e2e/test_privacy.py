"""A resident's rights on a phone (issue 13, point 8): they see their data, download it, ask
their kelurahan to correct their address, and the kelurahan's operator approves it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from balai.accounts.models import Role, User
from balai.demo.seed import DEMO_PASSWORD
from balai.registry.models import Person
from e2e.pages import fits_the_screen, sign_in


def test_a_resident_downloads_their_data_and_has_their_address_corrected(
    demo: None, live_server: Any, phone: Page, tmp_path: Path
) -> None:
    person = Person.objects.select_related("domicile_kelurahan").get(user__username="peserta")
    sign_in(phone, live_server.url, "peserta", DEMO_PASSWORD)
    phone.get_by_role("link", name="Data saya").click()
    expect(phone.get_by_test_id("section-certificates")).to_be_visible()
    expect(phone.get_by_text(person.nik_masked)).to_be_visible()
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/my-data.png", full_page=True)
    for test_id, name in (("download-json", "data.json"), ("download-pdf", "data.pdf")):
        with phone.expect_download() as download:
            phone.get_by_test_id(test_id).click()
        download.value.save_as(tmp_path / name)
    assert json.loads((tmp_path / "data.json").read_text())["person"][0]["full_name"]
    assert (tmp_path / "data.pdf").read_bytes().startswith(b"%PDF")

    phone.get_by_test_id("ask-correction").click()
    phone.get_by_label("Yang salah").select_option("address")
    phone.get_by_label("Seharusnya tertulis").fill("Jl. Melati No. 7, RT 02/RW 05")
    phone.get_by_label("Alasan").fill("Saya pindah rumah dalam kelurahan yang sama.")
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Kirim permintaan").click()
    expect(phone.get_by_text("Permintaan Anda sudah dikirim ke kelurahan.")).to_be_visible()

    operator = User.objects.get(role=Role.KELURAHAN_OPERATOR, kelurahan=person.domicile_kelurahan)
    phone.context.clear_cookies()
    sign_in(phone, live_server.url, operator.username, DEMO_PASSWORD)
    phone.get_by_role("link", name="Data ganda").click()
    phone.get_by_test_id("corrections-pending").get_by_role("link").click()
    request = phone.get_by_test_id("correction")
    expect(request.get_by_test_id("new-value")).to_have_text("Jl. Melati No. 7, RT 02/RW 05")
    assert fits_the_screen(phone)
    request.get_by_role("button", name="Setujui dan perbaiki").click()
    expect(phone.get_by_text("Data sudah diperbaiki.")).to_be_visible()
    person.refresh_from_db()
    assert person.address == "Jl. Melati No. 7, RT 02/RW 05"
