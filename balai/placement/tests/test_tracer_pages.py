"""Response-rate tracking and the waves, on the pages and over the API: numbers on a
hand-made set, each reader's area, and the admin's configuration."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.placement.models import SurveyInvitation, SurveyResponse, SurveyWave
from balai.placement.tracer import survey_invitations_create
from balai.placement.tracer_selectors import response_rates
from balai.testing.clients import bearer, client_for
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.placement import Graduates, make_graduates
from balai.testing.places import KERONCONG
from balai.testing.tracer import exit_on, latest_token

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    return make_graduates(programmes, count=3)


@pytest.fixture
def hand_made(graduates: Graduates) -> Graduates:
    """Wave 0: answered; sent, reminded once, open; never sent, expired.
    Wave 3: answered after two reminders; sent, expired unanswered."""
    now = timezone.now()
    first, second, third = graduates.enrolments
    waves = {wave.months_after_exit: wave for wave in SurveyWave.objects.all()}

    def invite(enrolment: Any, months: int, **fields: Any) -> None:
        SurveyInvitation.objects.create(
            enrolment=enrolment,
            wave=waves[months],
            due_on=timezone.localdate(),
            token_hash=f"{enrolment.pk}-{months}",
            **{"sent_at": now - 10 * DAY, "expires_at": now + 20 * DAY, **fields},
        )

    invite(first, 0, used_at=now - 5 * DAY)
    invite(second, 0, reminders_sent=1)
    invite(third, 0, sent_at=None, expires_at=now - DAY)
    invite(first, 3, reminders_sent=2, used_at=now - DAY)
    invite(second, 3, expires_at=now - DAY)
    return graduates


def numbers(rows: list[Any]) -> list[tuple[object, ...]]:
    return [
        (row.group, row.invited, row.sent, row.answered, row.rate, row.reminders, row.expired)
        for row in rows
    ]


def test_response_rates_per_wave_batch_and_programme_match_the_hand_count(
    hand_made: Graduates, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    batch = hand_made.classroom.training_class.batch.name
    assert numbers(response_rates(user=admin, by="wave")) == [
        ("+0", 3, 2, 1, 33, 1, 1),
        ("+3", 2, 2, 1, 50, 2, 1),
    ]
    assert numbers(response_rates(user=admin, by="batch")) == [(batch, 5, 4, 2, 40, 3, 2)]
    assert numbers(response_rates(user=admin, by="programme")) == [
        (hand_made.programme.name, 5, 4, 2, 40, 3, 2)
    ]


def test_an_operator_sees_the_rates_and_who_has_not_answered_of_their_area_only(
    hand_made: Graduates, users_by_role: dict[str, User]
) -> None:
    elsewhere = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))
    assert response_rates(user=elsewhere, by="wave") == []

    own = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(reverse("placement:tracer"))
    other = client_for(elsewhere).get(reverse("placement:tracer"))

    assert own.status_code == other.status_code == 200
    assert own.content.decode().count('data-testid="unanswered-row"') == 3
    assert other.content.decode().count('data-testid="unanswered-row"') == 0
    person = hand_made.enrolments[2].person
    assert person.full_name in own.content.decode()
    assert person.full_name not in other.content.decode()


def test_the_tracer_page_lists_the_unanswered_in_a_fixed_number_of_queries(
    hand_made: Graduates,
    users_by_role: dict[str, User],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    client.get(reverse("placement:tracer"))
    with django_assert_max_num_queries(12):
        client.get(reverse("placement:tracer"))


def test_the_api_gives_the_rates_to_leadership_and_the_answers_to_staff_and_owners(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    survey_invitations_create()
    first = SurveyInvitation.objects.select_related("enrolment").order_by("pk")[0]
    answer = Client().post(
        f"/api/v1/placement/surveys/{latest_token(first)}/",
        json.dumps({"employment_status": "self", "employer_name": "Warung Bu Sari"}),
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json() == {"answered": True, "placement_recorded": True}

    rates = bearer(users_by_role[Role.VIEWER]).get("/api/v1/placement/surveys/response-rates")
    assert rates.status_code == 200
    assert rates.json()["by_wave"] == [
        {
            "group": "+0",
            "invited": 3,
            "sent": 3,
            "answered": 1,
            "rate": 33,
            "reminders": 0,
            "expired": 0,
        }
    ]
    listed = bearer(users_by_role[Role.ADMIN]).get("/api/v1/placement/surveys/responses")
    assert [item["employer_name"] for item in listed.json()["items"]] == ["Warung Bu Sari"]
    owner = graduates.users[graduates.enrolments.index(first.enrolment)]
    other = next(user for user in graduates.users if user != owner)
    assert bearer(owner).get("/api/v1/placement/surveys/responses").json()["count"] == 1
    assert bearer(other).get("/api/v1/placement/surveys/responses").json()["count"] == 0


def test_the_api_answer_is_refused_when_answered_expired_or_unknown(
    graduates: Graduates,
) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    survey_invitations_create()
    first, second = SurveyInvitation.objects.select_related("enrolment").order_by("pk")[:2]
    body = json.dumps({"employment_status": "looking"})

    def post(token: str) -> Any:
        return Client().post(
            f"/api/v1/placement/surveys/{token}/", body, content_type="application/json"
        )

    assert post(latest_token(first)).status_code == 200
    again = post(latest_token(first))
    SurveyInvitation.objects.filter(pk=second.pk).update(expires_at=timezone.now() - DAY)
    expired = post(latest_token(second))
    unknown = post("B" * 43)

    assert (again.status_code, again.json()["code"]) == (409, "survey_answered")
    assert (expired.status_code, expired.json()["code"]) == (410, "survey_expired")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "survey_not_found")
    assert SurveyResponse.objects.count() == 1


def test_an_admin_adds_a_wave_and_stops_or_retimes_one(
    users_by_role: dict[str, User],
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    added = client.post(
        reverse("placement:tracer_waves"),
        {"months_after_exit": 24, "link_valid_days": 21, "reminder_after_days": 5},
    )
    wave = SurveyWave.objects.get(months_after_exit=0)
    changed = client.post(
        reverse("placement:tracer_wave_change", args=[wave.pk]),
        {f"wave-{wave.pk}-link_valid_days": 10, f"wave-{wave.pk}-reminder_after_days": 3},
    )

    assert added.status_code == changed.status_code == 302
    assert SurveyWave.objects.filter(
        months_after_exit=24, is_active=True, link_valid_days=21, reminder_after_days=5
    ).exists()
    wave.refresh_from_db()
    assert (wave.is_active, wave.link_valid_days, wave.reminder_after_days) == (False, 10, 3)


def test_a_wave_twice_or_a_reminder_after_expiry_is_refused_and_nothing_changes(
    users_by_role: dict[str, User],
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    waves_before = list(SurveyWave.objects.values_list("months_after_exit", "link_valid_days"))
    twice = client.post(
        reverse("placement:tracer_waves"),
        {"months_after_exit": 3, "link_valid_days": 30, "reminder_after_days": 7},
    )
    wave = SurveyWave.objects.get(months_after_exit=3)
    late = client.post(
        reverse("placement:tracer_wave_change", args=[wave.pk]),
        {
            f"wave-{wave.pk}-is_active": "on",
            f"wave-{wave.pk}-link_valid_days": 5,
            f"wave-{wave.pk}-reminder_after_days": 5,
        },
        follow=True,
    )

    assert twice.status_code == 200
    assert "Sudah ada gelombang survei 3 bulan" in twice.content.decode()
    assert "sebelum tautan tidak berlaku" in late.content.decode()
    assert (
        list(SurveyWave.objects.values_list("months_after_exit", "link_valid_days")) == waves_before
    )


def test_an_admin_sends_the_due_surveys_now_as_a_job(
    graduates: Graduates,
    users_by_role: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users_by_role[Role.ADMIN]).post(reverse("placement:tracer_send"))
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    assert SurveyInvitation.objects.count() == 3
    refused = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).post(
        reverse("placement:tracer_send")
    )
    assert refused.status_code == 403
