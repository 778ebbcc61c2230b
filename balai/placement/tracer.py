"""Tracer surveys: inviting every graduate to each wave when it falls due, and reminding
those who have not answered.

A wave falls due a number of calendar months after the graduate's exit (the day their
enrolment completed). The invitation is a personal link that needs no sign-in: a random token
that only the message carries; the database keeps its keyed hash. A reminder therefore
cannot resend the first link: it issues a fresh token, and the older link stops working.
"""

from __future__ import annotations

import calendar
import datetime
import secrets
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.encryption import keyed_hash
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job
from balai.notifications.catalogue import MessageKind
from balai.notifications.services import Message, notifications_queue
from balai.placement.models import SurveyInvitation, SurveyWave
from balai.training.models import Enrolment, EnrolmentStatus

SEND_JOB = "tracer_surveys_send"
# A graduate is reminded at most this often per wave: more is nagging, not asking.
MAXIMUM_REMINDERS = 2
# 32 random bytes: the link cannot be guessed, only received.
TOKEN_BYTES = 32

# Secret: the link answers for the graduate, so the outbox forgets it once it is sent.
INVITATION_MESSAGE = MessageKind(
    name="tracer_survey",
    subject=gettext_lazy("How are you doing since your training?"),
    body=gettext_lazy(
        "You finished %(programme)s. Tell us what you are doing now: a few questions, two "
        "minutes, no sign-in. Open %(link)s (it works until %(expires)s)."
    ),
    secret=True,
)
REMINDER_MESSAGE = MessageKind(
    name="tracer_survey_reminder",
    subject=gettext_lazy("Reminder: a few questions about your work"),
    body=gettext_lazy(
        "You have not answered yet how you are doing since %(programme)s. It takes two "
        "minutes: %(link)s (it works until %(expires)s; earlier links no longer work)."
    ),
    secret=True,
)


def months_after(day: datetime.date, months: int) -> datetime.date:
    """Return `day` moved `months` calendar months on (back, if negative); a day the month
    lacks becomes its last: 31 January + 1 month is 28 (or 29) February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def survey_token_hash(token: str) -> str:
    """Return the keyed hash of a survey link's token, as stored and looked up."""
    return keyed_hash(f"tracer-survey:{token}")


def survey_link(token: str) -> str:
    """Return the absolute address of the survey page for `token`."""
    return f"{settings.BALAI_PUBLIC_URL}{reverse('placement:survey', args=[token])}"


def wave_due(
    *, left_on: datetime.date, waves: list[SurveyWave], today: datetime.date
) -> tuple[SurveyWave, datetime.date] | None:
    """Return the latest of `waves` (active ones, latest first) already due for a graduate
    who left on `left_on`, with its due date; None if none is, or if it is overdue by more
    than TRACER_SURVEY_LATE_DAYS (passed).

    Only the latest: a graduate for whom several waves fell due at once (a wave added later,
    the system started after their exit) is asked once, about now, not flooded with each."""
    for wave in waves:
        due_on = months_after(left_on, wave.months_after_exit)
        if due_on <= today:
            late = datetime.timedelta(days=settings.TRACER_SURVEY_LATE_DAYS)
            return (wave, due_on) if today - due_on <= late else None
    return None


@dataclass(frozen=True)
class SendSummary:
    invited: int
    sent: int
    reminded: int


def survey_invitations_create(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Invite every graduate to the latest active wave that has fallen due for them and has
    not been sent to them yet. Returns (invited, sent): an invitation is sent when the
    graduate has a phone or e-mail to reach; the others are for an operator to call.

    Safe to run twice, or in two processes at once: the invitation is unique per graduate
    and wave, and its message is queued in the transaction that creates it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waves = list(SurveyWave.objects.filter(is_active=True).order_by("-months_after_exit"))
    if not waves:
        return 0, 0
    # Nobody who left before this can have a wave due that is not passed.
    late = datetime.timedelta(days=settings.TRACER_SURVEY_LATE_DAYS)
    earliest_exit = months_after(today - late, -waves[0].months_after_exit)
    graduates = Enrolment.objects.filter(
        status=EnrolmentStatus.COMPLETED, left_on__gte=earliest_exit, left_on__lte=today
    ).values_list("pk", "left_on")
    latest_invited: dict[int, int] = {}
    for enrolment_id, months in SurveyInvitation.objects.filter(
        enrolment__left_on__gte=earliest_exit
    ).values_list("enrolment_id", "wave__months_after_exit"):
        latest_invited[enrolment_id] = max(months, latest_invited.get(enrolment_id, -1))
    invited = sent = 0
    for enrolment_id, left_on in graduates.order_by("pk"):
        # Never None: the filter on left_on excludes it (and a completed enrolment has left).
        due = wave_due(left_on=cast(datetime.date, left_on), waves=waves, today=today)
        if due is None or latest_invited.get(enrolment_id, -1) >= due[0].months_after_exit:
            continue
        created = _invitation_create(enrolment_id=enrolment_id, wave=due[0], due_on=due[1], now=now)
        if created is not None:
            invited += 1
            sent += created.sent_at is not None
    return invited, sent


def _invitation_create(
    *, enrolment_id: int, wave: SurveyWave, due_on: datetime.date, now: datetime.datetime
) -> SurveyInvitation | None:
    """Create one invitation and queue its message, in one transaction; None if another run
    created it first."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                enrolment_id=enrolment_id,
                wave=wave,
                due_on=due_on,
                token_hash=survey_token_hash(token),
                expires_at=now + datetime.timedelta(days=wave.link_valid_days),
            )
            if _message_queue(invitation, INVITATION_MESSAGE, token):
                invitation.sent_at = now
                invitation.save(update_fields=["sent_at"])
    except IntegrityError:  # the same graduate and wave, invited by a run beside this one
        return None
    return invitation


def _message_queue(invitation: SurveyInvitation, kind: MessageKind, token: str) -> int:
    enrolment = Enrolment.objects.select_related("person", "training_class__programme").get(
        pk=invitation.enrolment_id
    )
    context = {
        "programme": enrolment.training_class.programme.name,
        "link": survey_link(token),
        "expires": f"{timezone.localtime(invitation.expires_at):%d-%m-%Y}",
    }
    return notifications_queue(
        messages=[Message(kind=kind.name, to=enrolment.person, context=context)]
    )


def reminder_due(invitation: SurveyInvitation, now: datetime.datetime) -> bool:
    """Whether `invitation` is due a reminder at `now`: sent, unanswered, not expired, fewer
    than MAXIMUM_REMINDERS so far, and the wave's wait since the last message is over."""
    if invitation.used_at is not None or invitation.sent_at is None:
        return False
    if invitation.expires_at <= now or invitation.reminders_sent >= MAXIMUM_REMINDERS:
        return False
    last_message = invitation.last_reminded_at or invitation.sent_at
    return now >= last_message + datetime.timedelta(days=invitation.wave.reminder_after_days)


def survey_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind every graduate whose invitation is due a reminder, with a fresh link (the old
    one stops working); each in its own transaction, the row locked. Returns how many."""
    now = now or timezone.now()
    open_invitations = SurveyInvitation.objects.filter(
        used_at__isnull=True,
        sent_at__isnull=False,
        expires_at__gt=now,
        reminders_sent__lt=MAXIMUM_REMINDERS,
    ).select_related("wave")
    reminded = 0
    for invitation_id in [item.pk for item in open_invitations if reminder_due(item, now)]:
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update(of=("self",))
                .select_related("wave")
                .get(pk=invitation_id)
            )
            if not reminder_due(invitation, now):
                continue  # answered, or reminded by a run beside this one, meanwhile
            token = secrets.token_urlsafe(TOKEN_BYTES)
            invitation.token_hash = survey_token_hash(token)
            invitation.reminders_sent += 1
            invitation.last_reminded_at = now
            invitation.save(update_fields=["token_hash", "reminders_sent", "last_reminded_at"])
            _message_queue(invitation, REMINDER_MESSAGE, token)
            reminded += 1
    return reminded


def tracer_surveys_send(*, now: datetime.datetime | None = None) -> SendSummary:
    """Send the invitations that have fallen due, then the reminders that have."""
    invited, sent = survey_invitations_create(now=now)
    return SendSummary(invited=invited, sent=sent, reminded=survey_reminders_send(now=now))


@job_kind(
    SEND_JOB,
    title=gettext_lazy("Tracer surveys"),
    results={
        "invited": gettext_lazy("graduates invited"),
        "sent": gettext_lazy("invitations sent"),
        "reminded": gettext_lazy("reminders sent"),
    },
)
def tracer_surveys_send_job(progress: ProgressReporter, **_parameters: Any) -> dict[str, int]:
    """Run daily (the send_tracer_surveys command from cron), or started by an admin."""
    summary = tracer_surveys_send()
    progress(1, 1, _("%(invited)s invited") % {"invited": summary.invited})
    return {"invited": summary.invited, "sent": summary.sent, "reminded": summary.reminded}


def tracer_surveys_send_start(*, created_by: User | None) -> Job:
    """Start sending the due invitations and reminders as a job."""
    return job_start(
        kind=SEND_JOB,
        label=f"{timezone.localdate():%d-%m-%Y}",
        parameters={},
        created_by=created_by,
    )
