"""Placement on a phone: a graduate answers the tracer survey from the link in a message,
and finds a job they applied for marked as applied; an employer reaches every action of
their vacancies without scrolling sideways."""

from __future__ import annotations

import secrets
from typing import Any

from playwright.sync_api import Page, expect

from balai.demo.seed import DEMO_PASSWORD
from balai.placement.models import SurveyInvitation, SurveyResponse
from balai.placement.tracer import survey_token_hash
from e2e.pages import fits_the_screen, sign_in


def test_a_graduate_answers_the_tracer_survey_on_a_phone(
    demo: None, live_server: Any, phone: Page
) -> None:
    # As the demo does: the link of a message the graduate has not answered yet.
    invitation = SurveyInvitation.objects.filter(used_at__isnull=True).order_by("pk").first()
    assert invitation is not None
    token = secrets.token_urlsafe(16)
    SurveyInvitation.objects.filter(pk=invitation.pk).update(token_hash=survey_token_hash(token))

    phone.goto(f"{live_server.url}/survey/{token}/")
    assert fits_the_screen(phone)
    phone.get_by_text("Tidak bekerja, sedang mencari kerja").click()
    phone.get_by_test_id("question-business_status").get_by_text("Tidak punya usaha").click()
    phone.get_by_test_id("question-further_training").get_by_text("Tidak", exact=True).click()
    phone.get_by_role("button", name="Kirim jawaban saya").click()

    # The browser's own POST gets through the CSRF check (it refused "Origin: null").
    expect(phone.get_by_role("heading", name="Terlarang (403)")).to_have_count(0)
    assert SurveyResponse.objects.filter(invitation=invitation).exists()


def test_a_graduate_sees_a_job_they_applied_for_as_applied(
    demo: None, live_server: Any, phone: Page
) -> None:
    sign_in(phone, live_server.url, "peserta", DEMO_PASSWORD)
    phone.get_by_test_id("find-work").get_by_role("link", name="Lowongan kerja").click()
    phone.get_by_test_id("vacancy").first.get_by_role("link").first.click()
    phone.get_by_test_id("apply").click()
    phone.get_by_test_id("apply-submit").click()
    expect(phone.get_by_test_id("my-application")).to_have_count(1)
    phone.get_by_test_id("my-application").get_by_role("link").first.click()

    expect(phone.get_by_test_id("my-application")).to_contain_text("Melamar")
    expect(phone.get_by_test_id("apply")).to_have_count(0)
    assert fits_the_screen(phone)


def test_an_employer_reaches_every_action_of_a_vacancy_on_a_phone(
    demo: None, live_server: Any, phone: Page
) -> None:
    sign_in(phone, live_server.url, "perusahaan", DEMO_PASSWORD)
    phone.get_by_role("main").get_by_role("link", name="Lowongan Anda").click()
    row = phone.get_by_test_id("vacancy-row").first
    applicants = row.get_by_test_id("applicants-link")
    box = applicants.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360 and box["height"] >= 40
    assert fits_the_screen(phone)
    applicants.click()
    phone.get_by_role("link", name="Lowongan Anda").first.click()
    expect(phone.get_by_role("heading", name="Lowongan Anda")).to_be_visible()
