"""Tangerang Bisa: one-off capital grants to new micro businesses, paid through a bank."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.enterprise.models.groups import BusinessGroup, BusinessType
from balai.regions.models import Kelurahan
from balai.registry.models import Person


class GrantBatch(TimeStampedModel):
    """A round of grants: one amount each, a budget ceiling, and its eligibility rules.

    `committed_amount` is what approved grants hold of the budget: raised and lowered by a
    conditional UPDATE, and a CHECK keeps it within the ceiling whatever runs at once.
    """

    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    amount_per_grant = models.PositiveIntegerField(_("amount per grant (Rp)"))
    budget_ceiling = models.PositiveBigIntegerField(_("budget ceiling (Rp)"))
    committed_amount = models.PositiveBigIntegerField(_("committed (Rp)"), default=0)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # "New micro businesses": how old a business may be, in months, at application.
    min_business_age_months = models.PositiveSmallIntegerField(
        _("least business age (months)"), default=0
    )
    max_business_age_months = models.PositiveSmallIntegerField(
        _("greatest business age (months)"), null=True, blank=True
    )
    requires_domicile = models.BooleanField(_("applicant lives in the city"), default=True)
    once_per_person = models.BooleanField(_("no earlier grant"), default=True)
    excludes_other_city_grant = models.BooleanField(
        _("no other city grant in the same year"), default=True
    )

    class Meta:
        verbose_name = _("grant batch")
        verbose_name_plural = _("grant batches")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committed_amount__lte=F("budget_ceiling")),
                name="grant_batch_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="grant_batch_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(amount_per_grant__gt=0), name="grant_batch_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def remaining_budget(self) -> int:
        return self.budget_ceiling - self.committed_amount


class GrantApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified by the kelurahan")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


# An application in one of these holds (or may come to hold) a grant.
LIVE_GRANT_STATUSES = [
    GrantApplicationStatus.SUBMITTED,
    GrantApplicationStatus.VERIFIED,
    GrantApplicationStatus.APPROVED,
    GrantApplicationStatus.PAID,
]


class GrantApplication(TimeStampedModel):
    """A person's (or a group's, through its leader) application for a grant."""

    batch = models.ForeignKey(
        GrantBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    group = models.ForeignKey(
        BusinessGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_applications",
    )
    # Where the business is: whose operator verifies it and whose area it counts in.
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    business_name = models.CharField(_("business name"), max_length=150)
    business_type = models.CharField(
        _("kind of business"), max_length=12, choices=BusinessType.choices
    )
    business_started_on = models.DateField(_("business started on"))
    business_address = models.CharField(_("business address"), max_length=250)
    requested_use = models.TextField(_("what the grant will buy"))
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    declares_other_city_grant = models.BooleanField(
        _("received another city grant this year"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=GrantApplicationStatus.choices,
        default=GrantApplicationStatus.SUBMITTED,
    )
    # The kelurahan operator's checklist: item name -> checked (see grant verification).
    checklist = models.JSONField(_("verification checklist"), default=dict, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["created_at", "pk"]
        constraints = [
            # A double-clicked form, or two desks at once, make one application per round.
            models.UniqueConstraint(
                fields=["batch", "person"],
                condition=Q(status__in=LIVE_GRANT_STATUSES),
                name="grant_application_one_live_per_batch",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
        ]
        indexes = [models.Index(fields=["batch", "status"], name="grant_application_status_idx")]

    def __str__(self) -> str:
        return f"{self.business_name} ({self.batch_id})"


class UsageReport(TimeStampedModel):
    """What a paid grant bought, as its recipient reports it (and an operator checks)."""

    application = models.OneToOneField(
        GrantApplication,
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        related_name="usage_report",
    )
    spent_on = models.TextField(_("what was bought"))
    amount_spent = models.PositiveIntegerField(_("amount spent (Rp)"))
    business_running = models.BooleanField(_("the business is running"), default=True)
    evidence = models.FileField(_("receipt or photo"), upload_to="enterprise/usage/", blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("grant usage report")
        verbose_name_plural = _("grant usage reports")

    def __str__(self) -> str:
        return f"{self.application_id}: Rp{self.amount_spent}"
