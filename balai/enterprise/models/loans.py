"""Tangerang Emas: interest-free loans to business groups (joint liability) or to one
person's micro business, repaid in instalments that the schedule fixes at disbursement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.enterprise.models.groups import BusinessGroup
from balai.regions.models import Kelurahan
from balai.registry.models import Person


class InstallmentFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    BIWEEKLY = "biweekly", _("Every two weeks")
    WEEKLY = "weekly", _("Weekly")


class ExcessRepaymentPolicy(models.TextChoices):
    REFUSE = "refuse", _("Refuse what is above the amount owed")
    HOLD_AS_CREDIT = "credit", _("Hold what is above the amount owed as credit")


class LoanProduct(TimeStampedModel):
    """The terms a loan is made on. Amounts are per borrower."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    # Interest-free by design (Tangerang Emas); the schedule has no interest to compute,
    # so a product with interest is refused by the database rather than silently mis-priced.
    interest_rate_basis_points = models.PositiveSmallIntegerField(
        _("interest rate (basis points)"), default=0
    )
    admin_fee_basis_points = models.PositiveSmallIntegerField(
        _("administration fee (basis points)"), default=300
    )
    min_amount = models.PositiveIntegerField(_("least amount per borrower (Rp)"))
    max_amount = models.PositiveIntegerField(_("greatest amount per borrower (Rp)"))
    tenor_months = models.PositiveSmallIntegerField(_("tenor (months)"))
    grace_period_months = models.PositiveSmallIntegerField(_("grace period (months)"), default=0)
    frequency = models.CharField(
        _("instalments"),
        max_length=8,
        choices=InstallmentFrequency.choices,
        default=InstallmentFrequency.MONTHLY,
    )
    # Instalments are whole multiples of this (Rp1, Rp100, Rp1.000); the last takes the rest.
    rounding_unit = models.PositiveIntegerField(_("instalments rounded to (Rp)"), default=1)
    excess_policy = models.CharField(
        _("a repayment above the amount owed"),
        max_length=8,
        choices=ExcessRepaymentPolicy.choices,
        default=ExcessRepaymentPolicy.REFUSE,
    )
    min_group_size = models.PositiveSmallIntegerField(_("least group size"), default=5)
    max_group_size = models.PositiveSmallIntegerField(_("greatest group size"), default=10)
    lends_to_individuals = models.BooleanField(_("lends to one person's business"), default=False)
    is_active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interest_rate_basis_points=0), name="loan_product_interest_free"
            ),
            models.CheckConstraint(
                condition=Q(admin_fee_basis_points__lte=10000), name="loan_product_fee_rate"
            ),
            models.CheckConstraint(
                condition=Q(min_amount__gt=0) & Q(min_amount__lte=F("max_amount")),
                name="loan_product_amount_range",
            ),
            models.CheckConstraint(condition=Q(tenor_months__gt=0), name="loan_product_tenor"),
            models.CheckConstraint(
                condition=Q(rounding_unit__gt=0), name="loan_product_rounding_unit"
            ),
            models.CheckConstraint(
                condition=Q(min_group_size__gt=0) & Q(min_group_size__lte=F("max_group_size")),
                name="loan_product_group_size",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LoanApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved, awaiting disbursement")
    REJECTED = "rejected", _("Rejected")
    DISBURSED = "disbursed", _("Disbursed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_LOAN_APPLICATION_STATUSES = [LoanApplicationStatus.SUBMITTED, LoanApplicationStatus.APPROVED]


class LoanApplication(TimeStampedModel):
    """A group's application (each member's amount, under joint liability) or one person's."""

    product = models.ForeignKey(
        LoanProduct, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        BusinessGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    business_purpose = models.TextField(_("what the loan is for"))
    # The leader's (or operator's) acknowledgement, on the group's behalf, that every
    # member answers for the others' instalments.
    joint_liability_accepted = models.BooleanField(_("joint liability accepted"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LoanApplicationStatus.choices,
        default=LoanApplicationStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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

    class Meta:
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(group__isnull=False) & Q(person__isnull=True))
                    | (Q(group__isnull=True) & Q(person__isnull=False))
                ),
                name="loan_application_group_or_person",
            ),
            # One open application at a time: a double submit makes one.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(status__in=OPEN_LOAN_APPLICATION_STATUSES, group__isnull=False),
                name="loan_application_one_open_per_group",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=OPEN_LOAN_APPLICATION_STATUSES, person__isnull=False),
                name="loan_application_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.group_id or self.person_id}"


class LoanApplicationMember(models.Model):
    """A borrower of an application and the amount they ask for."""

    application = models.ForeignKey(
        LoanApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("borrower"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveIntegerField(_("amount (Rp)"))

    class Meta:
        verbose_name = _("loan application member")
        verbose_name_plural = _("loan application members")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "person"], name="loan_application_member_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="loan_member_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.person_id}"


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("Being repaid")
    CLOSED = "closed", _("Repaid")
    WRITTEN_OFF = "written_off", _("Written off")


class Loan(TimeStampedModel):
    """One borrower's loan, made when an application is disbursed (a group's application
    makes one per member, as Fineract's joint-liability loans do)."""

    application = models.ForeignKey(
        LoanApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="loans",
    )
    product = models.ForeignKey(
        LoanProduct, verbose_name=_("product"), on_delete=models.PROTECT, related_name="loans"
    )
    borrower = models.ForeignKey(
        Person, verbose_name=_("borrower"), on_delete=models.PROTECT, related_name="loans"
    )
    group = models.ForeignKey(
        BusinessGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loans",
    )
    principal = models.PositiveIntegerField(_("principal (Rp)"))
    admin_fee = models.PositiveIntegerField(_("administration fee (Rp)"))
    disbursed_on = models.DateField(_("disbursed on"))
    status = models.CharField(
        _("status"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-disbursed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "borrower"], name="loan_one_per_borrower"
            ),
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
        ]
        indexes = [models.Index(fields=["status"], name="loan_status_idx")]

    def __str__(self) -> str:
        return f"{self.pk}: {self.borrower_id} Rp{self.principal}"


class LoanInstallment(models.Model):
    """One instalment of a loan's schedule. `principal_paid` is the sum of the repayments
    allocated to it (its allocations), kept beside it so that arrears are one query."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("loan"), on_delete=models.PROTECT, related_name="installments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due on"))
    principal_due = models.PositiveIntegerField(_("due (Rp)"))
    principal_paid = models.PositiveIntegerField(_("paid (Rp)"), default=0)
    # When it was paid in full: how late it was, after the fact.
    paid_off_on = models.DateField(_("paid in full on"), null=True, blank=True)

    class Meta:
        verbose_name = _("loan instalment")
        verbose_name_plural = _("loan instalments")
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="loan_installment_unique"),
            models.CheckConstraint(
                condition=Q(principal_paid__lte=F("principal_due")),
                name="loan_installment_paid_within_due",
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="loan_installment_due_idx")]

    def __str__(self) -> str:
        return f"{self.loan_id}#{self.number}"

    @property
    def principal_owed(self) -> int:
        return self.principal_due - self.principal_paid


class LoanRepayment(models.Model):
    """Money received against one loan. A treasurer paying for several members makes one
    per member, sharing `collection_key`. A correction is a reversal (`reverses`), never
    an edit: the reversal's allocations are the originals negated."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("loan"), on_delete=models.PROTECT, related_name="repayments"
    )
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    # What was above the amount owed and held as the borrower's credit (per product).
    credited_amount = models.PositiveIntegerField(_("held as credit (Rp)"), default=0)
    paid_on = models.DateField(_("paid on"))
    paid_by = models.ForeignKey(
        Person,
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    collection_key = models.CharField(_("collection"), max_length=64, blank=True, db_index=True)
    reference = models.CharField(_("receipt or bank reference"), max_length=64, blank=True)
    idempotency_key = models.CharField(_("request key"), max_length=64, unique=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("loan repayment")
        verbose_name_plural = _("loan repayments")
        ordering = ["loan", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credited_amount__lte=F("amount")), name="loan_repayment_credit_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan_id}: Rp{self.amount} on {self.paid_on}"


class RepaymentAllocation(models.Model):
    """The part of a repayment that paid one instalment (negative in a reversal)."""

    repayment = models.ForeignKey(
        LoanRepayment,
        verbose_name=_("repayment"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    installment = models.ForeignKey(
        LoanInstallment,
        verbose_name=_("instalment"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    amount = models.IntegerField(_("amount (Rp)"))

    class Meta:
        verbose_name = _("repayment allocation")
        verbose_name_plural = _("repayment allocations")
        ordering = ["repayment", "installment"]

    def __str__(self) -> str:
        return f"{self.repayment_id}->{self.installment_id}: {self.amount}"
