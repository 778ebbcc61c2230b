"""Allocation runs kept as records: placements, cut-offs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.intake.models.applications import Application
from balai.intake.models.batches import Batch, Offering


class AllocationRunStatus(models.TextChoices):
    DRY_RUN = "dry_run", _("Dry run")
    PUBLISHED = "published", _("Published")


class AllocationRun(models.Model):
    """One run of the allocation: its inputs, seed and outcome, kept unchanged as a record.

    The same input (`input_hash`) and `seed` give the same result; two runs can be compared
    applicant by applicant, and one of them published.
    """

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="allocation_runs"
    )
    seed = models.BigIntegerField(_("lottery seed"))
    input_hash = models.CharField(_("input hash"), max_length=64)
    code_version = models.CharField(_("code version"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AllocationRunStatus.choices,
        default=AllocationRunStatus.DRY_RUN,
    )
    applicants = models.PositiveIntegerField(_("applicants"))
    placed = models.PositiveIntegerField(_("placed"))
    rounds = models.PositiveSmallIntegerField(_("rounds"))
    seconds = models.FloatField(_("seconds"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch"],
                condition=Q(status="published"),
                name="allocation_one_published_run_per_batch",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} #{self.pk} ({self.get_status_display()})"


class AllocationPlacement(models.Model):
    """Where one application landed in one run, and the priority it had at each choice."""

    run = models.ForeignKey(
        AllocationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="placements"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="+"
    )
    # The domicile the run read, so that its tiers can be re-checked after a correction
    # (empty for runs made before it was kept).
    domicile_kelurahan = models.ForeignKey(
        "regions.Kelurahan",
        verbose_name=_("kelurahan of domicile"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    choice_rank = models.PositiveSmallIntegerField(_("choice rank"), null=True)
    class_number = models.PositiveSmallIntegerField(_("class (rombel)"), null=True)
    lottery_number = models.PositiveIntegerField(_("lottery number"))

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="placement_once_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.offering_id}"


class AllocationCutoff(models.Model):
    """The lowest priority admitted to an offering in a run: what explains a refusal there."""

    run = models.ForeignKey(
        AllocationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="cutoffs"
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="+"
    )
    is_full = models.BooleanField(_("full"))
    # Fewer applicants than the programme's minimum class: the offering is not held.
    cancelled = models.BooleanField(_("cancelled"), default=False)
    lowest_key = models.BigIntegerField(_("lowest admitted priority key"), null=True)

    class Meta:
        verbose_name = _("cut-off")
        verbose_name_plural = _("cut-offs")
        constraints = [
            models.UniqueConstraint(fields=["run", "offering"], name="cutoff_once_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.offering_id}: {self.lowest_key}"
