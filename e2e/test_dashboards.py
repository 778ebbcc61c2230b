"""The leadership dashboard in a browser: from the city down to a kelurahan, a table
downloaded as .xlsx and read back, and the page on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from balai.demo.seed import DEMO_PASSWORD
from balai.reporting.models import AreaSummary
from e2e.pages import fits_the_screen, sign_in


def drill_down(page: Page) -> None:
    """Follow the first area of the ranking (the one furthest to its target)."""
    page.get_by_test_id("table-ranking").locator("tbody a").first.click()
    page.wait_for_load_state()


def test_leadership_drills_down_from_the_city_to_a_kelurahan_and_downloads_a_table(
    demo: None, live_server: Any, desktop: Page, tmp_path: Path
) -> None:
    sign_in(desktop, live_server.url, "pimpinan", DEMO_PASSWORD)
    desktop.goto(f"{live_server.url}/dashboard/")
    city = AreaSummary.objects.get(level="regency")
    expect(desktop.get_by_test_id("dashboard-area-name")).to_have_text(city.name)
    expect(desktop.get_by_test_id("dashboard-freshness")).to_be_visible()
    expect(desktop.get_by_test_id("table-funnel").locator("svg")).to_be_visible()
    Path("e2e/artifacts").mkdir(exist_ok=True)
    desktop.screenshot(path="e2e/artifacts/dashboard-city.png", full_page=True)

    drill_down(desktop)
    kecamatan_heading = desktop.get_by_test_id("dashboard-area-name").inner_text()
    kecamatan = AreaSummary.objects.get(level="kecamatan", name=kecamatan_heading)
    drill_down(desktop)
    kelurahan = AreaSummary.objects.get(
        level="kelurahan",
        parent_code=kecamatan.code,
        name=desktop.get_by_test_id("dashboard-area-name").inner_text(),
    )
    expect(desktop.get_by_test_id("dashboard-trail")).to_contain_text(kecamatan.name)

    with desktop.expect_download() as download_info:
        desktop.get_by_test_id("export-funnel-xlsx").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    people_by_stage = {
        row[0]: row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[1], int)
    }
    registered = kelurahan.figures["funnel"]["total"].get("registered", 0)
    assert people_by_stage["Terdaftar"] == registered


def test_the_city_dashboard_fits_a_phone(demo: None, live_server: Any, phone: Page) -> None:
    sign_in(phone, live_server.url, "pimpinan", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/dashboard/")
    expect(phone.get_by_test_id("table-ranking")).to_be_visible()
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/dashboard-phone.png", full_page=True)
