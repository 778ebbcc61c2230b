"""Sending: once, again after a wait when it fails, failed with the reason after the limit."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from balai.notifications.catalogue import MessageValue
from balai.notifications.models import Notification, NotificationStatus
from balai.notifications.sending import (
    CLAIM_LEASE,
    EXPIRED,
    INTERRUPTED,
    MAXIMUM_ATTEMPTS,
    NO_ADDRESS,
    RETRY_DELAYS,
    notifications_send_due,
)
from balai.notifications.services import Message, notifications_queue
from balai.registry.models import Person
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.gateways import RecordingGateway
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
OUTAGE = "503 from the provider"


def queue_waitlisted(phone: str = "+6281234567890") -> Person:
    person: Person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), phone=phone)
    notifications_queue(messages=[Message(kind="waitlisted", to=person)])
    return person


def only_notification() -> Notification:
    [notification] = Notification.objects.all()
    return notification


def test_a_failed_message_is_retried_after_its_wait_with_no_new_message_queued(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    message_gateway_fake.refusing = OUTAGE
    assert notifications_send_due().retried == 1
    failed_once = only_notification()
    assert (failed_once.status, failed_once.attempts) == (NotificationStatus.PENDING, 1)
    assert failed_once.last_error == OUTAGE
    message_gateway_fake.refusing = ""
    assert notifications_send_due().sent == 0  # still waiting out its first delay
    with time_machine.travel(failed_once.next_attempt_at + datetime.timedelta(seconds=1)):
        call_command("send_notifications")  # what the timer runs every minute
    sent = only_notification()
    assert (sent.status, sent.attempts) == (NotificationStatus.SENT, 2)
    assert len(message_gateway_fake.sent) == 1


def test_the_waits_between_attempts_grow(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    message_gateway_fake.refusing = OUTAGE
    waits = []
    moment = timezone.now()
    for _attempt in range(MAXIMUM_ATTEMPTS - 1):
        with time_machine.travel(moment, tick=False):
            notifications_send_due()
        due = only_notification().next_attempt_at
        waits.append(due - moment)
        moment = due
    assert waits == list(RETRY_DELAYS)


def test_a_message_failing_every_attempt_is_marked_failed_with_the_reason(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    message_gateway_fake.refusing = OUTAGE
    later = timezone.now()
    for _attempt in range(MAXIMUM_ATTEMPTS):
        with time_machine.travel(later, tick=False):
            notifications_send_due()
        later += RETRY_DELAYS[-1]
    failed = only_notification()
    assert (failed.status, failed.attempts) == (NotificationStatus.FAILED, MAXIMUM_ATTEMPTS)
    assert failed.last_error == OUTAGE
    message_gateway_fake.refusing = ""
    with time_machine.travel(later, tick=False):
        assert notifications_send_due().sent == 0
    assert message_gateway_fake.sent == []


def test_a_message_a_dead_sender_held_comes_back_when_its_lease_ends(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    # A sender claimed it and died before sending.
    Notification.objects.update(
        claim_token=uuid.uuid4(), claimed_until=timezone.now() + CLAIM_LEASE, attempts=1
    )
    assert notifications_send_due().sent == 0
    with time_machine.travel(timezone.now() + CLAIM_LEASE + datetime.timedelta(seconds=1)):
        assert notifications_send_due().sent == 1
    assert only_notification().attempts == 2
    assert len(message_gateway_fake.sent) == 1


def test_a_last_attempt_a_dead_sender_left_unfinished_is_marked_failed(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    Notification.objects.update(
        claim_token=uuid.uuid4(),
        claimed_until=timezone.now() + CLAIM_LEASE,
        attempts=MAXIMUM_ATTEMPTS,
    )
    with time_machine.travel(timezone.now() + CLAIM_LEASE + datetime.timedelta(seconds=1)):
        assert notifications_send_due().failed == 1
    failed = only_notification()
    assert (failed.status, failed.last_error) == (NotificationStatus.FAILED, INTERRUPTED)
    assert message_gateway_fake.sent == []


def test_a_recipient_with_no_address_left_fails_at_once(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    person = queue_waitlisted()
    Person.objects.filter(pk=person.pk).update(phone="")
    assert notifications_send_due().failed == 1
    failed = only_notification()
    assert (failed.status, failed.attempts, failed.last_error) == (
        NotificationStatus.FAILED,
        1,
        NO_ADDRESS,
    )


def test_a_code_is_forgotten_once_sent_and_never_sent_once_expired(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    person: Person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    code: dict[str, MessageValue] = {"code": "123456", "minutes": 10}
    notifications_queue(messages=[Message(kind="claim_code", to=person, context=code)])
    notifications_send_due()
    sent = only_notification()
    assert sent.status == NotificationStatus.SENT and sent.body == ""
    assert "123456" in message_gateway_fake.sent[0].text

    Notification.objects.all().delete()
    notifications_queue(messages=[Message(kind="claim_code", to=person, context=code)])
    message_gateway_fake.refusing = OUTAGE
    notifications_send_due()
    message_gateway_fake.refusing = ""
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert notifications_send_due().failed == 1
    expired = only_notification()
    assert (expired.status, expired.last_error, expired.body) == (
        NotificationStatus.FAILED,
        EXPIRED,
        "",
    )
    assert len(message_gateway_fake.sent) == 1


def test_a_message_is_not_sent_twice_by_senders_one_after_the_other(
    kota_tangerang: None, message_gateway_fake: RecordingGateway
) -> None:
    queue_waitlisted()
    assert notifications_send_due().sent == 1
    assert notifications_send_due().sent == 0
    assert len(message_gateway_fake.sent) == 1
