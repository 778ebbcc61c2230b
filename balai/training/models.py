"""What happens in class: who is enrolled in it, attendance, assessment, and the certificates
that prove it.

A participant is an enrolment: training's own record of a person in a class (rombel), made
when intake announces that they accepted a seat and ended when they give it up, are dropped or
complete. Records hang on the enrolment, so that a history stays with it whatever happens to
the person's later applications; later stages (placement, enterprise, reporting) read
enrolments, never intake's offers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import CompetencyUnit, Instructor
from balai.intake.models import Offer
from balai.registry.models import Person
from balai.scheduling.models import ClassSession, TrainingClass


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped out")
    LEFT = "left", _("Left the class")


# Enrolments whose people belong to the class: on its roll, assessed, certified.
IN_CLASS = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


class Enrolment(models.Model):
    """A person in a class, from the seat (offer) they accepted: when they joined, and if they
    left, when and why. A completed enrolment is a graduate."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="enrolments"
    )
    training_class = models.ForeignKey(
        TrainingClass,
        verbose_name=_("class"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    offer = models.OneToOneField(
        Offer, verbose_name=_("seat accepted"), on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("why"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["training_class_id", "person__full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="enrolled", left_on__isnull=True)
                | (~Q(status="enrolled") & Q(left_on__isnull=False)),
                name="enrolment_left_on_when_ended",
            ),
        ]
        indexes = [models.Index(fields=["training_class", "status"], name="enrolment_class_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.training_class_id} ({self.status})"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


# Statuses that count as attending the session (towards completion).
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll call")
    QR = "qr", _("QR check-in")


class Attendance(models.Model):
    # Protected: a held session's attendance is history that no re-plan may delete.
    session = models.ForeignKey(
        ClassSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=AttendanceStatus.choices)
    method = models.CharField(_("method"), max_length=9, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_once_per_session"
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "session"], name="attendance_enrolment_idx")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}: {self.status}"


class AssessmentResult(models.TextChoices):
    COMPETENT = "competent", _("Kompeten")
    NOT_YET_COMPETENT = "not_yet", _("Belum kompeten")


class Assessment(models.Model):
    """The instructor's judgement of one participant on one competency unit."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        CompetencyUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=9, choices=AssessmentResult.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "unit"], name="assessment_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.unit_id}: {self.result}"


class SkillTest(models.Model):
    """Optional test scores before and after the course (0-100), to show the skill gained."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    pre_score = models.PositiveSmallIntegerField(_("pre-test score"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("post-test score"), null=True, blank=True)

    class Meta:
        verbose_name = _("skill test")
        verbose_name_plural = _("skill tests")
        constraints = [
            models.CheckConstraint(
                condition=(Q(pre_score__isnull=True) | Q(pre_score__lte=100))
                & (Q(post_score__isnull=True) | Q(post_score__lte=100)),
                name="skill_test_scores_out_of_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.pre_score} → {self.post_score}"


class SigningKey(models.Model):
    """An Ed25519 key that signs certificates. Rotating adds a new key and retires the old
    one from signing; a retired key still verifies what it signed (its id is in each
    certificate's payload)."""

    key_id = models.CharField(_("key id"), max_length=16, unique=True)
    public_key = models.CharField(_("public key (base64url)"), max_length=64)
    private_key_encrypted = models.TextField(_("private key (encrypted)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["retired_at"],
                condition=Q(retired_at__isnull=True),
                name="signing_key_one_in_use",
            ),
        ]

    def __str__(self) -> str:
        return self.key_id


class Certificate(models.Model):
    """A completion certificate: what it says is kept as issued, with its signature."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="+"
    )
    holder_name = models.CharField(_("holder's name"), max_length=150)
    programme_name = models.CharField(_("programme"), max_length=100)
    hours = models.PositiveSmallIntegerField(_("training hours"))
    kelurahan_name = models.CharField(_("kelurahan"), max_length=100)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    units = models.JSONField(_("competency units"), default=list)  # [[code, title], ...]
    signatory = models.CharField(_("signatory"), max_length=150)
    issued_on = models.DateField(_("issued on"))
    key = models.ForeignKey(
        SigningKey, verbose_name=_("signing key"), on_delete=models.PROTECT, related_name="+"
    )
    # "<payload>.<signature>", both base64url: what the QR code carries (see signing.py).
    signed_payload = models.TextField(_("signed payload"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revoked_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class FeedbackResponse(models.Model):
    """A participant's end-of-course survey: 1 (poor) to 5 (very good) on four questions."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="+"
    )
    # The lead instructor when the answer was given: results stay with who taught.
    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="+"
    )
    instructor_rating = models.PositiveSmallIntegerField(_("the instructor"))
    material_rating = models.PositiveSmallIntegerField(_("the material"))
    venue_rating = models.PositiveSmallIntegerField(_("the venue"))
    usefulness_rating = models.PositiveSmallIntegerField(_("usefulness for work"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(instructor_rating__range=(1, 5))
                & Q(material_rating__range=(1, 5))
                & Q(venue_rating__range=(1, 5))
                & Q(usefulness_rating__range=(1, 5)),
                name="feedback_ratings_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} on {self.training_class_id}"
