"""Queueing: messages by kind, in the recipient's language, to a person, a user or a list."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from balai.accounts.models import Role
from balai.core.tests.hiring.models import BusinessGroup, Company
from balai.notifications.catalogue import MessageValue
from balai.notifications.models import Notification, NotificationChannel, NotificationStatus
from balai.notifications.recipients import RecipientList
from balai.notifications.sending import notifications_send_due
from balai.notifications.services import Message, notifications_queue
from balai.registry.models import Person
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.gateways import RecordingGateway
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
VACANCY = {"title": "Operator produksi", "company": "PT Maju"}


def resident(phone: str = "+6281234567890", email: str = "") -> Person:
    person: Person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), phone=phone, email=email
    )
    return person


def test_a_message_is_in_indonesian_unless_the_recipient_reads_english(
    kota_tangerang: None,
) -> None:
    person = resident()
    code: dict[str, MessageValue] = {"code": "123456", "minutes": 10}
    notifications_queue(messages=[Message(kind="claim_code", to=person, context=code)])
    notifications_queue(
        messages=[Message(kind="claim_code", to=person, context=code, language="en")]
    )
    indonesian, english = Notification.objects.order_by("id")
    assert (indonesian.language, indonesian.subject) == ("id", "Kode Balai")
    assert indonesian.body.startswith("Kode Balai Anda: 123456. Berlaku 10 menit.")
    assert (english.language, english.subject) == ("en", "Balai code")
    assert english.body.startswith("Your Balai code is 123456. It works for 10 minutes.")


def test_an_employer_contact_and_a_business_groups_members_are_messaged(
    kota_tangerang: None, mailoutbox: list[Any], message_gateway_fake: RecordingGateway
) -> None:
    contact = UserFactory.create(role=Role.EMPLOYER, email="hrd@maju.example.id")
    company = Company.objects.create(name="PT Maju")
    company.members.add(contact)
    reachable_both_ways = resident(phone="+6281300000001", email="sari@example.id")
    phone_only = resident(phone="+6281300000002")
    group = BusinessGroup.objects.create(name="Kelompok Usaha Jahit")
    group.members.add(reachable_both_ways, phone_only)

    queued = notifications_queue(
        messages=[
            Message(kind="test_vacancy_opened", to=contact, context=VACANCY),
            Message(
                kind="test_vacancy_opened",
                to=RecipientList("test_group", str(group.pk)),
                context=VACANCY,
            ),
        ]
    )
    summary = notifications_send_due()

    assert queued == summary.sent == 4
    assert sorted(address for mail in mailoutbox for address in mail.to) == [
        "hrd@maju.example.id",
        "sari@example.id",
    ]
    assert mailoutbox[0].subject == "New vacancy: Operator produksi"
    assert sorted(sent.phone for sent in message_gateway_fake.sent) == [
        "+6281300000001",
        "+6281300000002",
    ]
    to_group = Notification.objects.filter(list_kind="test_group", list_key=str(group.pk))
    assert to_group.count() == 3 and not to_group.filter(user__isnull=False).exists()
    assert Notification.objects.get(user=contact).channel == NotificationChannel.EMAIL


def test_a_company_contact_list_reaches_its_user_accounts_by_email(
    kota_tangerang: None, mailoutbox: list[Any]
) -> None:
    company = Company.objects.create(name="PT Maju")
    company.members.add(
        UserFactory.create(role=Role.EMPLOYER, email="hrd@maju.example.id"),
        UserFactory.create(role=Role.EMPLOYER, email=""),  # nowhere to send: nothing queued
    )
    contacts = RecipientList("test_company_contacts", str(company.pk))
    queued = notifications_queue(
        messages=[Message(kind="test_vacancy_opened", to=contacts, context=VACANCY)]
    )
    notifications_send_due()
    assert queued == 1
    assert [mail.to for mail in mailoutbox] == [["hrd@maju.example.id"]]


def test_a_one_time_code_goes_to_the_phone_alone(kota_tangerang: None) -> None:
    person = resident(email="sari@example.id")
    code: dict[str, MessageValue] = {"code": "123456", "minutes": 10}
    notifications_queue(messages=[Message(kind="claim_code", to=person, context=code)])
    assert list(Notification.objects.values_list("channel", flat=True)) == ["whatsapp"]


def test_a_kind_of_message_or_list_nobody_declared_is_refused(kota_tangerang: None) -> None:
    person = resident()
    with pytest.raises(ImproperlyConfigured, match="kind of message 'welcome'"):
        notifications_queue(messages=[Message(kind="welcome", to=person)])
    with pytest.raises(ImproperlyConfigured, match="recipient list 'club'"):
        notifications_queue(messages=[Message(kind="waitlisted", to=RecipientList("club", "1"))])
    assert not Notification.objects.exists()


def test_a_value_the_template_needs_but_was_not_given_is_refused(kota_tangerang: None) -> None:
    with pytest.raises(KeyError):
        notifications_queue(
            messages=[Message(kind="test_vacancy_opened", to=resident(), context={"title": "x"})]
        )


def test_the_database_refuses_a_notification_to_nobody_or_to_two(kota_tangerang: None) -> None:
    person = resident()
    user = UserFactory.create(role=Role.EMPLOYER, email="hrd@maju.example.id")
    fields = {"channel": NotificationChannel.EMAIL, "subject": "s", "body": "b"}
    refused: list[dict[str, Any]] = [
        {},
        {"person": person, "user": user},
        {"person": person, "list_kind": "test_group"},  # a list with no key
    ]
    for recipient in refused:
        with pytest.raises(IntegrityError), transaction.atomic():
            Notification.objects.create(**recipient, **fields)
    Notification.objects.create(person=person, list_kind="test_group", list_key="1", **fields)
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 1
