"""Tracer survey invitations: due dates in calendar months, one invitation per graduate and
wave however often the job runs, the latest due wave only, and reminders with fresh links."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.notifications.models import Notification
from balai.placement.models import SurveyInvitation, SurveyWave
from balai.placement.tracer import (
    MAXIMUM_REMINDERS,
    _invitation_create,
    months_after,
    survey_invitations_create,
    survey_reminders_send,
    survey_token_hash,
    tracer_surveys_send,
)
from balai.placement.tracer_answers import SurveyNotFoundError, survey_invitation_open
from balai.testing.placement import Graduates, make_graduates
from balai.testing.tracer import exit_on, latest_token
from balai.training.models import Enrolment, EnrolmentStatus

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),  # a leap year
        (datetime.date(2025, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 11, 30), 3, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 5, 31), 3, datetime.date(2025, 8, 31)),  # August has a 31st
        (datetime.date(2025, 12, 15), 3, datetime.date(2026, 3, 15)),  # across the year
        (datetime.date(2025, 11, 15), 12, datetime.date(2026, 11, 15)),
        (datetime.date(2026, 3, 10), 0, datetime.date(2026, 3, 10)),  # at exit
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),  # back
        (datetime.date(2026, 1, 15), -13, datetime.date(2024, 12, 15)),
    ],
)
def test_a_wave_falls_due_calendar_months_after_exit_on_the_month_end_if_the_day_is_missing(
    day: datetime.date, months: int, expected: datetime.date
) -> None:
    assert months_after(day, months) == expected


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    return make_graduates(programmes, count=3)


def test_each_graduate_is_invited_once_to_the_wave_due_with_a_message_holding_the_link(
    graduates: Graduates, settings: Any
) -> None:
    today = timezone.localdate()
    left_on = months_after(today, -3)
    exit_on(graduates.enrolments, left_on)

    assert survey_invitations_create() == (3, 3)

    invitations = SurveyInvitation.objects.select_related("wave", "enrolment")
    assert {(item.wave.months_after_exit, item.due_on) for item in invitations} == {
        (3, months_after(left_on, 3))
    }
    invitation = invitations.first()
    assert invitation is not None and invitation.sent_at is not None
    token = latest_token(invitation)
    assert invitation.token_hash == survey_token_hash(token) != token
    assert Notification.objects.filter(
        kind="tracer_survey", body__contains=f"{settings.BALAI_PUBLIC_URL}/survey/{token}/"
    ).exists()
    assert invitation.expires_at == invitation.sent_at + datetime.timedelta(
        days=invitation.wave.link_valid_days
    )


def test_running_twice_invites_nobody_twice_and_sends_nothing_twice(graduates: Graduates) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - 2 * DAY)
    assert survey_invitations_create() == (3, 3)
    messages = Notification.objects.count()

    assert survey_invitations_create() == (0, 0)
    call_command("send_tracer_surveys", stdout=None)

    assert SurveyInvitation.objects.count() == 3
    assert Notification.objects.count() == messages


def test_an_invitation_another_run_made_first_is_left_alone_and_no_message_goes(
    graduates: Graduates,
) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - 2 * DAY)
    survey_invitations_create()
    messages = Notification.objects.count()
    enrolment = graduates.enrolments[0]
    wave = SurveyWave.objects.get(months_after_exit=0)

    # What a run beside this one meets when it read "not invited" a moment before.
    created = _invitation_create(
        enrolment_id=enrolment.pk, wave=wave, due_on=timezone.localdate(), now=timezone.now()
    )

    assert created is None
    assert SurveyInvitation.objects.filter(enrolment=enrolment).count() == 1
    assert Notification.objects.count() == messages


def test_only_the_latest_due_wave_is_sent_when_several_fell_due_at_once(
    graduates: Graduates,
) -> None:
    left_on = months_after(timezone.localdate(), -7)  # waves 0, 3 and 6 all due
    exit_on(graduates.enrolments, left_on)

    survey_invitations_create()
    survey_invitations_create()  # the earlier waves are passed, not sent next time

    waves = set(SurveyInvitation.objects.values_list("wave__months_after_exit", flat=True))
    assert waves == {6}
    # One message each (on the one channel they have), not one per wave due.
    assert Notification.objects.filter(kind="tracer_survey").count() == 3


def test_nothing_is_due_before_its_day_nor_long_after_it_nor_for_an_inactive_wave(
    graduates: Graduates, settings: Any
) -> None:
    settings.TRACER_SURVEY_LATE_DAYS = 30
    today = timezone.localdate()
    first, second, third = graduates.enrolments
    exit_on([first], today - 80 * DAY)  # wave 3 due in a few days; wave 0 passed
    exit_on([second], months_after(today, -6) - 40 * DAY)  # wave 6 due 40 days ago: passed
    exit_on([third], today - 5 * DAY)
    SurveyWave.objects.filter(months_after_exit=0).update(is_active=False)

    assert survey_invitations_create() == (0, 0)

    SurveyWave.objects.filter(months_after_exit=0).update(is_active=True)
    assert survey_invitations_create() == (1, 1)
    assert SurveyInvitation.objects.get().enrolment_id == third.pk


def test_a_graduate_who_did_not_complete_is_never_invited(graduates: Graduates) -> None:
    dropped = graduates.enrolments[0]
    Enrolment.objects.filter(pk=dropped.pk).update(
        status=EnrolmentStatus.DROPPED, left_on=timezone.localdate() - DAY
    )
    exit_on(graduates.enrolments[1:], timezone.localdate() - DAY)

    survey_invitations_create()

    assert not SurveyInvitation.objects.filter(enrolment=dropped).exists()
    assert SurveyInvitation.objects.count() == 2


def test_a_graduate_with_no_phone_or_email_is_invited_but_not_sent(graduates: Graduates) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    person = graduates.enrolments[0].person
    type(person).objects.filter(pk=person.pk).update(phone="", email="")

    assert survey_invitations_create() == (3, 2)
    assert SurveyInvitation.objects.get(enrolment=graduates.enrolments[0]).sent_at is None


def test_reminders_come_after_the_wait_twice_at_most_each_with_a_fresh_link(
    graduates: Graduates,
) -> None:
    exit_on(graduates.enrolments[:1], timezone.localdate() - DAY)
    exit_on(graduates.enrolments[1:], timezone.localdate() + 10 * DAY)  # not due yet
    start = timezone.now()
    survey_invitations_create(now=start)
    invitation = SurveyInvitation.objects.select_related("wave").get()
    wait = datetime.timedelta(days=invitation.wave.reminder_after_days)
    first_token = latest_token(invitation)

    assert survey_reminders_send(now=start + wait - DAY) == 0
    assert survey_reminders_send(now=start + wait) == 1
    assert survey_reminders_send(now=start + wait + DAY) == 0  # the wait starts again
    second_token = latest_token(invitation, "tracer_survey_reminder")
    assert second_token != first_token
    with pytest.raises(SurveyNotFoundError):
        survey_invitation_open(token=first_token, now=start + wait)
    assert survey_invitation_open(token=second_token, now=start + wait).pk == invitation.pk

    assert survey_reminders_send(now=start + 2 * wait) == 1
    assert survey_reminders_send(now=start + 3 * wait) == 0
    invitation.refresh_from_db()
    assert invitation.reminders_sent == MAXIMUM_REMINDERS
    channels = Notification.objects.filter(kind="tracer_survey").count()
    assert Notification.objects.filter(kind="tracer_survey_reminder").count() == 2 * channels


def test_no_reminder_goes_after_the_link_expired_or_once_answered(graduates: Graduates) -> None:
    exit_on(graduates.enrolments[:2], timezone.localdate() - DAY)
    exit_on(graduates.enrolments[2:], timezone.localdate() + 10 * DAY)  # not due yet
    start = timezone.now()
    survey_invitations_create(now=start)
    answered, expiring = SurveyInvitation.objects.select_related("wave").order_by("pk")
    SurveyInvitation.objects.filter(pk=answered.pk).update(used_at=start + DAY)
    SurveyInvitation.objects.filter(pk=expiring.pk).update(expires_at=start + 3 * DAY)

    later = start + datetime.timedelta(days=answered.wave.reminder_after_days)
    assert survey_reminders_send(now=later) == 0
    assert not Notification.objects.filter(kind="tracer_survey_reminder").exists()


def test_the_daily_run_invites_then_reminds(graduates: Graduates) -> None:
    exit_on(graduates.enrolments, timezone.localdate() - DAY)
    summary = tracer_surveys_send()
    assert (summary.invited, summary.sent, summary.reminded) == (3, 3, 0)
