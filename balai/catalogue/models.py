from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.catalogue.availability import EVERY_SLOT
from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan


class Programme(TimeStampedModel):
    """A training programme (kejuruan), e.g. tata boga, with its length and class sizes."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    hours = models.PositiveSmallIntegerField(_("training hours"))
    session_count = models.PositiveSmallIntegerField(_("number of sessions"))
    class_size = models.PositiveSmallIntegerField(_("class size"))
    minimum_class_size = models.PositiveSmallIntegerField(_("minimum class size"))
    # Share of a participant's sessions they must attend (present or late) to complete.
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=80
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_class_size__lte=F("class_size"), minimum_class_size__gt=0),
                name="programme_minimum_class_size_within_class_size",
            ),
            models.CheckConstraint(
                condition=Q(session_count__gt=0, hours__gte=F("session_count")),
                name="programme_at_least_one_hour_per_session",
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100),
                name="programme_attendance_threshold_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CompetencyUnit(models.Model):
    """One unit of competency a programme assesses (SKKNI style: a code and a title)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="competency_units",
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("competency unit")
        verbose_name_plural = _("competency units")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="competency_unit_code_once_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Instructor(TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    home_kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("home kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("qualified programmes"), related_name="instructors"
    )
    max_sessions_per_week = models.PositiveSmallIntegerField(_("most sessions a week"), default=10)
    # Bits of balai.catalogue.availability: which half-days of the week they can teach.
    weekly_availability = models.PositiveIntegerField(_("weekly availability"), default=EVERY_SLOT)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instructor",
    )

    class Meta:
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name


class InstructorCertificate(models.Model):
    """The competency certificate that qualifies an instructor for a programme (e.g. a BNSP
    instructor certificate), kept beside the qualification it proves."""

    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("certificate number"), max_length=80)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("instructor certificate")
        verbose_name_plural = _("instructor certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["instructor", "programme"], name="certificate_once_per_qualification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.programme}: {self.number}"


class Venue(TimeStampedModel):
    """A hall where classes meet; most kelurahan have one (the kantor kelurahan's aula)."""

    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    # Programmes its equipment allows; none listed means any.
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes it is equipped for"), blank=True, related_name="+"
    )
    weekly_availability = models.PositiveIntegerField(_("weekly availability"), default=EVERY_SLOT)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["kelurahan", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelurahan", "name"], name="venue_name_unique_in_kelurahan"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="venue_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kelurahan})"
