"""Queueing messages in the outbox (in the caller's transaction) and sending them (a job)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.notifications.gateways import GatewayError, message_gateway
from balai.notifications.models import Notification, NotificationChannel, NotificationStatus
from balai.registry.models import Person

logger = logging.getLogger(__name__)

SEND_JOB = "notifications_send"
MAXIMUM_ATTEMPTS = 5
SEND_CHUNK = 500


@dataclass(frozen=True)
class Message:
    person: Person
    subject: str
    body: str
    # Only these channels (a one-time code goes to the phone on record alone); None: every
    # channel the person can be reached on.
    channels: tuple[NotificationChannel, ...] | None = None


def notifications_queue(*, messages: list[Message]) -> int:
    """Put each message in the outbox on every channel its person can be reached on, and start
    sending once the caller's transaction commits (so nothing is sent for a change rolled
    back). Returns how many notifications were queued."""
    rows = [
        Notification(
            person=message.person, channel=channel, subject=message.subject, body=message.body
        )
        for message in messages
        for channel in _channels(message.person)
        if message.channels is None or channel in message.channels
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    if rows:
        transaction.on_commit(_start_sending)
    return len(rows)


def _channels(person: Person) -> list[NotificationChannel]:
    channels = []
    if person.email:
        channels.append(NotificationChannel.EMAIL)
    if person.phone:
        channels.append(NotificationChannel.WHATSAPP)
    return channels


def _start_sending() -> None:
    job_start(kind=SEND_JOB, label="Send notifications", parameters={}, created_by=None)


@job_kind(SEND_JOB)
def notifications_send(progress: ProgressReporter, **_parameters: Any) -> dict[str, int]:
    """Send what waits in the outbox; a failed message is tried again by the next job, up to
    MAXIMUM_ATTEMPTS times."""
    pending = Notification.objects.filter(
        status=NotificationStatus.PENDING, attempts__lt=MAXIMUM_ATTEMPTS
    )
    total = pending.count()
    sent = failed = 0
    while chunk := list(pending.select_related("person").order_by("id")[:SEND_CHUNK]):
        for notification in chunk:
            if _send(notification):
                sent += 1
            else:
                failed += 1
        progress(sent + failed, total)
        if sent + failed >= total:
            break
    return {"sent": sent, "failed": failed}


def _send(notification: Notification) -> bool:
    """Send one notification and record the outcome on its row."""
    notification.attempts += 1
    try:
        if notification.channel == NotificationChannel.EMAIL:
            send_mail(notification.subject, notification.body, None, [notification.person.email])
        else:
            message_gateway().send(
                phone=notification.person.phone,
                text=f"{notification.subject}\n{notification.body}",
            )
    except (GatewayError, OSError) as error:
        notification.last_error = str(error)[:300]
        if notification.attempts >= MAXIMUM_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
        notification.save(update_fields=["attempts", "last_error", "status"])
        logger.warning("Notification %s failed: %s", notification.pk, notification.last_error)
        return False
    notification.status = NotificationStatus.SENT
    notification.sent_at = timezone.now()
    notification.save(update_fields=["attempts", "status", "sent_at"])
    return True
