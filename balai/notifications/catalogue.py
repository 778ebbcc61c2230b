"""The message catalogue: each kind of message, with its subject and body in every language.

An app declares the kinds of message it sends with `register_message_kind` (from its
ready()), the way it declares a kind of owner: the outbox knows none of them. A caller queues
a kind and the values its template names; the outbox renders it in the recipient's language.
Templates are gettext strings, so their Indonesian lives in the project's .po like every
other text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.utils import translation
from django.utils.functional import Promise

from balai.core.declarations import Declarations
from balai.notifications.models import NotificationChannel

MessageValue = str | int


@dataclass(frozen=True)
class MessageKind:
    """A kind of message.

    `channels` limits where it may go (a one-time code goes to the phone on record only;
    None: every channel the recipient can be reached on). A `secret` message (a code) has its
    body removed from the outbox once it is sent or given up, so the outbox never keeps a
    usable code. A message with a `lifetime` is given up if it could not be sent within it
    (a code that has expired is no use to anybody).
    """

    name: str
    subject: str | Promise
    body: str | Promise
    channels: tuple[NotificationChannel, ...] | None = None
    secret: bool = False
    lifetime: timedelta | None = None


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


_MESSAGE_KINDS: Declarations[MessageKind] = Declarations("kind of message")


def register_message_kind(kind: MessageKind) -> None:
    """Declare a kind of message that may be queued (call from the app's ready())."""
    _MESSAGE_KINDS.declare(kind)


def message_kind(name: str) -> MessageKind:
    """Return the kind of message called `name`; raise if no app declared it."""
    return _MESSAGE_KINDS.get(name)


def message_kinds() -> list[MessageKind]:
    return _MESSAGE_KINDS.all()


def message_render(
    kind: MessageKind, context: Mapping[str, MessageValue], *, language: str
) -> RenderedMessage:
    """Return the subject and body of `kind` in `language`, filled in from `context`.

    A value the template names but `context` lacks is the caller's mistake: it raises
    (KeyError) rather than sending a message with a hole in it.
    """
    with translation.override(language):
        return RenderedMessage(subject=str(kind.subject) % context, body=str(kind.body) % context)
