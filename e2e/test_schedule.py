"""The demo timetable in a browser: an admin solves it again; an instructor sees their week."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from balai.demo.intake_data import BATCH_CODE
from balai.demo.seed import DEMO_PASSWORD
from balai.intake.models import Batch
from balai.scheduling.models import TrainingClass
from e2e.pages import fits_the_screen, sign_in


def test_an_admin_solves_the_demo_timetable_and_an_instructor_sees_their_week(
    demo: None, live_server: Any, desktop: Page, phone: Page
) -> None:
    batch = Batch.objects.get(code=BATCH_CODE)
    classes = TrainingClass.objects.filter(batch=batch).count()
    sign_in(desktop, live_server.url, "admin", DEMO_PASSWORD)
    desktop.get_by_role("link", name="Jadwal", exact=True).click()
    desktop.get_by_role("link", name=batch.name).click()
    desktop.get_by_label("Batas waktu (detik)").fill("10")
    desktop.get_by_role("button", name="Susun", exact=True).click()
    expect(desktop.get_by_test_id("schedule-status")).to_have_text("Terpecahkan", timeout=60_000)
    expect(desktop.get_by_test_id("classes-scheduled")).to_have_text(str(classes))
    expect(desktop.get_by_test_id("violations")).to_have_text("0")

    sign_in(phone, live_server.url, "instruktur", DEMO_PASSWORD)
    phone.get_by_role("link", name="Jadwal saya").click()
    expect(phone.get_by_test_id("listed-session").first).to_be_visible()
    expect(phone.get_by_test_id("feed-url")).to_contain_text(".ics")
    phone.screenshot(path="e2e/artifacts/instructor-week.png", full_page=True)
    assert fits_the_screen(phone)
