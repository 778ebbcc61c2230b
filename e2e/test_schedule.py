"""The timetable in a browser: an admin solves it; an instructor sees their week."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from balai.accounts.models import Role
from balai.catalogue.models import Instructor
from balai.conftest import make_programmes
from balai.factories import TEST_PASSWORD, UserFactory
from balai.intake.models import Batch
from balai.regions.services import regions_load
from balai.scheduling.tests.conftest import make_city
from e2e.conftest import fits_the_screen, sign_in


@pytest.fixture
def city_in_browser(transactional_db: Any) -> Batch:
    regions_load(code="36.71")
    batch = make_city(make_programmes())
    UserFactory.create(username="admin", role=Role.ADMIN, password=TEST_PASSWORD)
    teacher = UserFactory.create(username="guru", role=Role.INSTRUCTOR, password=TEST_PASSWORD)
    Instructor.objects.filter(pk=Instructor.objects.order_by("pk").first().pk).update(  # type: ignore[union-attr]
        user=teacher
    )
    return batch


def test_an_admin_solves_the_timetable_and_an_instructor_sees_their_week(
    city_in_browser: Batch, live_server: Any, desktop: Page, phone: Page
) -> None:
    sign_in(desktop, live_server.url, "admin", TEST_PASSWORD)
    desktop.get_by_role("link", name="Jadwal", exact=True).click()
    desktop.get_by_role("link", name=city_in_browser.name).click()
    desktop.get_by_label("Batas waktu (detik)").fill("10")
    desktop.get_by_role("button", name="Susun", exact=True).click()
    expect(desktop.get_by_test_id("schedule-status")).to_have_text("Terpecahkan", timeout=60_000)
    expect(desktop.get_by_test_id("classes-scheduled")).to_have_text("6")
    expect(desktop.get_by_test_id("violations")).to_have_text("0")

    sign_in(phone, live_server.url, "guru", TEST_PASSWORD)
    phone.get_by_role("link", name="Jadwal saya").click()
    expect(phone.get_by_test_id("session").first).to_be_visible()
    expect(phone.get_by_test_id("feed-url")).to_contain_text(".ics")
    phone.screenshot(path="e2e/artifacts/instructor-week.png", full_page=True)
    assert fits_the_screen(phone)
