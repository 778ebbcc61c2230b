"""Browser tests: Playwright drives Debian's Chromium against a live test server.

Browsers cannot be downloaded here, so Playwright launches the system Chromium
(`apt-get install chromium`; `make e2e` installs it when missing).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

# Playwright's sync API runs an event loop in the test thread; the test's own database calls
# are ordinary synchronous ones, which Django would otherwise refuse there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def demo(transactional_db: Any) -> None:
    """The small demo city: its open batch's timetable solved, its finished batch's training
    recorded and certified, as `seed_demo` leaves them."""
    call_command("seed_demo", "--scale", "small", "--seed", "1")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        yield browser
        browser.close()


def open_page(browser: Browser, viewport: ViewportSize, locale: str) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale=locale)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page the size of a cheap phone's screen, on a phone set to English (as many are:
    Balai must still answer in Indonesian)."""
    yield from open_page(browser, PHONE, "en-US")


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, DESKTOP, "id-ID")


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def fits_the_screen(page: Page) -> Any:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
