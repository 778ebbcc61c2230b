"""The ledger: balanced transactions of whole Rupiah, appended once, never edited."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from balai.enterprise.ledger import (
    LedgerError,
    account_balance,
    credit,
    debit,
    ledger_check,
    ledger_post,
    ledger_reverse,
)
from balai.enterprise.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
)

pytestmark = pytest.mark.django_db


def post_fee(amount: int = 30_000, key: str = "fee-1") -> LedgerTransaction:
    return ledger_post(
        kind=LedgerTransactionKind.LOAN_FEE,
        postings=[debit(LedgerAccount.BANK, amount), credit(LedgerAccount.FEE_INCOME, amount)],
        idempotency_key=key,
        occurred_on=timezone.localdate(),
        actor=None,
    )


def test_a_balanced_transaction_is_posted_and_moves_the_balances() -> None:
    post_fee(30_000)

    assert account_balance(LedgerAccount.BANK) == 30_000
    assert account_balance(LedgerAccount.FEE_INCOME) == -30_000
    assert ledger_check().balances


def test_replaying_the_same_request_posts_once() -> None:
    first = post_fee(key="same")
    second = post_fee(key="same")

    assert first.pk == second.pk
    assert LedgerEntry.objects.count() == 2


@pytest.mark.parametrize(
    "postings",
    [
        [debit(LedgerAccount.BANK, 100), credit(LedgerAccount.FEE_INCOME, 99)],
        [debit(LedgerAccount.BANK, 100.5), credit(LedgerAccount.FEE_INCOME, 100.5)],  # type: ignore[arg-type]  # a fraction on purpose
        [debit(LedgerAccount.BANK, True), credit(LedgerAccount.FEE_INCOME, True)],
        [debit(LedgerAccount.BANK, -5), credit(LedgerAccount.FEE_INCOME, -5)],
        [debit(LedgerAccount.BANK, 0), credit(LedgerAccount.FEE_INCOME, 0)],
    ],
    ids=["unbalanced", "fraction", "boolean", "negative", "nothing"],
)
def test_an_unbalanced_or_fractional_transaction_is_refused_and_nothing_is_saved(
    postings: list[Any],
) -> None:
    with pytest.raises(LedgerError):
        ledger_post(
            kind=LedgerTransactionKind.LOAN_FEE,
            postings=postings,
            idempotency_key="bad",
            occurred_on=timezone.localdate(),
            actor=None,
        )

    assert not LedgerTransaction.objects.exists()


def test_a_correction_is_a_reversal_that_leaves_both_on_the_record() -> None:
    original = post_fee(30_000)

    reversal = ledger_reverse(original=original, occurred_on=timezone.localdate(), actor=None)
    again = ledger_reverse(original=original, occurred_on=timezone.localdate(), actor=None)

    assert reversal.pk == again.pk
    assert reversal.reverses_id == original.pk
    assert account_balance(LedgerAccount.BANK) == 0
    assert LedgerTransaction.objects.count() == 2
    with pytest.raises(LedgerError):
        ledger_reverse(original=reversal, occurred_on=timezone.localdate(), actor=None)


def test_the_database_refuses_to_edit_a_posted_entry() -> None:
    post_fee(30_000)

    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(account=LedgerAccount.BANK).update(debit=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerTransaction.objects.update(memo="edited")

    assert account_balance(LedgerAccount.BANK) == 30_000


def test_balances_can_be_read_as_of_a_day() -> None:
    today = timezone.localdate()
    ledger_post(
        kind=LedgerTransactionKind.LOAN_FEE,
        postings=[debit(LedgerAccount.BANK, 10), credit(LedgerAccount.FEE_INCOME, 10)],
        idempotency_key="earlier",
        occurred_on=today - datetime.timedelta(days=10),
        actor=None,
    )
    post_fee(20)

    assert (
        account_balance(LedgerAccount.BANK, on_or_before=today - datetime.timedelta(days=1)) == 10
    )
    assert account_balance(LedgerAccount.BANK) == 30


def test_an_unbalanced_transaction_is_refused_with_its_totals_written_as_rupiah() -> None:
    postings = [debit(LedgerAccount.BANK, 1_500_000), credit(LedgerAccount.FEE_INCOME, 1_499_000)]

    with pytest.raises(LedgerError) as refused:
        ledger_post(
            kind=LedgerTransactionKind.LOAN_FEE,
            postings=postings,
            idempotency_key="unbalanced",
            occurred_on=timezone.localdate(),
            actor=None,
        )

    assert "Rp1.500.000" in refused.value.message
    assert "Rp1.499.000" in refused.value.message
