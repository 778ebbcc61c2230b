"""Tracer runs and answers at the same moment, on PostgreSQL: nobody invited or messaged
twice, and a link answered once however many taps arrive together."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.notifications.models import Notification
from balai.placement.models import SurveyInvitation, SurveyResponse, SurveyWave
from balai.placement.tracer import survey_invitations_create, survey_token_hash
from balai.placement.tracer_answers import SurveyAnswers, survey_answer
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.placement import make_graduates
from balai.testing.tracer import exit_on

DAY = datetime.timedelta(days=1)


def seeded_waves() -> None:
    """The migration's waves again: a transactional test before this one emptied the tables."""
    for months in (0, 3, 6, 12):
        SurveyWave.objects.get_or_create(months_after_exit=months)


@pytest.mark.django_db(transaction=True)
def test_runs_at_once_invite_each_graduate_once_and_message_them_once(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    skip_unless_postgresql()
    seeded_waves()
    graduates = make_graduates(programmes, count=4)
    exit_on(graduates.enrolments, timezone.localdate() - DAY)

    def run(_number: int) -> str:
        invited, _sent = survey_invitations_create()
        return str(invited)

    outcomes = run_concurrently(4, run)

    assert sum(map(int, outcomes)) == 4
    assert SurveyInvitation.objects.count() == 4
    assert Notification.objects.filter(kind="tracer_survey").count() == 4


@pytest.mark.django_db(transaction=True)
def test_answers_at_once_through_one_link_record_one(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    skip_unless_postgresql()
    seeded_waves()
    graduates = make_graduates(programmes, count=1)
    # Made here rather than sent: the outbox forgets a sent link (a secret message).
    token = "a-link-token-known-to-the-test-only-000000000"
    SurveyInvitation.objects.create(
        enrolment=graduates.enrolments[0],
        wave=SurveyWave.objects.get(months_after_exit=0),
        due_on=timezone.localdate(),
        token_hash=survey_token_hash(token),
        sent_at=timezone.now(),
        expires_at=timezone.now() + 30 * DAY,
    )
    answers = SurveyAnswers(employment_status="employed", employer_name="PT Sinar Jaya")

    def answer(_number: int) -> str:
        survey_answer(token=token, answers=answers)
        return "answered"

    outcomes = run_concurrently(6, answer)

    assert sorted(outcomes) == ["answered", *["survey_answered"] * 5]
    assert SurveyResponse.objects.count() == 1
    assert graduates.enrolments[0].placements.count() == 1
