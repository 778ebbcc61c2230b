"""Reads of the ledger: the journal, one transaction, the trial balance as of a day, and the
check that proves the books balance and agree with the loans and grants they record.

The ledger holds programme accounts, not a person's own record: only admins read it (the
trial balance, totals per account with no person in them, is open to viewers too). So the
journal is not scoped by area; every read of loans and grants beside it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from balai.enterprise.ledger import LedgerCheck, ledger_check
from balai.enterprise.models import (
    GrantApplication,
    GrantApplicationStatus,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
    Loan,
    LoanInstallment,
    LoanStatus,
)

# Grants in these statuses owe nothing on grants_payable: never approved, refused, withdrawn
# or paid. An approved grant owes between nothing (its payout on the way) and its amount.
SETTLED_GRANT_STATUSES = [
    GrantApplicationStatus.SUBMITTED,
    GrantApplicationStatus.VERIFIED,
    GrantApplicationStatus.REJECTED,
    GrantApplicationStatus.CANCELLED,
    GrantApplicationStatus.PAID,
]


def ledger_journal(
    *,
    kind: str = "",
    occurred_from: datetime.date | None = None,
    occurred_until: datetime.date | None = None,
    loan_id: int | None = None,
    grant_application_id: int | None = None,
) -> QuerySet[LedgerTransaction]:
    """Return the transactions narrowed by whichever filters are given, newest first, each
    with its entries, what it reverses and its reversal (three queries a page)."""
    transactions = LedgerTransaction.objects.select_related(
        "reverses", "reversal", "recorded_by"
    ).prefetch_related(Prefetch("entries", queryset=LedgerEntry.objects.order_by("pk")))
    if kind:
        transactions = transactions.filter(kind=kind)
    if occurred_from is not None:
        transactions = transactions.filter(occurred_on__gte=occurred_from)
    if occurred_until is not None:
        transactions = transactions.filter(occurred_on__lte=occurred_until)
    if loan_id is not None:
        transactions = transactions.filter(Q(loan_id=loan_id) | Q(entries__loan_id=loan_id))
    if grant_application_id is not None:
        transactions = transactions.filter(
            Q(grant_application_id=grant_application_id)
            | Q(entries__grant_application_id=grant_application_id)
        )
    if loan_id is not None or grant_application_id is not None:
        transactions = transactions.distinct()
    return transactions.order_by("-occurred_on", "-pk")


def ledger_transaction_get(*, transaction_id: int) -> LedgerTransaction | None:
    """Return one transaction with its entries, or None."""
    return ledger_journal().filter(pk=transaction_id).first()


@dataclass(frozen=True)
class AccountBalance:
    """One account's line of the trial balance: its debits and credits, and what is left
    on the side it grows by (positive: a debit balance; negative: a credit balance)."""

    account: str
    label: str
    debits: int
    credits: int

    @property
    def balance(self) -> int:
        return self.debits - self.credits

    @property
    def debit_balance(self) -> int:
        return max(self.balance, 0)

    @property
    def credit_balance(self) -> int:
        return max(-self.balance, 0)


@dataclass(frozen=True)
class TrialBalance:
    """Every account's totals as of a day (an account never posted to shows zeros)."""

    as_of: datetime.date
    accounts: list[AccountBalance]

    @property
    def total_debits(self) -> int:
        return sum(line.debits for line in self.accounts)

    @property
    def total_credits(self) -> int:
        return sum(line.credits for line in self.accounts)

    @property
    def total_debit_balances(self) -> int:
        return sum(line.debit_balance for line in self.accounts)

    @property
    def total_credit_balances(self) -> int:
        return sum(line.credit_balance for line in self.accounts)

    @property
    def balanced(self) -> bool:
        return self.total_debits == self.total_credits


def trial_balance(*, as_of: datetime.date) -> TrialBalance:
    """Return each account's debits and credits of transactions on or before `as_of` (one
    query)."""
    totals: dict[str, tuple[int, int]] = {
        row["account"]: (int(row["debits"] or 0), int(row["credits"] or 0))
        for row in LedgerEntry.objects.filter(transaction__occurred_on__lte=as_of)
        .values("account")
        .annotate(debits=Sum("debit"), credits=Sum("credit"))
        .order_by("account")
    }
    accounts = [
        AccountBalance(
            account=account.value,
            label=str(account.label),
            debits=totals.get(account.value, (0, 0))[0],
            credits=totals.get(account.value, (0, 0))[1],
        )
        for account in LedgerAccount
    ]
    return TrialBalance(as_of=as_of, accounts=accounts)


@dataclass(frozen=True)
class BooksCheck:
    """What the check of the books found; every list names the rows at fault by id.

    - `ledger`: the per-transaction check (each balances, totals agree, none is empty);
    - `loans_disagreeing`: loans whose loans_receivable balance is not what their
      instalments still owe (an active loan) or nothing (a repaid or written-off loan);
    - `grants_disagreeing`: grants whose grants_payable balance is below nothing, above the
      grant's amount, or not nothing once the grant is settled (see SETTLED_GRANT_STATUSES);
    - `entries_without_subject`: transactions with a loans_receivable entry naming no loan
      or a grants_payable entry naming no grant (those accounts are kept per subject);
    - `reversals_misfiled`: a reversal that names nothing it reverses, reverses a reversal,
      or a transaction of another kind that names one it reverses;
    - `reversals_not_mirroring`: originals whose reversal does not mirror them entry by entry.
    """

    ledger: LedgerCheck
    loans_disagreeing: list[int]
    grants_disagreeing: list[int]
    entries_without_subject: list[int]
    reversals_misfiled: list[int]
    reversals_not_mirroring: list[int]

    @property
    def balances(self) -> bool:
        return self.ledger.balances and not self.problems

    @property
    def problems(self) -> list[tuple[str, list[int]]]:
        """Return (what is wrong, the ids at fault) for each kind of problem found."""
        found = [
            ("unbalanced_transactions", self.ledger.unbalanced_transaction_ids),
            ("empty_transactions", self.ledger.empty_transaction_ids),
            ("loans_disagreeing", self.loans_disagreeing),
            ("grants_disagreeing", self.grants_disagreeing),
            ("entries_without_subject", self.entries_without_subject),
            ("reversals_misfiled", self.reversals_misfiled),
            ("reversals_not_mirroring", self.reversals_not_mirroring),
        ]
        return [(name, ids) for name, ids in found if ids]


def books_check() -> BooksCheck:
    """Prove the books balance and agree with what they record: the ledger's own check,
    then loans, grants, subjects and reversals (nine queries, whatever the size)."""
    return BooksCheck(
        ledger=ledger_check(),
        loans_disagreeing=_loans_disagreeing(),
        grants_disagreeing=_grants_disagreeing(),
        entries_without_subject=_entries_without_subject(),
        reversals_misfiled=_reversals_misfiled(),
        reversals_not_mirroring=_reversals_not_mirroring(),
    )


def _subject_balance(account: LedgerAccount, subject: str) -> Coalesce:
    """Debits minus credits of `account` for the outer row as `subject` (a subquery)."""
    entries = (
        LedgerEntry.objects.filter(account=account, **{subject: OuterRef("pk")})
        .values(subject)
        .annotate(balance=Sum(F("debit") - F("credit")))
        .values("balance")
    )
    return Coalesce(Subquery(entries, output_field=IntegerField()), Value(0))


def _loans_disagreeing() -> list[int]:
    owed = (
        LoanInstallment.objects.filter(loan=OuterRef("pk"))
        .values("loan")
        .annotate(owed=Sum(F("principal_due") - F("principal_paid")))
        .values("owed")
    )
    loans = Loan.objects.annotate(
        receivable=_subject_balance(LedgerAccount.LOANS_RECEIVABLE, "loan"),
        expected=Case(
            When(
                status=LoanStatus.ACTIVE,
                then=Coalesce(Subquery(owed, output_field=IntegerField()), Value(0)),
            ),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )
    return list(loans.exclude(receivable=F("expected")).order_by("pk").values_list("pk", flat=True))


def _grants_disagreeing() -> list[int]:
    # grants_payable grows by credit: what a grant is owed is its credits minus its debits.
    grants = GrantApplication.objects.annotate(
        payable=-_subject_balance(LedgerAccount.GRANTS_PAYABLE, "grant_application")
    )
    wrong = grants.filter(
        Q(payable__lt=0)
        | Q(payable__gt=F("amount"))
        | (Q(status__in=SETTLED_GRANT_STATUSES) & ~Q(payable=0))
    )
    return list(wrong.order_by("pk").values_list("pk", flat=True))


def _entries_without_subject() -> list[int]:
    entries = LedgerEntry.objects.filter(
        Q(account=LedgerAccount.LOANS_RECEIVABLE, loan__isnull=True)
        | Q(account=LedgerAccount.GRANTS_PAYABLE, grant_application__isnull=True)
    )
    return sorted(set(entries.values_list("transaction_id", flat=True)))


def _reversals_misfiled() -> list[int]:
    misfiled = LedgerTransaction.objects.filter(
        Q(kind=LedgerTransactionKind.REVERSAL, reverses__isnull=True)
        | Q(reverses__kind=LedgerTransactionKind.REVERSAL)
        | (~Q(kind=LedgerTransactionKind.REVERSAL) & Q(reverses__isnull=False))
    )
    return list(misfiled.order_by("pk").values_list("pk", flat=True))


def _reversals_not_mirroring() -> list[int]:
    # An original and its reversal, taken together, net to nothing on every account and
    # subject: group both by the original's id and keep the groups that do not.
    pair = Coalesce(F("transaction__reverses_id"), F("transaction_id"))
    entries = LedgerEntry.objects.filter(
        Q(transaction__reverses__isnull=False) | Q(transaction__reversal__isnull=False)
    )
    left_over = (
        entries.annotate(original=pair)
        .values("original", "account", "loan_id", "grant_application_id", "person_id")
        .annotate(net=Sum(F("debit") - F("credit")))
        .exclude(net=0)
        .values_list("original", flat=True)
    )
    return sorted(set(left_over))
