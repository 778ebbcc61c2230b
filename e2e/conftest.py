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
from playwright.sync_api import Browser, ConsoleMessage, Page, ViewportSize, sync_playwright

from e2e.pages import PHONE

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
    """A page in a new browser context; every test using it fails if anything the pages ask
    for is refused by their Content-Security-Policy."""
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    refused = watch_content_security_policy(page)
    yield page
    context.close()
    assert refused == [], refused


def watch_content_security_policy(page: Page) -> list[str]:
    """Collect what the browser refuses under the Content-Security-Policy (it says so on the
    console), for the test to assert there is nothing."""
    refused: list[str] = []

    def note_refusal(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_refusal)
    return refused


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page the size of a cheap phone's screen, on a phone set to English (as many are:
    Balai must still answer in Indonesian)."""
    yield from open_page(browser, PHONE, "en-US")


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, DESKTOP, "id-ID")


@pytest.fixture
def second_desktop(browser: Browser) -> Iterator[Page]:
    """Another person at a desktop, signed in beside the first (an employer beside the
    admin who verifies their vacancy)."""
    yield from open_page(browser, DESKTOP, "id-ID")
