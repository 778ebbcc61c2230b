"""Payouts of grants through the partner bank: disbursements with maker and checker, the
bulk-transfer files sent, and the statements that come back and are reconciled line by line."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.enterprise.models.grants import GrantApplication


class DisbursementChannel(models.TextChoices):
    BANK_TRANSFER = "bank", _("Bank transfer")
    E_WALLET = "ewallet", _("E-wallet")


class DisbursementStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded, awaiting approval")
    APPROVED = "approved", _("Approved, awaiting transfer")
    SENT = "sent", _("Sent to the bank")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Returned by the bank")
    CANCELLED = "cancelled", _("Cancelled")


# A disbursement in one of these is, or may become, money paid: one at a time per grant.
LIVE_DISBURSEMENT_STATUSES = [
    DisbursementStatus.RECORDED,
    DisbursementStatus.APPROVED,
    DisbursementStatus.SENT,
    DisbursementStatus.PAID,
]


class BankTransferFile(models.Model):
    """One bulk-transfer file made for the partner bank, in one bank's layout."""

    layout = models.CharField(_("layout"), max_length=30)
    file = models.FileField(_("file"), upload_to="enterprise/transfers/")
    line_count = models.PositiveIntegerField(_("lines"))
    total_amount = models.PositiveBigIntegerField(_("total (Rp)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bank transfer file")
        verbose_name_plural = _("bank transfer files")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.layout} {self.created_at:%Y-%m-%d %H:%M}"


class GrantDisbursement(TimeStampedModel):
    """One attempt to pay a grant. The maker records it, a checker (never the maker)
    approves it, it goes out in a transfer file, and the bank's statement says paid or
    returned; a returned payout is retried as a new attempt, never by editing this one."""

    application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    channel = models.CharField(_("channel"), max_length=8, choices=DisbursementChannel.choices)
    # The bank's code, or the e-wallet's provider.
    provider_code = models.CharField(_("bank or e-wallet"), max_length=20)
    account_number = models.CharField(_("account number"), max_length=34)
    account_name = models.CharField(_("account holder"), max_length=150)
    # Ours, sent in the transfer file and read back from the statement: unique per attempt.
    reference = models.CharField(_("payment reference"), max_length=40, unique=True)
    # The bank's or e-wallet's own reference for the transfer, from the statement.
    provider_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DisbursementStatus.choices,
        default=DisbursementStatus.RECORDED,
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    failure_reason = models.CharField(_("reason returned"), max_length=300, blank=True)
    # Replaying the same request (a double click, a retried API call) finds this row.
    idempotency_key = models.CharField(_("request key"), max_length=64, unique=True)
    transfer_file = models.ForeignKey(
        BankTransferFile,
        verbose_name=_("transfer file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disbursements",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant disbursement")
        verbose_name_plural = _("grant disbursements")
        ordering = ["application", "attempt"]
        constraints = [
            # Nothing paid twice: one live payout per grant, however many desks press at once.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=LIVE_DISBURSEMENT_STATUSES),
                name="grant_disbursement_one_live_per_grant",
            ),
            models.UniqueConstraint(
                fields=["application", "attempt"], name="grant_disbursement_attempt_unique"
            ),
            # Maker-checker: who records a disbursement cannot approve it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("recorded_by")),
                name="grant_disbursement_maker_is_not_checker",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="grant_disbursement_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class BankStatement(models.Model):
    """A statement file the bank sent back, imported once (its hash is unique)."""

    layout = models.CharField(_("layout"), max_length=30)
    file_name = models.CharField(_("file name"), max_length=200)
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class StatementLineOutcome(models.TextChoices):
    MATCHED = "matched", _("Matched: paid")
    RETURNED = "returned", _("Matched: returned by the bank")
    UNMATCHED = "unmatched", _("No such payout")
    AMOUNT_DIFFERS = "amount_differs", _("Amount differs")
    DUPLICATE = "duplicate", _("Already reconciled")


class BankStatementLine(models.Model):
    """One line of a statement and what reconciling it found."""

    statement = models.ForeignKey(
        BankStatement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="lines"
    )
    line_number = models.PositiveIntegerField(_("line"))
    reference = models.CharField(_("payment reference"), max_length=40)
    amount = models.BigIntegerField(_("amount (Rp)"))
    succeeded = models.BooleanField(_("transfer succeeded"))
    provider_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    failure_reason = models.CharField(_("reason returned"), max_length=300, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=StatementLineOutcome.choices)
    disbursement = models.ForeignKey(
        GrantDisbursement,
        verbose_name=_("disbursement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_lines",
    )

    class Meta:
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        ordering = ["statement", "line_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "line_number"], name="bank_statement_line_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.line_number} {self.reference}"
