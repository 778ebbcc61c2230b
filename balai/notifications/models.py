"""The outbox: messages written with the change they report and sent later, each once."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import User
from balai.registry.models import Person


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp or SMS")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one recipient (a registry person or a user account) on one channel.

    The address is read from the recipient when the message is sent, not copied here, so
    that the outbox holds no contact details of its own and a corrected number is used. A
    message to a list (a business group's members) is one row per member, naming the list
    it was sent to.

    A sender claims a row by setting `claim_token` and `claimed_until` under a row lock; the
    lease lets another sender take the row back if the first one died while sending it.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    list_kind = models.CharField(_("list"), max_length=40, blank=True)
    list_key = models.CharField(_("list key"), max_length=60, blank=True)
    kind = models.CharField(_("kind of message"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, default="id")
    channel = models.CharField(_("channel"), max_length=10, choices=NotificationChannel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim token"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due_idx"),
            models.Index(fields=["claim_token"], name="notification_claim_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="notification_one_recipient",
                condition=(
                    Q(person__isnull=False, user__isnull=True)
                    | Q(person__isnull=True, user__isnull=False)
                ),
                violation_error_message=_("A notification goes to a person or to a user."),
            ),
            models.CheckConstraint(
                name="notification_list_named_whole",
                condition=Q(list_kind="", list_key="") | (~Q(list_kind="") & ~Q(list_key="")),
                violation_error_message=_("A list is named by its kind and its key."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.subject}"
