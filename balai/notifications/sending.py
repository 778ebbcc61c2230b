"""Sending the outbox: each message once, failures again later, up to a limit.

A sender claims a batch of due messages under row locks (`SELECT ... FOR UPDATE SKIP
LOCKED` on PostgreSQL: a second sender skips the rows the first holds instead of waiting for
them, and finds them claimed once it may look), marks them with its token and a lease, and
commits. It then sends each outside any transaction: just before a message goes, it counts
the attempt and renews the lease if it still holds the message (a sender slower than its
lease skips what another may have taken), and it records the outcome only on rows it still
holds. A message whose lifetime has passed (a one-time code) is given up, not sent. A sender
that dies leaves its rows to come back when the lease ends (a message the gateway had already
taken may then go twice: the one case not covered, since the gateway's acceptance and our
record cannot share a transaction; it needs an idempotency key the gateway honours). A
sender still alive past its lease on a message's last attempt may likewise find that message
given up as interrupted by the next sender, though it went.

A failure is tried again after a growing delay (`RETRY_DELAYS`), by whichever sender runs
next: the job started when a message is queued, or the `send_notifications` command that a
timer runs every minute, so a failed message is retried with no new message queued. After
MAXIMUM_ATTEMPTS it is marked failed, with the reason.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from balai.core.jobs import ProgressReporter, job_kind
from balai.notifications.catalogue import message_kinds
from balai.notifications.gateways import GatewayError, codes_masked, message_gateway
from balai.notifications.models import Notification, NotificationChannel, NotificationStatus

logger = logging.getLogger(__name__)

SEND_JOB = "notifications_send"
MAXIMUM_ATTEMPTS = 5
# The wait after the first, second, ... failed attempt: a gateway's short outage is ridden
# out within minutes, a long one within hours, and the fifth failure gives up.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
# Far longer than one batch takes to send (a gateway answers in seconds), so a live
# sender never loses its rows; a dead one's come back after it.
CLAIM_LEASE = timedelta(minutes=10)
CLAIM_BATCH = 100
NO_ADDRESS = "The recipient has no address on this channel any more."
EXPIRED = "Not sent in time: the message had expired."
INTERRUPTED = "The sender stopped while sending it, on the last attempt."


class _UndeliverableError(Exception):
    """The message can never be sent (no address): it fails at once, without retries."""


@dataclass
class SendSummary:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "retried": self.retried, "failed": self.failed}


def notifications_send_due(*, progress: ProgressReporter | None = None) -> SendSummary:
    """Send every message that is due, in claimed batches, until none is left; give up the
    ones that expired or were interrupted on their last attempt."""
    summary = SendSummary()
    summary.failed += _give_up_stale(timezone.now())
    while batch := _claim_batch():
        token, notifications = batch
        for notification in notifications:
            _send_and_record(notification, token, summary)
        if progress is not None:
            progress(summary.sent + summary.retried + summary.failed, 0)
    return summary


@job_kind(
    SEND_JOB,
    title=gettext_lazy("Sending notifications"),
    results={
        "sent": gettext_lazy("sent"),
        "retried": gettext_lazy("to retry"),
        "failed": gettext_lazy("failed"),
    },
)
def notifications_send(progress: ProgressReporter, **_parameters: Any) -> dict[str, int]:
    """Send what is due in the outbox (the job started when messages are queued)."""
    return notifications_send_due(progress=progress).as_dict()


def _due(now: datetime) -> Q:
    unclaimed = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return (
        Q(status=NotificationStatus.PENDING, next_attempt_at__lte=now)
        & Q(attempts__lt=MAXIMUM_ATTEMPTS)
        & unclaimed
    )


def _claim_batch() -> tuple[uuid.UUID, list[Notification]] | None:
    """Claim up to CLAIM_BATCH due messages for this sender; None when nothing is due."""
    token = uuid.uuid4()
    with transaction.atomic():
        now = timezone.now()
        # Ignored by SQLite, which has one writer at a time anyway.
        locked = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:CLAIM_BATCH]
        )
        # Due again in the update itself: where the database takes no row locks (SQLite), a
        # row another sender claimed in the meantime is not taken twice.
        claimed = Notification.objects.filter(_due(now), id__in=list(locked)).update(
            claim_token=token, claimed_until=now + CLAIM_LEASE
        )
    if not claimed:
        return None
    notifications = Notification.objects.filter(claim_token=token).select_related("person", "user")
    return token, list(notifications.order_by("next_attempt_at", "id"))


def _send_and_record(notification: Notification, token: uuid.UUID, summary: SendSummary) -> None:
    if not _attempt_begin(notification, token):
        return  # this sender outran its lease, and the message may be another's now
    if _expired(notification):
        _release(
            notification,
            token,
            status=NotificationStatus.FAILED,
            last_error=EXPIRED,
            **_forgotten_body(notification),
        )
        summary.failed += 1
        return
    try:
        _deliver(notification)
    except _UndeliverableError as reason:
        _record_failure(notification, token, str(reason), final=True)
        summary.failed += 1
    # Whatever a gateway or the mail server raises fails this one message, not the batch: an
    # exception let through would leave the rest claimed and tried by nobody.
    except Exception as error:
        if not isinstance(error, GatewayError | OSError):
            # A bug's traceback helps, but it quotes the error, which may echo a code.
            secret = bool(_forgotten_body(notification))
            logger.error(
                "Notification %s: the sender raised %s",
                notification.pk,
                type(error).__name__,
                exc_info=not secret,
            )
        final = notification.attempts >= MAXIMUM_ATTEMPTS
        _record_failure(
            notification, token, codes_masked(str(error)) or type(error).__name__, final=final
        )
        if final:
            summary.failed += 1
        else:
            summary.retried += 1
    else:
        _release(
            notification,
            token,
            status=NotificationStatus.SENT,
            sent_at=timezone.now(),
            **_forgotten_body(notification),
        )
        summary.sent += 1


def _attempt_begin(notification: Notification, token: uuid.UUID) -> bool:
    """Count an attempt and renew the lease just before sending, if this sender still holds
    the message. A sender slower than its lease then sends nothing another has taken, and a
    sender that dies has charged an attempt to the one message it was sending, not its batch."""
    now = timezone.now()
    held = Notification.objects.filter(
        pk=notification.pk, claim_token=token, claimed_until__gt=now
    ).update(claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1)
    notification.attempts += held
    return bool(held)


def _expired(notification: Notification) -> bool:
    """Whether the message's kind has a lifetime (a one-time code) and it has passed."""
    lifetime = next(
        (kind.lifetime for kind in message_kinds() if kind.name == notification.kind), None
    )
    return lifetime is not None and notification.created_at + lifetime <= timezone.now()


def _deliver(notification: Notification) -> None:
    """Send `notification` to the address its recipient has now."""
    if notification.channel == NotificationChannel.EMAIL:
        # Exactly one of the two is set: the database refuses anything else.
        recipient = notification.person or notification.user
        if recipient is None or not recipient.email:
            raise _UndeliverableError(NO_ADDRESS)
        send_mail(notification.subject, notification.body, None, [recipient.email])
        return
    phone = notification.person.phone if notification.person is not None else ""
    if not phone:
        raise _UndeliverableError(NO_ADDRESS)
    message_gateway().send(phone=phone, text=f"{notification.subject}\n{notification.body}")


def _record_failure(
    notification: Notification, token: uuid.UUID, reason: str, *, final: bool
) -> None:
    logger.warning(
        "Notification %s failed (attempt %s): %s", notification.pk, notification.attempts, reason
    )
    if final:
        _release(
            notification,
            token,
            status=NotificationStatus.FAILED,
            last_error=reason[:300],
            **_forgotten_body(notification),
        )
        return
    delay = RETRY_DELAYS[min(notification.attempts, len(RETRY_DELAYS)) - 1]
    _release(notification, token, last_error=reason[:300], next_attempt_at=timezone.now() + delay)


def _release(notification: Notification, token: uuid.UUID, **fields: Any) -> None:
    """Record an outcome on `notification` if this sender still holds it, and let it go."""
    Notification.objects.filter(pk=notification.pk, claim_token=token).update(
        claim_token=None, claimed_until=None, **fields
    )


def _forgotten_body(notification: Notification) -> dict[str, str]:
    """The body to keep once a message is done with: none, for a secret (a one-time code)."""
    secret = any(kind.secret for kind in message_kinds() if kind.name == notification.kind)
    return {"body": ""} if secret else {}


def _give_up_stale(now: datetime) -> int:
    """Mark failed the messages that can no longer usefully be sent: expired ones, and ones
    whose last attempt a dead sender left unfinished. Returns how many."""
    unclaimed = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    pending = Notification.objects.filter(unclaimed, status=NotificationStatus.PENDING)
    given_up = 0
    for kind in message_kinds():
        if kind.lifetime is None:
            continue
        given_up += pending.filter(kind=kind.name, created_at__lt=now - kind.lifetime).update(
            status=NotificationStatus.FAILED,
            last_error=EXPIRED,
            claim_token=None,
            claimed_until=None,
            **({"body": ""} if kind.secret else {}),
        )
    interrupted = pending.filter(attempts__gte=MAXIMUM_ATTEMPTS, claimed_until__lt=now)
    for notification in interrupted.only("id", "kind"):
        given_up += Notification.objects.filter(
            pk=notification.pk, status=NotificationStatus.PENDING, claimed_until__lt=now
        ).update(
            status=NotificationStatus.FAILED,
            last_error=INTERRUPTED,
            claim_token=None,
            claimed_until=None,
            **_forgotten_body(notification),
        )
    return given_up
