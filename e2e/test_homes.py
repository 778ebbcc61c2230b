"""Homes and week calendars in a browser: an operator on a phone finds their pending work and
their area's week, listed by day; on a desktop the same week is the grid."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from balai.demo.seed import DEMO_PASSWORD
from e2e.pages import fits_the_screen, sign_in


def test_an_operator_on_a_phone_reads_their_area_week_as_a_list(
    demo: None, live_server: Any, phone: Page, desktop: Page
) -> None:
    sign_in(phone, live_server.url, "operator.kelurahan", DEMO_PASSWORD)
    expect(phone.get_by_test_id("pending-work")).to_be_visible()
    phone.get_by_role("link", name="Kelas di wilayah saya").first.click()
    expect(phone.get_by_test_id("listed-session").first).to_be_visible()
    expect(phone.get_by_test_id("week")).to_be_hidden()
    phone.screenshot(path="e2e/artifacts/operator-area-week.png", full_page=True)
    assert fits_the_screen(phone)

    sign_in(desktop, live_server.url, "operator.kelurahan", DEMO_PASSWORD)
    desktop.get_by_role("link", name="Kelas di wilayah saya").first.click()
    expect(desktop.get_by_test_id("session").first).to_be_visible()
    expect(desktop.get_by_test_id("week-list")).to_be_hidden()
