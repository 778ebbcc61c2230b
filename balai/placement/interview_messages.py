"""What interviews send through the outbox: the booking to the graduate and the company,
a cancellation to the company, and the reminder the day before (a daily job)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from balai.core.jobs import ProgressReporter, job_kind
from balai.notifications.catalogue import MessageKind
from balai.notifications.services import Message, notifications_queue
from balai.placement.companies import company_accounts
from balai.placement.models import InterviewBooking

INTERVIEW_BOOKED_MESSAGE = MessageKind(
    name="interview_booked",
    subject=gettext_lazy("Your interview for %(vacancy)s is booked"),
    body=gettext_lazy(
        "Your interview for %(vacancy)s at %(company)s is on %(starts_at)s. "
        "Where: %(where)s. Add it to your calendar: %(calendar_url)s"
    ),
)
INTERVIEW_BOOKED_COMPANY_MESSAGE = MessageKind(
    name="interview_booked_company",
    subject=gettext_lazy("An interview for %(vacancy)s was booked"),
    body=gettext_lazy(
        "%(applicant)s booked the interview for %(vacancy)s on %(starts_at)s. "
        "Where: %(where)s. Calendar invitation: %(calendar_url)s"
    ),
)
INTERVIEW_CANCELLED_MESSAGE = MessageKind(
    name="interview_cancelled",
    subject=gettext_lazy("An interview for %(vacancy)s was cancelled"),
    body=gettext_lazy(
        "%(applicant)s cancelled the interview for %(vacancy)s on %(starts_at)s. "
        "The slot is free again."
    ),
)
INTERVIEW_REMINDER_MESSAGE = MessageKind(
    name="interview_reminder",
    subject=gettext_lazy("Reminder: your interview for %(vacancy)s"),
    body=gettext_lazy(
        "Your interview for %(vacancy)s at %(company)s is on %(starts_at)s. "
        "Where: %(where)s. If you cannot come, cancel it under My applications."
    ),
)
MESSAGE_KINDS = (
    INTERVIEW_BOOKED_MESSAGE,
    INTERVIEW_BOOKED_COMPANY_MESSAGE,
    INTERVIEW_CANCELLED_MESSAGE,
    INTERVIEW_REMINDER_MESSAGE,
)
REMINDER_JOB = "interview_reminders_send"


def interview_calendar_url(booking: InterviewBooking) -> str:
    """The address of the booking's .ics invitation (after signing in)."""
    path = reverse("placement:interview_invitation", kwargs={"booking_id": booking.pk})
    return f"{settings.BALAI_PUBLIC_URL}{path}"


def _context(booking: InterviewBooking) -> dict[str, str | int]:
    slot = booking.slot
    vacancy = slot.vacancy
    return {
        "vacancy": vacancy.title,
        "company": vacancy.company.name,
        "applicant": booking.application.person.full_name,
        "starts_at": timezone.localtime(slot.starts_at).strftime("%d-%m-%Y %H:%M"),
        "where": slot.video_link or slot.location,
        "calendar_url": interview_calendar_url(booking),
    }


def booking_made_notify(booking: InterviewBooking) -> None:
    """Tell the graduate (with the link, place and calendar file) and the company's people."""
    context = _context(booking)
    company_id = booking.slot.vacancy.company_id
    notifications_queue(
        messages=[
            Message(
                kind=INTERVIEW_BOOKED_MESSAGE.name,
                to=booking.application.person,
                context=context,
            ),
            *(
                Message(kind=INTERVIEW_BOOKED_COMPANY_MESSAGE.name, to=user, context=context)
                for user in company_accounts(company_id)
            ),
        ]
    )


def booking_cancelled_notify(booking: InterviewBooking) -> None:
    """Tell the company's people that a graduate cancelled."""
    context = _context(booking)
    notifications_queue(
        messages=[
            Message(kind=INTERVIEW_CANCELLED_MESSAGE.name, to=user, context=context)
            for user in company_accounts(booking.slot.vacancy.company_id)
        ]
    )


def interview_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind every graduate whose interview is tomorrow (or later today) and who has not
    been reminded; return how many were. Each booking is claimed by a conditional update,
    so a reminder never goes twice, even with two runs at once."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    until = timezone.make_aware(
        datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time())
    )
    due = InterviewBooking.objects.filter(
        cancelled_at__isnull=True,
        reminded_at__isnull=True,
        outcome="",
        slot__starts_at__gt=now,
        slot__starts_at__lt=until,
    ).select_related("slot__vacancy__company", "application__person")
    reminded = 0
    for booking in due.order_by("slot__starts_at", "pk"):
        with transaction.atomic():
            claimed = InterviewBooking.objects.filter(
                pk=booking.pk, reminded_at__isnull=True, cancelled_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                notifications_queue(
                    messages=[
                        Message(
                            kind=INTERVIEW_REMINDER_MESSAGE.name,
                            to=booking.application.person,
                            context=_context(booking),
                        )
                    ]
                )
                reminded += 1
    return reminded


@job_kind(
    REMINDER_JOB,
    title=gettext_lazy("Interview reminders"),
    results={"reminded": gettext_lazy("graduates reminded")},
)
def interview_reminders_job(progress: ProgressReporter, **_parameters: Any) -> dict[str, int]:
    """Send the reminders that are due (run daily: the send_interview_reminders command)."""
    reminded = interview_reminders_send()
    progress(1, 1)
    return {"reminded": reminded}
