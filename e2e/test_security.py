"""The pages work under their Content-Security-Policy: the API docs (Swagger UI), a
confirmation asked before a form is sent, htmx's polling, all with no inline script."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from balai.demo.seed import DEMO_PASSWORD
from e2e.pages import sign_in


def test_the_api_docs_render_under_the_policy(demo: None, live_server: Any, desktop: Page) -> None:
    desktop.goto(f"{live_server.url}/api/v1/docs")
    expect(desktop.locator(".swagger-ui .info .title")).to_contain_text("Balai API")
    expect(desktop.locator(".opblock").first).to_be_visible()


def test_a_form_asks_before_it_is_sent(demo: None, live_server: Any, desktop: Page) -> None:
    sign_in(desktop, live_server.url, "peserta", DEMO_PASSWORD)
    desktop.get_by_role("link", name="Pendaftaran saya").click()
    questions: list[str] = []

    def decline_the_question(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    desktop.on("dialog", decline_the_question)
    status = desktop.get_by_test_id("offer-status").first.inner_text()
    desktop.get_by_role("button", name=re.compile("^(Tolak|Lepaskan kursi)$")).first.click()
    expect(desktop.get_by_test_id("offer-status").first).to_have_text(status)
    assert len(questions) == 1 and "kursi" in questions[0]
