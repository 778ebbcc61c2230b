"""The person registry: one row per resident, keyed by an encrypted, hashed NIK.

The NIK is kept three ways, each for one purpose: encrypted (to reveal it to an admin, with
an audit entry), as a keyed hash (to find and deduplicate it), and masked (to show it).
The NIK's region prefix is where the person first registered, not where they live: the
declared domicile is `domicile_kelurahan`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


# A question about a person's circumstances starts unanswered: a default that looks like an
# answer would award priority points (or skew the figures) for something nobody said.
NOT_ANSWERED_LABEL = _("Not answered")


class Education(models.TextChoices):
    NOT_ANSWERED = "", NOT_ANSWERED_LABEL
    NONE = "none", _("No schooling")
    PRIMARY = "primary", _("Primary school (SD)")
    JUNIOR = "junior", _("Junior high school (SMP)")
    SENIOR = "senior", _("Senior or vocational high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1-D4)")
    DEGREE = "degree", _("University degree (S1 or higher)")


class EmploymentStatus(models.TextChoices):
    NOT_ANSWERED = "", NOT_ANSWERED_LABEL
    UNEMPLOYED = "unemployed", _("Unemployed")
    LAID_OFF = "laid_off", _("Laid off because of the pandemic")
    INFORMAL = "informal", _("Informal worker")
    EMPLOYED = "employed", _("Employed")
    STUDENT = "student", _("Student")


class IncomeBand(models.TextChoices):
    """Monthly household income, in Rupiah."""

    NOT_ANSWERED = "", NOT_ANSWERED_LABEL
    BELOW_1M = "below_1m", _("Below Rp1 million")
    FROM_1M_TO_3M = "1m_3m", _("Rp1-3 million")
    FROM_3M_TO_5M = "3m_5m", _("Rp3-5 million")
    ABOVE_5M = "above_5m", _("Above Rp5 million")


LOW_INCOME_BANDS = frozenset({IncomeBand.BELOW_1M, IncomeBand.FROM_1M_TO_3M})


class Person(TimeStampedModel):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    nik_encrypted = models.TextField(_("NIK (encrypted)"))
    nik_hash = models.CharField(_("NIK look-up hash"), max_length=64, unique=True)
    nik_masked = models.CharField(_("NIK"), max_length=16)
    # The family card number changes when a family does, so it is data, never a key.
    kk_encrypted = models.TextField(_("KK number (encrypted)"), blank=True)
    kk_hash = models.CharField(_("KK look-up hash"), max_length=64, blank=True, db_index=True)
    full_name = models.CharField(_("full name"), max_length=150)
    name_key = models.CharField(_("name key"), max_length=150, db_index=True, default="")
    # Old and new spellings of a name in one key (see balai.registry.names), searched with
    # "contains": no B-tree index would serve that, so none is kept.
    name_phonetic = models.CharField(_("name sound key"), max_length=150, default="", blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=16, blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    education = models.CharField(
        _("education"),
        max_length=10,
        choices=Education.choices,
        default=Education.NOT_ANSWERED,
        blank=True,
    )
    employment_status = models.CharField(
        _("employment status"),
        max_length=12,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.NOT_ANSWERED,
        blank=True,
    )
    income_band = models.CharField(
        _("household income"),
        max_length=10,
        choices=IncomeBand.choices,
        default=IncomeBand.NOT_ANSWERED,
        blank=True,
    )
    # None: not answered (which earns nothing, as "no" does, but is not recorded as a "no").
    has_disability = models.BooleanField(_("has a disability"), null=True, blank=True, default=None)
    is_household_head = models.BooleanField(
        _("head of household"), null=True, blank=True, default=None
    )
    domicile_kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("domicile kelurahan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["full_name", "id"]
        indexes = [models.Index(fields=["domicile_kelurahan", "full_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik_masked})"


class DuplicateReason(models.TextChoices):
    SAME_NAME_AND_BIRTH_DATE = "name_birth_date", _("Same name and birth date")
    SAME_PHONE = "phone", _("Same phone number")


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("To review")
    NOT_DUPLICATE = "not_duplicate", _("Different people")
    DUPLICATE = "duplicate", _("Same person")


class DuplicateCandidate(models.Model):
    """Two registrations that may be one person, for an operator to look at.

    Different NIKs can belong to one person (a mistyped NIK, an old KTP); the registry cannot
    decide that alone, so it queues the pair for review instead of merging or refusing.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    similar_to = models.ForeignKey(
        Person, verbose_name=_("similar to"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=DuplicateReason.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "similar_to", "reason"], name="duplicate_candidate_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ~ {self.similar_to} ({self.get_reason_display()})"


class ClaimCodeSource(models.TextChoices):
    PHONE = "phone", _("Sent to the phone on record")
    FRONT_DESK = "front_desk", _("Given at the kelurahan office")


class AccountClaimCode(models.Model):
    """A one-time code that proves control of a person's record, to claim its account or set
    a new password.

    A NIK proves nothing (it is printed on every photocopy of a KTP); a code sent to the
    phone on record, or handed over by an operator who saw the KTP, does. Only a keyed hash
    of the code is kept; it expires, is used once, and survives a few wrong guesses only.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    source = models.CharField(_("source"), max_length=12, choices=ClaimCodeSource.choices)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    failed_attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account claim code")
        verbose_name_plural = _("account claim codes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "created_at"], name="claim_code_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_source_display()})"


class CorrectionField(models.TextChoices):
    """What a resident may ask to correct from their account.

    Not the NIK, the sex or the domicile: a NIK is corrected at the kelurahan office by an
    operator who sees the KTP (the sex is written in it, and the birth date too but for its
    century); moving house changes whose quota a resident is in, which the new kelurahan's
    operator checks.
    """

    FULL_NAME = "full_name", _("full name")
    BIRTH_DATE = "birth_date", _("birth date")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    ADDRESS = "address", _("address")


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the kelurahan")
    APPROVED = "approved", _("Approved and corrected")
    REJECTED = "rejected", _("Rejected")


class CorrectionRequest(models.Model):
    """A resident's request to correct one field of their record, with their reason.

    Nothing changes until an operator of the resident's area approves it; the value the
    record held when it was asked is kept, so an approval never overwrites a change made
    meanwhile (at the front desk, say) without anybody seeing it.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("field"), max_length=12, choices=CorrectionField.choices)
    old_value = models.CharField(_("value on record"), max_length=254, blank=True)
    new_value = models.CharField(_("corrected value"), max_length=254)
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request per field: a double click, or asking again, finds the first.
            models.UniqueConstraint(
                fields=["person", "field"],
                condition=models.Q(status="pending"),
                name="correction_one_pending_per_field",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", decided_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(decided_at__isnull=False)),
                name="correction_decided_when_not_pending",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(decision_reason=""),
                name="correction_rejected_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="correction_status_idx")]

    def __str__(self) -> str:
        return f"{self.person} {self.field} ({self.status})"
