"""Two senders at once on PostgreSQL: row locks keep each message to one of them."""

from __future__ import annotations

from collections import Counter

import pytest

from balai.notifications import sending, services
from balai.notifications.models import Notification, NotificationStatus
from balai.notifications.sending import SendSummary, notifications_send_due
from balai.notifications.services import Message, notifications_queue
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.gateways import RecordingGateway
from balai.testing.places import SUKARASA

MESSAGES = 40


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_message_once(
    kota_tangerang: None,
    message_gateway_fake: RecordingGateway,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skip_unless_postgresql()
    people = [
        PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA), phone=f"+62813000{n:05d}")
        for n in range(MESSAGES)
    ]
    # Queued without the sending job it would start: the two senders below do the sending.
    monkeypatch.setattr(services, "_start_sending", lambda: None)
    notifications_queue(messages=[Message(kind="waitlisted", to=person) for person in people])
    # Small batches, so that both senders come back for more while the other is sending.
    monkeypatch.setattr(sending, "CLAIM_BATCH", 3)
    message_gateway_fake.seconds_per_message = 0.01
    summaries: list[SendSummary] = []

    def sender(_number: int) -> str:
        summaries.append(notifications_send_due())
        return "done"

    assert run_concurrently(2, sender) == ["done", "done"]

    sent_to = Counter(text.phone for text in message_gateway_fake.sent)
    assert len(sent_to) == MESSAGES and set(sent_to.values()) == {1}
    assert sorted(summary.sent for summary in summaries) != [0, MESSAGES]  # both took a share
    assert sum(summary.sent for summary in summaries) == MESSAGES
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == MESSAGES
