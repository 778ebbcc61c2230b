"""Reversals restore the instalments and the ledger; write-offs move what is owed to losses."""

from __future__ import annotations

import pytest

from balai.accounts.models import User
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    LedgerAccount,
    LedgerTransaction,
    LedgerTransactionKind,
    Loan,
    LoanInstallment,
    LoanRepayment,
    LoanStatus,
    RepaymentAllocation,
)
from balai.enterprise.repayment_corrections import (
    RepaymentCorrectionError,
    loan_write_off,
    repayment_reverse,
)
from balai.testing.repayments import owed_total, paid_by_number, repay

pytestmark = pytest.mark.django_db


def test_a_reversal_restores_the_instalments_and_the_ledger(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]
    repay(loan, 150_000, admin, "kept")
    mistaken = repay(loan, 120_000, admin, "mistaken")

    reversal = repayment_reverse(repayment_id=mistaken.pk, reason="Double entry", actor=admin)

    assert reversal.reverses_id == mistaken.pk and reversal.amount == mistaken.amount
    assert sorted(reversal.allocations.values_list("amount", flat=True)) == sorted(
        -amount for amount in mistaken.allocations.values_list("amount", flat=True)
    )
    assert paid_by_number(loan)[:3] == [100_000, 50_000, 0]
    assert LoanInstallment.objects.get(loan=loan, number=2).paid_off_on is None
    assert ledger_check().balances
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == owed_total(loan)
    assert LedgerTransaction.objects.filter(
        kind=LedgerTransactionKind.REVERSAL, memo="Double entry"
    ).exists()


def test_reversing_the_repayment_that_closed_a_loan_reopens_it(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]
    closing = repay(loan, 1_000_000, admin, "all")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.CLOSED

    repayment_reverse(repayment_id=closing.pk, reason="Cheque bounced", actor=admin)

    loan.refresh_from_db()
    assert (loan.status, loan.closed_on) == (LoanStatus.ACTIVE, None)
    assert owed_total(loan) == 1_000_000
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 1_000_000


def test_a_repayment_is_reversed_at_most_once_and_a_reversal_never(
    team_loans: list[Loan], admin: User
) -> None:
    mistaken = repay(team_loans[0], 100_000, admin, "once")
    reversal = repayment_reverse(repayment_id=mistaken.pk, reason="Wrong loan", actor=admin)

    with pytest.raises(RepaymentCorrectionError) as twice:
        repayment_reverse(repayment_id=mistaken.pk, reason="Again", actor=admin)
    with pytest.raises(RepaymentCorrectionError) as of_reversal:
        repayment_reverse(repayment_id=reversal.pk, reason="Undo", actor=admin)

    assert (twice.value.code, of_reversal.value.code) == (
        "already_reversed",
        "reversal_of_reversal",
    )
    assert LoanRepayment.objects.count() == 2
    assert RepaymentAllocation.objects.filter(repayment=mistaken).count() == 1


def test_a_reversal_needs_a_reason(team_loans: list[Loan], admin: User) -> None:
    mistaken = repay(team_loans[0], 100_000, admin, "no-reason")

    with pytest.raises(RepaymentCorrectionError):
        repayment_reverse(repayment_id=mistaken.pk, reason="  ", actor=admin)

    assert not LoanRepayment.objects.filter(reverses=mistaken).exists()


def test_a_write_off_moves_what_is_owed_to_loan_losses(team_loans: list[Loan], admin: User) -> None:
    loan = team_loans[0]
    repay(loan, 300_000, admin, "some")

    loan_write_off(loan_id=loan.pk, reason="Business closed, borrower moved away", actor=admin)

    loan.refresh_from_db()
    assert loan.status == LoanStatus.WRITTEN_OFF
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 0
    assert account_balance(LedgerAccount.LOAN_LOSS, loan_id=loan.pk) == 700_000
    assert ledger_check().balances
    with pytest.raises(RepaymentCorrectionError):
        loan_write_off(loan_id=loan.pk, reason="Again", actor=admin)
    with pytest.raises(RepaymentCorrectionError):
        repayment_reverse(repayment_id=loan.repayments.get().pk, reason="Late", actor=admin)
