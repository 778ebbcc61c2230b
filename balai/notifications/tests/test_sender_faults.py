"""A sender meets trouble: a gateway that raises what nobody expected, a send slower than the
lease, a code whose ten minutes run out while it waits, an error that echoes the code."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from balai.notifications.gateways import GatewayError
from balai.notifications.models import Notification, NotificationStatus
from balai.notifications.sending import (
    CLAIM_LEASE,
    EXPIRED,
    MAXIMUM_ATTEMPTS,
    RETRY_DELAYS,
    notifications_send_due,
)
from balai.notifications.services import Message, notifications_queue
from balai.registry.models import Person
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.gateways import RecordingGateway
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
CODE = "424242"


def residents(count: int) -> list[Person]:
    return [
        PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), phone=f"+628120000{n:04d}")
        for n in range(1, count + 1)
    ]


def test_a_message_the_gateway_chokes_on_fails_alone_and_the_rest_of_its_batch_goes(
    kota_tangerang: None, message_gateway_fake: RecordingGateway, monkeypatch: Any
) -> None:
    choking, *others = residents(4)
    notifications_queue(messages=[Message(kind="waitlisted", to=p) for p in [choking, *others]])
    recording_send = message_gateway_fake.send

    def send(*, phone: str, text: str) -> None:
        if phone == choking.phone:
            raise ValueError("provider answered something unexpected")  # not a GatewayError
        recording_send(phone=phone, text=text)

    monkeypatch.setattr(message_gateway_fake, "send", send)
    summary = notifications_send_due()
    assert (summary.sent, summary.retried) == (3, 1)
    assert Counter(text.phone for text in message_gateway_fake.sent) == {p.phone: 1 for p in others}
    moment = timezone.now()
    for delay in RETRY_DELAYS:
        moment += delay
        with time_machine.travel(moment, tick=False):
            notifications_send_due()
    failed = Notification.objects.get(person=choking)
    assert (failed.status, failed.attempts) == (NotificationStatus.FAILED, MAXIMUM_ATTEMPTS)
    assert failed.last_error == "provider answered something unexpected"
    assert len(message_gateway_fake.sent) == 3


def test_a_sender_that_outran_its_lease_sends_nothing_another_has_taken(
    kota_tangerang: None, message_gateway_fake: RecordingGateway, monkeypatch: Any
) -> None:
    slow, *others = residents(3)
    notifications_queue(messages=[Message(kind="waitlisted", to=p) for p in [slow, *others]])
    recording_send = message_gateway_fake.send
    outran: list[bool] = []

    def send(*, phone: str, text: str) -> None:
        recording_send(phone=phone, text=text)
        if phone == slow.phone and not outran:
            outran.append(True)
            # The first send outlasts the lease; the timer's next sender runs meanwhile. (That
            # one message may then go twice: a gateway's timeout, far under the lease, is
            # what keeps it from happening.)
            later = timezone.now() + CLAIM_LEASE + datetime.timedelta(seconds=1)
            with time_machine.travel(later, tick=False):
                notifications_send_due()

    monkeypatch.setattr(message_gateway_fake, "send", send)
    notifications_send_due()
    sent = Counter(text.phone for text in message_gateway_fake.sent)
    assert {phone: sent[phone] for phone in (p.phone for p in others)} == {
        p.phone: 1 for p in others
    }
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}


def test_a_code_claimed_before_it_expired_is_not_sent_after(
    kota_tangerang: None, message_gateway_fake: RecordingGateway, monkeypatch: Any
) -> None:
    ahead, resident = residents(2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        notifications_queue(messages=[Message(kind="waitlisted", to=ahead)])
        notifications_queue(
            messages=[
                Message(kind="claim_code", to=resident, context={"code": CODE, "minutes": 10})
            ]
        )
    recording_send = message_gateway_fake.send
    slow_gateway = time_machine.travel(start + datetime.timedelta(minutes=12), tick=False)

    def send(*, phone: str, text: str) -> None:
        recording_send(phone=phone, text=text)
        slow_gateway.start()  # the message ahead of the code takes two minutes and more

    monkeypatch.setattr(message_gateway_fake, "send", send)
    try:
        with time_machine.travel(start + datetime.timedelta(minutes=9, seconds=50), tick=False):
            notifications_send_due()
    finally:
        slow_gateway.stop()
    assert [text.phone for text in message_gateway_fake.sent] == [ahead.phone]
    code = Notification.objects.get(person=resident)
    assert (code.status, code.last_error, code.body) == (NotificationStatus.FAILED, EXPIRED, "")


@pytest.mark.parametrize("error", [GatewayError, ValueError])
def test_a_gateway_error_echoing_the_code_is_kept_and_logged_without_it(
    kota_tangerang: None,
    message_gateway_fake: RecordingGateway,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: Any,
    error: type[Exception],
) -> None:
    [resident] = residents(1)
    notifications_queue(
        messages=[Message(kind="claim_code", to=resident, context={"code": CODE, "minutes": 10})]
    )

    def send(*, phone: str, text: str) -> None:
        raise error(f"rejected text {text!r}")

    monkeypatch.setattr(message_gateway_fake, "send", send)
    notifications_send_due()
    retried = Notification.objects.get()
    assert retried.status == NotificationStatus.PENDING
    assert "rejected text" in retried.last_error
    assert CODE not in retried.last_error
    assert CODE not in caplog.text
