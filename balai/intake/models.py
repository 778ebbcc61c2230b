"""Batches (gelombang), their offerings and quotas, and residents' applications to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme, Venue
from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan
from balai.registry.models import Person


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
    # A form's one-time token: the same submission arriving twice finds the first.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)

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


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked, waiting for confirmation")
    SAVED = "saved", _("Saved")
    REFUSED = "refused", _("Refused")


class ImportUpload(models.Model):
    """A spreadsheet of registrations, kept encrypted for its check, saving and the download
    of its rejected rows: the file holds NIKs, so it never touches the disk in the clear."""

    id = models.UUIDField(primary_key=True, editable=False)
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=200)
    content_encrypted = models.BinaryField(_("file (encrypted)"))
    valid_rows_encrypted = models.BinaryField(_("valid rows (encrypted)"), default=b"")
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    report = models.JSONField(_("report"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


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
