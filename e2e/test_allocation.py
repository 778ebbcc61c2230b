"""The allocation in a browser: an admin runs and publishes it; an applicant sees the offer
with its explanation and accepts it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.accounts.models import Role
from balai.catalogue.models import Programme
from balai.intake.batches import batch_registration_close
from balai.intake.models import Application, Batch, Offering
from balai.intake.selectors import offering_list
from balai.regions.services import regions_load
from balai.registry.services import person_link_account
from balai.testing.allocation import PROFILES, apply
from balai.testing.batches import make_open_batch, make_programmes
from balai.testing.factories import TEST_PASSWORD, UserFactory
from balai.testing.places import SUKARASA
from e2e.pages import fits_the_screen, sign_in


@pytest.fixture
def closed_batch(transactional_db: Any) -> Batch:
    """Five applicants of distinct priority ranking the same three one-seat offerings; the
    second in priority signs in as `pelamar`."""
    regions_load(code="36.71")
    batch = make_open_batch(make_programmes())
    offerings = list(offering_list(batch=batch).filter(kelurahan=SUKARASA)[:3])
    Offering.objects.filter(batch=batch).update(seats=1)
    Programme.objects.update(minimum_class_size=1)
    for serial, profile in enumerate(PROFILES, start=1):
        apply(batch, serial, SUKARASA, offerings, **profile)
    UserFactory.create(username="admin", role=Role.ADMIN, password=TEST_PASSWORD)
    applicant = UserFactory.create(
        username="pelamar", role=Role.PARTICIPANT, password=TEST_PASSWORD
    )
    second = Application.objects.order_by("-priority_points")[1]
    person_link_account(person=second.person, user=applicant)
    return batch_registration_close(batch=batch)


def test_an_admin_publishes_and_an_applicant_accepts_with_the_reason_shown(
    closed_batch: Batch, live_server: Any, desktop: Page, phone: Page
) -> None:
    sign_in(desktop, live_server.url, "admin", TEST_PASSWORD)
    desktop.get_by_role("link", name="Alokasi").click()
    desktop.get_by_role("link", name=closed_batch.name).click()
    desktop.get_by_label("Benih undian").fill("2026")
    desktop.get_by_role("button", name="Jalankan alokasi").click()
    expect(desktop.get_by_test_id("run-row")).to_have_count(1)
    desktop.get_by_test_id("run-row").get_by_role("link").click()
    expect(desktop.get_by_test_id("placed-count")).to_have_text("3")
    desktop.on("dialog", lambda dialog: dialog.accept())
    desktop.get_by_role("button", name="Umumkan proses ini").click()
    expect(desktop.get_by_test_id("run-row")).to_contain_text("Diumumkan")

    sign_in(phone, live_server.url, "pelamar", TEST_PASSWORD)
    phone.get_by_role("link", name="Pendaftaran saya").click()
    offer = phone.get_by_test_id("offer")
    expect(offer).to_contain_text("Pilihan ke-2 Anda")
    explanation = phone.get_by_test_id("explanation")
    expect(explanation).to_contain_text("penuh. Prioritas terendah yang diterima")
    expect(explanation).to_contain_text("Anda mendapat kursi di sini.")
    expect(phone.get_by_test_id("waitlist")).to_contain_text("nomor 1 dalam antrean")
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/allocation-offer.png", full_page=True)
    offer.get_by_role("button", name="Terima kursi").click()
    expect(phone.get_by_test_id("offer-status")).to_have_text("Diterima")
    expect(phone.get_by_text("Anda menerima kursi ini")).to_be_visible()
