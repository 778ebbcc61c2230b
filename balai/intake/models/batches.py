"""Batches (gelombang) with their rules, and the offerings (a programme at a kelurahan) in them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme, Venue
from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan


class SeatAssignment(models.TextChoices):
    SELECTION = "selection", _("Selection after registration closes")
    FIRST_COME = "first_come", _("First come, first served")


class Batch(TimeStampedModel):
    """A gelombang: one round of registration and training, with its rules.

    Every eligibility rule and priority weight is a field, so that admins set them per batch
    and applicants can be told exactly which rule decided what.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    training_starts_on = models.DateField(_("training starts"))
    training_ends_on = models.DateField(_("training ends"))
    seat_assignment = models.CharField(
        _("how seats are given"),
        max_length=10,
        choices=SeatAssignment.choices,
        default=SeatAssignment.SELECTION,
    )
    choice_count = models.PositiveSmallIntegerField(_("programme choices per applicant"), default=3)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), default=55)
    domicile_in_city_required = models.BooleanField(_("must live in the city"), default=True)
    months_since_last_training = models.PositiveSmallIntegerField(
        _("months since a previous training (0: no rule)"), default=12
    )
    applicants_per_family = models.PositiveSmallIntegerField(
        _("applicants per family card (0: no limit)"), default=2
    )
    points_unemployed = models.PositiveSmallIntegerField(_("points: unemployed"), default=3)
    points_laid_off = models.PositiveSmallIntegerField(
        _("points: laid off because of the pandemic"), default=4
    )
    points_low_income = models.PositiveSmallIntegerField(_("points: low income"), default=2)
    points_disability = models.PositiveSmallIntegerField(_("points: disability"), default=2)
    points_woman_head_of_household = models.PositiveSmallIntegerField(
        _("points: woman head of household"), default=2
    )
    offer_response_days = models.PositiveSmallIntegerField(_("days to answer an offer"), default=3)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["-registration_opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="batch_registration_window_forward",
            ),
            models.CheckConstraint(
                condition=Q(training_ends_on__gte=F("training_starts_on")),
                name="batch_training_window_forward",
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__gte=F("minimum_age")), name="batch_age_range_forward"
            ),
            models.CheckConstraint(
                condition=Q(choice_count__gte=1, choice_count__lte=10),
                name="batch_choice_count_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.registration_opens_at <= timezone.now() < self.registration_closes_at

    @property
    def training_over(self) -> bool:
        return self.training_ends_on < timezone.localdate()


class Offering(models.Model):
    """A programme taught in one kelurahan in one batch, with its seats.

    `seats_taken` counts held seats in a first-come batch; the CHECK constraint makes an
    overfull offering impossible, whatever the application code does.
    """

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="offerings"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["batch", "kelurahan", "programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "programme", "kelurahan"], name="offering_once_per_kelurahan"
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("seats")), name="offering_not_overfull"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.kelurahan}"

    @property
    def seats_left(self) -> int:
        return self.seats - self.seats_taken
