"""The graduate's survey through the personal link: no sign-in, answered once, refused when
expired or unknown (one page for every unknown link), wrong links limited per address, the
token never in a log line, and work reported recorded as a placement."""

from __future__ import annotations

import datetime
import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.placement.models import (
    Placement,
    PlacementChannel,
    PlacementKind,
    SurveyInvitation,
    SurveyResponse,
)
from balai.placement.outcomes import placement_record
from balai.placement.tracer import survey_invitations_create, survey_reminders_send
from balai.testing.placement import Graduates, make_graduates
from balai.testing.tracer import exit_on, latest_token

DAY = datetime.timedelta(days=1)
EMPLOYED = {
    "employment_status": "employed",
    "employer_name": "PT Sinar Jaya",
    "job_relevance": "closely",
    "income_band": "3m_4m",
    "business_status": "",
    "further_training": "no",
}


def closed_message(response: Any) -> str:
    found = re.search(
        r'data-testid="survey-closed"><strong>(.*?)</strong>', response.content.decode()
    )
    return found[1] if found else ""


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    graduates = make_graduates(programmes, count=2)
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    survey_invitations_create()
    return graduates


@pytest.fixture
def invitation(graduates: Graduates) -> SurveyInvitation:
    return SurveyInvitation.objects.select_related("enrolment").order_by("pk")[0]


@pytest.fixture
def survey_url(invitation: SurveyInvitation) -> str:
    return reverse("placement:survey", args=[latest_token(invitation)])


def test_the_graduate_answers_without_signing_in_and_work_becomes_a_placement(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    page = Client().get(survey_url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "strict-origin"
    content = page.content.decode()
    assert 'name="employment_status"' in content and "htmx.min.js" not in content
    assert 'name="same_employer_as_before"' not in content  # nothing earlier to compare

    response = Client().post(survey_url, EMPLOYED)

    assert response.status_code == 302
    answer = SurveyResponse.objects.get(invitation=invitation)
    assert (answer.employment_status, answer.employer_name, answer.income_band) == (
        "employed",
        "PT Sinar Jaya",
        "3m_4m",
    )
    placement = Placement.objects.get(enrolment=invitation.enrolment)
    assert (placement.kind, placement.channel, placement.employer_name) == (
        PlacementKind.WAGE_EMPLOYMENT,
        PlacementChannel.SURVEY,
        "PT Sinar Jaya",
    )
    assert placement.starts_on == timezone.localdate() and placement.income_band == "3m_4m"


def test_the_link_is_single_use_a_second_answer_records_nothing(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    Client().post(survey_url, EMPLOYED)

    again = Client().post(survey_url, {**EMPLOYED, "employer_name": "CV Lain"})

    assert again.status_code == 200
    assert closed_message(again) == "Survei ini sudah dijawab. Terima kasih!"
    assert 'name="employment_status"' not in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert list(Placement.objects.values_list("employer_name", flat=True)) == ["PT Sinar Jaya"]


def test_an_expired_link_says_so_and_takes_nothing(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    with time_machine.travel(invitation.expires_at + datetime.timedelta(minutes=1)):
        page = Client().get(survey_url)
        posted = Client().post(survey_url, EMPLOYED)
    assert page.status_code == posted.status_code == 410
    assert (
        invitation.expires_at.astimezone(timezone.get_current_timezone()).strftime("%d-%m-%Y")
        in page.content.decode()
    )
    assert not SurveyResponse.objects.exists() and not Placement.objects.exists()


def test_an_unknown_link_and_one_a_reminder_replaced_get_the_same_page(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    survey_reminders_send(now=timezone.now() + datetime.timedelta(days=30 - 1))

    replaced = Client().get(survey_url)
    unknown = Client().get(reverse("placement:survey", args=["x" * 43]))

    assert replaced.status_code == unknown.status_code == 404
    assert closed_message(replaced) == closed_message(unknown) != ""
    assert Client().post(survey_url, EMPLOYED).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_wrong_links_from_one_address_are_limited_and_right_ones_count_nothing(
    survey_url: str, settings: Any
) -> None:
    settings.TRACER_SURVEY_GUESS_RATE = "3/h"
    for _guess in range(5):
        assert Client().get(survey_url).status_code == 200  # a real link is never a guess
    for guess in range(3):
        assert Client().get(f"/survey/guess{guess:012d}abcdef/").status_code == 404

    refused = Client().get("/survey/guess999999999999abcdef/")
    api = Client().post(
        "/api/v1/placement/surveys/guess999999999999abcdef/",
        json.dumps({"employment_status": "looking"}),
        content_type="application/json",
    )

    assert refused.status_code == api.status_code == 429
    assert "Retry-After" in refused


def test_not_working_records_no_placement_and_drops_answers_that_do_not_apply(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    Client().post(survey_url, {**EMPLOYED, "employment_status": "looking", "employer_name": ""})

    answer = SurveyResponse.objects.get()
    assert (answer.employment_status, answer.job_relevance, answer.income_band) == (
        "looking",
        "",
        "",
    )
    assert not Placement.objects.exists()


def test_work_without_a_workplace_name_is_asked_again_and_nothing_is_saved(
    survey_url: str,
) -> None:
    page = Client().post(survey_url, {**EMPLOYED, "employer_name": "  "})
    assert page.status_code == 200
    assert 'name="employment_status"' in page.content.decode()
    assert not SurveyResponse.objects.exists() and not Placement.objects.exists()


def test_an_open_placement_of_the_same_kind_is_left_as_it_is(
    invitation: SurveyInvitation, survey_url: str
) -> None:
    placement_record(
        enrolment=invitation.enrolment,
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.VACANCY,
        employer_name="PT Maju Bersama",
        starts_on=timezone.localdate() - 10 * DAY,
        by=None,
    )

    Client().post(survey_url, EMPLOYED)

    assert SurveyResponse.objects.count() == 1
    assert list(Placement.objects.values_list("employer_name", "channel")) == [
        ("PT Maju Bersama", PlacementChannel.VACANCY)
    ]


def test_the_same_employer_question_follows_an_earlier_answer(
    graduates: Graduates, invitation: SurveyInvitation, survey_url: str
) -> None:
    Client().post(survey_url, EMPLOYED)
    # Three months on, the next wave falls due for the same graduate.
    enrolment = invitation.enrolment
    with time_machine.travel(timezone.now() + datetime.timedelta(days=100)):
        survey_invitations_create()
        later = SurveyInvitation.objects.get(enrolment=enrolment, wave__months_after_exit=3)
        url = reverse("placement:survey", args=[latest_token(later)])
        page = Client().get(url)
        assert 'name="same_employer_as_before"' in page.content.decode()
        Client().post(url, {**EMPLOYED, "same_employer_as_before": "yes"})
    assert SurveyResponse.objects.get(invitation=later).same_employer_as_before is True
    assert Placement.objects.count() == 1  # still open: not recorded twice


# -- the token never reaches a log line ---------------------------------------------------


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the project's console handler (the one with the masking filter) writes."""
    (handler,) = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler) and handler.filters
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        yield written
    finally:
        handler.setStream(previous)


def test_the_token_is_redacted_from_django_request_logging(
    invitation: SurveyInvitation, console: io.StringIO
) -> None:
    token = latest_token(invitation)
    expired_token = "A" * 43
    logging.getLogger("django.server").info('"GET /survey/%s/ HTTP/1.1" 200 512', token)
    Client().get(f"/survey/{expired_token}/")  # Django warns "Not Found: <path>"
    Client().post(
        f"/api/v1/placement/surveys/{expired_token}/",
        json.dumps({"employment_status": "looking"}),
        content_type="application/json",
    )
    written = console.getvalue()
    assert "/survey/[redacted]/" in written
    assert "/api/v1/placement/surveys/[redacted]/" in written
    assert token not in written and expired_token not in written
