"""Training in a browser: an instructor takes a roll call on a phone; a participant downloads
their certificate; an anonymous visitor verifies it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from balai.accounts.models import User
from balai.demo.seed import DEMO_PASSWORD
from balai.demo.training_data import FINISHED_BATCH_CODE
from balai.scheduling.models import TrainingClass
from balai.training.models import Certificate
from e2e.pages import PHONE, fits_the_screen, sign_in


def test_an_instructor_takes_a_roll_call_on_a_phone(
    demo: None, live_server: Any, phone: Page
) -> None:
    training_class = TrainingClass.objects.filter(batch__code=FINISHED_BATCH_CODE).first()
    assert training_class is not None and training_class.instructor is not None
    teacher: User = training_class.instructor.user  # type: ignore[assignment]
    sign_in(phone, live_server.url, teacher.username, DEMO_PASSWORD)
    phone.get_by_role("link", name="Kelas saya").click()
    phone.get_by_test_id("past-session").first.get_by_role("link").click()
    participants = phone.get_by_test_id("participant")
    expect(participants.first).to_be_visible()
    participants.first.get_by_label("Terlambat").check()
    participants.nth(1).get_by_label("Absen").check()
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/roll-call.png", full_page=True)
    phone.get_by_role("button", name="Simpan presensi").click()
    expect(phone.get_by_text("Presensi disimpan")).to_be_visible()
    expect(participants.first.get_by_label("Terlambat")).to_be_checked()
    expect(participants.nth(1).get_by_label("Absen")).to_be_checked()


def test_a_participant_downloads_a_certificate_and_anyone_verifies_it(
    demo: None, live_server: Any, phone: Page, browser: Browser, tmp_path: Path
) -> None:
    certificate = Certificate.objects.get(enrolment__person__user__username="peserta")
    sign_in(phone, live_server.url, "peserta", DEMO_PASSWORD)
    phone.get_by_role("link", name="Pelatihan saya").click()
    with phone.expect_download() as download:
        phone.get_by_test_id("certificate-download").click()
    saved = tmp_path / "sertifikat.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert fits_the_screen(phone)

    visitor = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    visitor.goto(f"{live_server.url}/")
    visitor.get_by_role("link", name="Verifikasi sertifikat").click()
    visitor.get_by_label("Nomor sertifikat").fill(certificate.number)
    visitor.get_by_role("button", name="Periksa").click()
    expect(visitor.get_by_test_id("verification-result")).to_have_text(
        "Sah: diterbitkan oleh Balai dan tidak dicabut."
    )
    expect(visitor.get_by_test_id("verification")).not_to_contain_text(certificate.holder_name)
    assert fits_the_screen(visitor)
    visitor.screenshot(path="e2e/artifacts/certificate-verified.png", full_page=True)
    visitor.context.close()
