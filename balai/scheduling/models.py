"""Classes (rombel), their sessions, instructors' absences, the holiday calendar, and solve
runs kept as records."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Instructor, Programme, Venue
from balai.intake.models import Batch, Offering


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("National holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    LOCAL = "local", _("Local day off")


class Holiday(models.Model):
    """A day without training: editable, loaded from the national calendar each year."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=HolidayKind.choices)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class InstructorAbsence(models.Model):
    """Dates an instructor cannot teach (leave, illness, another assignment)."""

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="absence_forward"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.starts_on}-{self.ends_on}"


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Not scheduled yet")
    SCHEDULED = "scheduled", _("Scheduled")
    UNSTAFFED = "unstaffed", _("Could not be scheduled")


class TrainingClass(models.Model):
    """A class (rombel) of an offering: one lead instructor, one venue, its sessions."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="classes"
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="classes"
    )
    number = models.PositiveSmallIntegerField(_("class number"))
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("lead instructor"),
        null=True,
        on_delete=models.PROTECT,
        related_name="classes",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClassStatus.choices, default=ClassStatus.PLANNED
    )
    # Why it could not be scheduled, in words, when it could not.
    problem = models.CharField(_("problem"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["offering_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "number"], name="class_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {_('class')} {self.number}"


class Slot(models.IntegerChoices):
    MORNING = 0, _("Morning (08:00-12:00)")
    AFTERNOON = 1, _("Afternoon (13:00-17:00)")


class ClassSession(models.Model):
    """One half-day meeting of a class. The unique constraints keep an instructor and a
    venue from being in two places at once, whatever writes the rows."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("session number"))
    date = models.DateField(_("date"))
    slot = models.PositiveSmallIntegerField(_("slot"), choices=Slot.choices)
    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="sessions"
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="sessions"
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "number"], name="session_number_once"
            ),
            models.UniqueConstraint(
                fields=["instructor", "date", "slot"], name="instructor_one_place_at_a_time"
            ),
            models.UniqueConstraint(
                fields=["venue", "date", "slot"], name="venue_one_class_at_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_class} #{self.number} {self.date} {self.slot}"


class ScheduleRunStatus(models.TextChoices):
    SOLVED = "solved", _("Solved")
    PARTIAL = "partial", _("Solved, with classes left unscheduled")
    REFUSED = "refused", _("Refused before solving")


class ScheduleRun(models.Model):
    """One solve of a batch's timetable: its settings, result figures and explanations."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="schedule_runs"
    )
    status = models.CharField(_("status"), max_length=10, choices=ScheduleRunStatus.choices)
    parameters = models.JSONField(_("parameters"), default=dict)
    objective = models.BigIntegerField(_("objective"), null=True)
    components = models.JSONField(_("objective components"), default=dict)
    travel_km = models.FloatField(_("instructor travel (km)"), null=True)
    travel_lower_bound_km = models.FloatField(_("travel lower bound (km)"), null=True)
    classes_scheduled = models.PositiveIntegerField(_("classes scheduled"), default=0)
    classes_unscheduled = models.PositiveIntegerField(_("classes unscheduled"), default=0)
    explanations = models.JSONField(_("explanations"), default=list)
    violations = models.JSONField(_("rule violations found by the check"), default=list)
    seconds = models.FloatField(_("seconds"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.batch} #{self.pk}"

    @property
    def travel_gap_percent(self) -> float | None:
        if not self.travel_km or not self.travel_lower_bound_km:
            return None
        return 100 * (self.travel_km - self.travel_lower_bound_km) / self.travel_lower_bound_km


class CalendarFeed(models.Model):
    """A private calendar (.ics) address: whoever holds the token reads the schedule, so it
    can be revoked and replaced."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} feed"
