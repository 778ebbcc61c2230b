"""Residents' applications to a batch, their ranked choices and consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.intake.models.batches import Batch, Offering
from balai.registry.models import Person


class ApplicationStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible, waiting for selection")
    INELIGIBLE = "ineligible", _("Not eligible")
    SEAT_HELD = "seat_held", _("Seat held")
    WAITING = "waiting", _("Eligible, no seat left in your choices")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Channel(models.TextChoices):
    SELF = "self", _("Self-registration")
    ASSISTED = "assisted", _("Registered by an operator")
    IMPORT = "import", _("Imported from a list")
    API = "api", _("API")


class Application(TimeStampedModel):
    """One person's application to one batch, with the rules' verdicts and reasons."""

    public_id = models.UUIDField(_("public id"), unique=True, editable=False)
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=12, choices=ApplicationStatus.choices)
    eligibility_reasons = models.JSONField(_("eligibility reasons"), default=list)
    priority_points = models.PositiveSmallIntegerField(_("priority points"), default=0)
    priority_reasons = models.JSONField(_("priority reasons"), default=list)
    held_offering = models.ForeignKey(
        Offering,
        verbose_name=_("seat held in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    interests = models.JSONField(_("minat and bakat answers"), default=dict)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A digest of the submitter, the batch and the form's one-time key (see idempotency.py):
    # the same submission arriving twice finds the first.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    # What the submission said, hashed: the same key with other data is refused, not replayed.
    request_fingerprint = models.CharField(_("request fingerprint"), max_length=64, blank=True)
    # This submission opened the applicant's account (a replay of it may sign them in).
    opened_account = models.BooleanField(_("opened the account"), default=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "person"], name="application_once_per_batch"),
            models.CheckConstraint(
                condition=Q(status="seat_held", held_offering__isnull=False)
                | (~Q(status="seat_held") & Q(held_offering__isnull=True)),
                name="application_seat_held_has_offering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.batch}"


class ApplicationChoice(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="choices"
    )

    class Meta:
        verbose_name = _("programme choice")
        verbose_name_plural = _("programme choices")
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="choice_rank_once"),
            models.UniqueConstraint(
                fields=["application", "offering"], name="choice_offering_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.offering}"


class Consent(models.Model):
    """A person's agreement to a version of the privacy statement (UU PDP), and when."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    statement_version = models.CharField(_("statement version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.person} {self.statement_version}"
