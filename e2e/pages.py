"""What the browser tests share: the phone's screen, signing in, and whether a page fits."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, ViewportSize

PHONE: ViewportSize = {"width": 360, "height": 740}


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def fits_the_screen(page: Page) -> Any:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
