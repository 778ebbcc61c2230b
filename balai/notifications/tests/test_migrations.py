"""The outbox's migration to recipients and retries, forwards and backwards."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from balai.testing.migration_rows import a_kelurahan, person_row

PEOPLE_ONLY = ("notifications", "0001_initial")
ANYONE = ("notifications", "0003_user_messages_dropped_going_back")
NIK = "3671015705900001"


def test_a_waiting_message_stays_due_forwards_and_messages_to_users_go_backwards(
    migrator: Any,
) -> None:
    old = migrator.apply_initial_migration(PEOPLE_ONLY)
    person = person_row(old.apps, NIK, a_kelurahan(old.apps), mask="************0001")
    old.apps.get_model("notifications", "Notification").objects.create(
        person_id=person.pk, channel="whatsapp", subject="Kode Balai", body="..."
    )

    new = migrator.apply_tested_migration(ANYONE)
    notification_model = new.apps.get_model("notifications", "Notification")
    waiting = notification_model.objects.get()
    assert (waiting.status, waiting.attempts, waiting.kind) == ("pending", 0, "")
    assert waiting.next_attempt_at <= timezone.now()
    user = new.apps.get_model("accounts", "User").objects.create(username="hrd", role="employer")
    notification_model.objects.create(user_id=user.pk, channel="email", subject="s", body="b")

    back = migrator.apply_tested_migration(PEOPLE_ONLY)
    remaining = back.apps.get_model("notifications", "Notification").objects.get()
    assert remaining.person_id == person.pk


def test_codes_queued_before_kinds_become_secret_claim_codes(migrator: Any) -> None:
    old = migrator.apply_initial_migration(ANYONE)
    notification_model = old.apps.get_model("notifications", "Notification")
    person = person_row(old.apps, NIK, a_kelurahan(old.apps), mask="************0001")
    for status, subject in (("sent", "Kode Balai"), ("pending", "Balai code"), ("sent", "Tawaran")):
        notification_model.objects.create(
            person_id=person.pk, channel="whatsapp", status=status, subject=subject, body="123456"
        )

    new = migrator.apply_tested_migration(("notifications", "0004_codes_from_before_kinds"))
    rows = new.apps.get_model("notifications", "Notification").objects.order_by("pk")
    assert [(row.kind, row.body) for row in rows] == [
        ("claim_code", ""),
        ("claim_code", "123456"),  # still waiting: the sender expires or sends it
        ("", "123456"),
    ]
