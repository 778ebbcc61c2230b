"""The outbox's part of a resident's own data: the messages sent (or to be sent) to them.

Declared to the registry's data download (balai/registry/data_subject.py) from ready(). A
secret message (a one-time code) is listed without its body, as the outbox forgets it once
sent: a download is no place for a code that still works.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.notifications.catalogue import message_kinds
from balai.notifications.models import Notification, NotificationChannel, NotificationStatus
from balai.registry.data_subject import Entry, PersonalDataSection, choice_item, item


def notification_entries(user: User) -> list[Entry]:
    """The messages to the resident, oldest first."""
    secret = {kind.name for kind in message_kinds() if kind.secret}
    notifications = scope_to_user(Notification.objects.filter(person__user=user), user)
    return [
        Entry(
            title=notification.subject,
            items=[
                item("subject", _("Subject"), notification.subject),
                item(
                    "message",
                    _("Message"),
                    "" if notification.kind in secret else notification.body,
                ),
                choice_item("channel", _("Channel"), notification.channel, NotificationChannel),
                choice_item("status", _("Status"), notification.status, NotificationStatus),
                item("written_at", _("Written"), notification.created_at),
                item("sent_at", _("Sent"), notification.sent_at),
            ],
        )
        for notification in notifications.order_by("created_at", "pk")
    ]


SECTION = PersonalDataSection(
    name="notifications",
    title=gettext_lazy("Messages sent to you"),
    order=80,
    entries_of=notification_entries,
)
