"""Offers made from a published allocation, and the waitlists that refill declined seats."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.intake.models.allocation import AllocationRun
from balai.intake.models.applications import Application
from balai.intake.models.batches import Offering


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for your answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    LAPSED = "lapsed", _("Lapsed: not answered in time")
    RELEASED = "released", _("Given up for a higher choice")
    DROPPED = "dropped", _("Left the class; the seat went to the waitlist")


# An offer in one of these holds a seat of its offering.
SEAT_HOLDING = (OfferStatus.PENDING, OfferStatus.ACCEPTED)


class Offer(models.Model):
    """A seat offered to one application, answered by its deadline or lapsing at it.

    An applicant may hold two at once: the seat they have, and a seat from the waitlist of a
    choice they ranked higher. Accepting the higher one gives the lower one up.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(
        AllocationRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="offers"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="offers"
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="offers"
    )
    choice_rank = models.PositiveSmallIntegerField(_("choice rank"))
    class_number = models.PositiveSmallIntegerField(_("class (rombel)"))
    # The application's priority at this offering in the run: shows promotions kept order.
    priority_key = models.BigIntegerField(_("priority key"))
    from_waitlist = models.BooleanField(_("from the waitlist"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    deadline = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["choice_rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "offering"], name="offer_once_per_application_offering"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="accepted"),
                name="offer_one_accepted_per_application",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="offer_due_idx")]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.offering_id} ({self.status})"


class WaitlistEntry(models.Model):
    """An application waiting for a seat at an offering it ranked above what it holds.

    `priority_key` is the application's key at that offering in the published run (lower is
    better), so that freed seats go in the same order the allocation used.
    """

    run = models.ForeignKey(
        AllocationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="waitlist"
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="waitlist"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="+"
    )
    choice_rank = models.PositiveSmallIntegerField(_("choice rank"))
    priority_key = models.BigIntegerField(_("priority key"))

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "application"], name="waitlist_once_per_offering"
            ),
        ]
        indexes = [models.Index(fields=["offering", "priority_key"], name="waitlist_order_idx")]

    def __str__(self) -> str:
        return f"{self.application_id} waits for {self.offering_id}"
