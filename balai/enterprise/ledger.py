"""The ledger's one writer and its checks: money moves only as balanced transactions of
integer Rupiah, appended, never edited; a mistake is undone by a reversing transaction.

Every service that moves money posts here in its own transaction, so the movement and its
record are saved together or not at all. A replay of the same request (same idempotency key)
returns the transaction already posted instead of posting twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.money import rupiah_digits
from balai.enterprise.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
)


class LedgerError(ApplicationError):
    code = "ledger_error"


@dataclass(frozen=True)
class Posting:
    """One side of a transaction before it is saved: `amount` on the debit or credit side
    of `account`, about a loan, grant or borrower when the account is kept per subject."""

    account: LedgerAccount
    debit: int = 0
    credit: int = 0
    loan_id: int | None = None
    grant_application_id: int | None = None
    person_id: int | None = None


def debit(
    account: LedgerAccount,
    amount: int,
    *,
    loan_id: int | None = None,
    grant_application_id: int | None = None,
    person_id: int | None = None,
) -> Posting:
    """A debit of `amount` to `account`, about the subject named."""
    return Posting(
        account=account,
        debit=amount,
        loan_id=loan_id,
        grant_application_id=grant_application_id,
        person_id=person_id,
    )


def credit(
    account: LedgerAccount,
    amount: int,
    *,
    loan_id: int | None = None,
    grant_application_id: int | None = None,
    person_id: int | None = None,
) -> Posting:
    """A credit of `amount` to `account`, about the subject named."""
    return Posting(
        account=account,
        credit=amount,
        loan_id=loan_id,
        grant_application_id=grant_application_id,
        person_id=person_id,
    )


def ledger_post(
    *,
    kind: LedgerTransactionKind,
    postings: Sequence[Posting],
    idempotency_key: str,
    occurred_on: datetime.date,
    actor: User | None,
    memo: str = "",
    **sources: Any,
) -> LedgerTransaction:
    """Post one balanced transaction (or return the one already posted under
    `idempotency_key`). `sources` names what it is about: grant_application, loan, …"""
    postings_check(postings)
    existing = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            posted = LedgerTransaction.objects.create(
                kind=kind,
                occurred_on=occurred_on,
                recorded_by=actor,
                idempotency_key=idempotency_key,
                memo=memo[:300],
                **sources,
            )
            LedgerEntry.objects.bulk_create(
                LedgerEntry(
                    transaction=posted,
                    account=posting.account,
                    debit=posting.debit,
                    credit=posting.credit,
                    loan_id=posting.loan_id,
                    grant_application_id=posting.grant_application_id,
                    person_id=posting.person_id,
                )
                for posting in postings
                if posting.debit or posting.credit
            )
    except IntegrityError:
        # Posted at the same moment under the same key by another request: theirs stands.
        return LedgerTransaction.objects.get(idempotency_key=idempotency_key)
    return posted


def ledger_reverse(
    *,
    original: LedgerTransaction,
    occurred_on: datetime.date,
    actor: User | None,
    memo: str = "",
) -> LedgerTransaction:
    """Post the mirror of `original` (every debit a credit and back): the correction that
    leaves both on the record. A transaction is reversed at most once."""
    if original.kind == LedgerTransactionKind.REVERSAL:
        raise LedgerError(_("A reversal cannot itself be reversed; post the movement again."))
    postings = [
        Posting(
            account=LedgerAccount(entry.account),
            debit=entry.credit,
            credit=entry.debit,
            loan_id=entry.loan_id,
            grant_application_id=entry.grant_application_id,
            person_id=entry.person_id,
        )
        for entry in original.entries.all()
    ]
    return ledger_post(
        kind=LedgerTransactionKind.REVERSAL,
        postings=postings,
        idempotency_key=f"reversal:{original.pk}",
        occurred_on=occurred_on,
        actor=actor,
        memo=memo,
        reverses=original,
        grant_application_id=original.grant_application_id,
        grant_disbursement_id=original.grant_disbursement_id,
        loan_id=original.loan_id,
        loan_repayment_id=original.loan_repayment_id,
    )


def postings_check(postings: Sequence[Posting]) -> None:
    """Refuse postings that are not whole non-negative Rupiah or do not balance."""
    for posting in postings:
        for amount in (posting.debit, posting.credit):
            # A bool is an int to Python and a float may carry a fraction of a Rupiah.
            if type(amount) is not int or amount < 0:
                raise LedgerError(_("Ledger amounts are whole, non-negative Rupiah."))
        if posting.debit and posting.credit:
            raise LedgerError(_("A ledger entry is a debit or a credit, not both."))
    debits = sum(posting.debit for posting in postings)
    credits = sum(posting.credit for posting in postings)
    if debits != credits or debits == 0:
        raise LedgerError(
            _("The transaction does not balance: debits Rp%(debits)s, credits Rp%(credits)s.")
            % {"debits": rupiah_digits(debits), "credits": rupiah_digits(credits)}
        )


def account_balance(
    account: LedgerAccount,
    *,
    loan_id: int | None = None,
    grant_application_id: int | None = None,
    person_id: int | None = None,
    on_or_before: datetime.date | None = None,
) -> int:
    """Return debits minus credits of `account` (for one subject if named): what a loan
    owes on loans_receivable, what the bank holds; negative for credit-side accounts."""
    entries: QuerySet[LedgerEntry] = LedgerEntry.objects.filter(account=account)
    if loan_id is not None:
        entries = entries.filter(loan_id=loan_id)
    if grant_application_id is not None:
        entries = entries.filter(grant_application_id=grant_application_id)
    if person_id is not None:
        entries = entries.filter(person_id=person_id)
    if on_or_before is not None:
        entries = entries.filter(transaction__occurred_on__lte=on_or_before)
    totals = entries.aggregate(debits=Sum("debit"), credits=Sum("credit"))
    return int(totals["debits"] or 0) - int(totals["credits"] or 0)


@dataclass(frozen=True)
class LedgerCheck:
    """What the check of the books found: totals, and the transactions that do not balance."""

    transaction_count: int
    total_debits: int
    total_credits: int
    unbalanced_transaction_ids: list[int]
    empty_transaction_ids: list[int]

    @property
    def balances(self) -> bool:
        return (
            self.total_debits == self.total_credits
            and not self.unbalanced_transaction_ids
            and not self.empty_transaction_ids
        )


def ledger_check() -> LedgerCheck:
    """Prove the books balance: every transaction's debits equal its credits, and so do
    the totals (four queries, whatever the size of the ledger)."""
    totals = LedgerEntry.objects.aggregate(debits=Sum("debit"), credits=Sum("credit"))
    by_transaction = (
        LedgerEntry.objects.values("transaction_id")
        .annotate(debits=Sum("debit"), credits=Sum("credit"))
        .filter(~Q(debits=F("credits")))
        .values_list("transaction_id", flat=True)
    )
    empty = LedgerTransaction.objects.filter(entries__isnull=True).values_list("pk", flat=True)
    return LedgerCheck(
        transaction_count=LedgerTransaction.objects.count(),
        total_debits=int(totals["debits"] or 0),
        total_credits=int(totals["credits"] or 0),
        unbalanced_transaction_ids=sorted(by_transaction),
        empty_transaction_ids=sorted(empty),
    )
