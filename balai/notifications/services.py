"""Queueing messages in the outbox, in the caller's transaction.

A caller names a kind of message (declared in the catalogue by the app that sends it), the
values its template needs and whom it is for: a registry person, a user account (an
employer's contact) or a list (a business group's members). A list is expanded here, when the
message is queued, into one row per member: each member's copy is then claimed, retried and
given up on its own, so one member's bad address neither holds the others back nor makes
them receive it twice, and the message reaches the list as it stood when the news happened.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from balai.accounts.models import User
from balai.core.jobs import job_start
from balai.notifications.catalogue import MessageKind, MessageValue, message_kind, message_render
from balai.notifications.models import Notification, NotificationChannel
from balai.notifications.recipients import Member, RecipientList, recipient_list_members
from balai.notifications.sending import SEND_JOB
from balai.registry.models import Person


@dataclass(frozen=True)
class Message:
    """A message of `kind` to `to`, its template filled in from `context`.

    `language` is the recipient's, when the caller knows it (a resident who asked for a code
    on the English page); otherwise the site's language, Indonesian.
    """

    kind: str
    to: Person | User | RecipientList
    context: Mapping[str, MessageValue] = field(default_factory=dict)
    language: str | None = None


def notifications_queue(*, messages: list[Message]) -> int:
    """Put each message in the outbox on every channel its kind allows and its recipient can
    be reached on, and start sending once the caller's transaction commits (so nothing is
    sent for a change rolled back). Returns how many notifications were queued."""
    rows = [row for message in messages for row in _rows(message)]
    Notification.objects.bulk_create(rows, batch_size=1000)
    if rows:
        transaction.on_commit(_start_sending)
    return len(rows)


def _rows(message: Message) -> Iterator[Notification]:
    kind = message_kind(message.kind)
    language = message.language or settings.LANGUAGE_CODE
    rendered = message_render(kind, message.context, language=language)
    list_kind = list_key = ""
    members: list[Member]
    if isinstance(message.to, RecipientList):
        list_kind, list_key = message.to.kind, message.to.key
        members = recipient_list_members(message.to)
    else:
        members = [message.to]
    for member in members:
        for channel in _channels(member, kind):
            yield Notification(
                person=member if isinstance(member, Person) else None,
                user=member if isinstance(member, User) else None,
                list_kind=list_kind,
                list_key=list_key,
                kind=kind.name,
                language=language,
                channel=channel,
                subject=rendered.subject,
                body=rendered.body,
            )


def _channels(member: Member, kind: MessageKind) -> list[NotificationChannel]:
    """Return the channels `member` can be reached on now that `kind` may use: a person by
    e-mail and WhatsApp/SMS, a user account by e-mail."""
    channels = []
    if member.email:
        channels.append(NotificationChannel.EMAIL)
    if isinstance(member, Person) and member.phone:
        channels.append(NotificationChannel.WHATSAPP)
    return [channel for channel in channels if kind.channels is None or channel in kind.channels]


def _start_sending() -> None:
    job_start(kind=SEND_JOB, label="", parameters={}, created_by=None)
