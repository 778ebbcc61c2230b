"""Partial, early and late repayments: always to the oldest instalment owed first."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.ledger import account_balance
from balai.enterprise.models import LedgerAccount, Loan, LoanInstallment
from balai.enterprise.repayments import RepaymentRefusedError
from balai.testing.repayments import paid_by_number, repay

pytestmark = pytest.mark.django_db


def test_a_partial_repayment_leaves_the_oldest_instalment_part_owed(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]

    repay(loan, 60_000, admin, "partial")

    assert paid_by_number(loan)[:2] == [60_000, 0]
    first = LoanInstallment.objects.get(loan=loan, number=1)
    assert first.paid_off_on is None


def test_an_early_repayment_pays_the_next_instalments_in_order(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]
    repay(loan, 300_000, admin, "arrears")  # the three due by now

    repay(loan, 250_000, admin, "early")

    assert paid_by_number(loan)[:7] == [100_000] * 5 + [50_000, 0]
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 450_000


def test_a_late_repayment_records_when_the_instalment_was_paid_off(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]

    repay(loan, 100_000, admin, "late", days_ago=10)

    first = LoanInstallment.objects.get(loan=loan, number=1)
    assert first.principal_owed == 0
    assert first.paid_off_on == timezone.localdate() - datetime.timedelta(days=10)
    assert first.paid_off_on > first.due_on


def test_a_repayment_dated_in_the_future_or_before_disbursement_is_refused(
    team_loans: list[Loan], admin: User
) -> None:
    loan = team_loans[0]

    with pytest.raises(RepaymentRefusedError):
        repay(loan, 100_000, admin, "future", days_ago=-1)
    with pytest.raises(RepaymentRefusedError):
        repay(loan, 100_000, admin, "before", days_ago=101)

    assert not loan.repayments.exists()


def test_a_repayment_of_an_unknown_loan_is_refused_clearly(
    team_loans: list[Loan], admin: User
) -> None:
    ghost = Loan(pk=999_999)

    with pytest.raises(RepaymentRefusedError) as refused:
        repay(ghost, 100_000, admin, "ghost")

    assert refused.value.code == "loan_not_found"
