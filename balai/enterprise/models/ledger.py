"""The ledger: every movement of grant and loan money, as append-only double entries in
integer Rupiah. Balances are sums of entries; a correction is a reversing transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.enterprise.models.grants import GrantApplication
from balai.enterprise.models.loans import Loan, LoanRepayment
from balai.enterprise.models.payouts import GrantDisbursement
from balai.registry.models import Person


class LedgerAccount(models.TextChoices):
    """The programme's chart of accounts. Assets and expenses grow by debit; liabilities
    and income by credit."""

    BANK = "bank", _("Programme bank account")
    GRANT_EXPENSE = "grant_expense", _("Grants awarded")
    GRANTS_PAYABLE = "grants_payable", _("Grants payable")
    LOANS_RECEIVABLE = "loans_receivable", _("Loans receivable")
    FEE_INCOME = "fee_income", _("Administration fees")
    BORROWER_CREDIT = "borrower_credit", _("Borrowers' credit")
    LOAN_LOSS = "loan_loss", _("Loans written off")


class LedgerTransactionKind(models.TextChoices):
    GRANT_APPROVED = "grant_approved", _("Grant approved")
    GRANT_CANCELLED = "grant_cancelled", _("Grant cancelled")
    GRANT_DISBURSED = "grant_disbursed", _("Grant paid out")
    GRANT_RETURNED = "grant_returned", _("Grant payout returned")
    LOAN_DISBURSED = "loan_disbursed", _("Loan disbursed")
    LOAN_FEE = "loan_fee", _("Administration fee")
    LOAN_REPAYMENT = "loan_repayment", _("Loan repayment")
    LOAN_WRITE_OFF = "loan_write_off", _("Loan written off")
    REVERSAL = "reversal", _("Reversal")


class LedgerTransaction(models.Model):
    """One movement of money: entries whose debits equal their credits. Never updated or
    deleted (database triggers refuse it); `idempotency_key` makes a replay find it."""

    kind = models.CharField(_("kind"), max_length=16, choices=LedgerTransactionKind.choices)
    occurred_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    idempotency_key = models.CharField(_("request key"), max_length=100, unique=True)
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
    )
    grant_application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_transactions",
    )
    grant_disbursement = models.ForeignKey(
        GrantDisbursement,
        verbose_name=_("grant disbursement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_transactions",
    )
    loan = models.ForeignKey(
        Loan,
        verbose_name=_("loan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_transactions",
    )
    loan_repayment = models.ForeignKey(
        LoanRepayment,
        verbose_name=_("repayment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_transactions",
    )

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.kind} #{self.pk}"


class LedgerEntry(models.Model):
    """One side of a transaction: a debit or a credit (never both) to one account, about a
    loan, a grant or a borrower when the account is kept per subject."""

    transaction = models.ForeignKey(
        LedgerTransaction,
        verbose_name=_("transaction"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    account = models.CharField(_("account"), max_length=20, choices=LedgerAccount.choices)
    debit = models.PositiveBigIntegerField(_("debit (Rp)"), default=0)
    credit = models.PositiveBigIntegerField(_("credit (Rp)"), default=0)
    loan = models.ForeignKey(
        Loan,
        verbose_name=_("loan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    grant_application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("borrower"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["transaction", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="ledger_entry_one_side",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "loan"], name="ledger_entry_loan_idx"),
            models.Index(fields=["account", "grant_application"], name="ledger_entry_grant_idx"),
        ]

    def __str__(self) -> str:
        side = f"Dr {self.debit}" if self.debit else f"Cr {self.credit}"
        return f"{self.account} {side}"
