"""A hand-made portfolio of weekly loans whose instalments fall due on chosen days before
the pinned today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.models import InstallmentFrequency, Loan, LoanProduct, LoanStatus
from balai.enterprise.repayments import RepaymentInput, repayment_record
from balai.testing.enterprise import make_individual_loan, make_loan_product, make_residents
from balai.testing.places import SUKARASA


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def weekly_product(kota_tangerang: None) -> LoanProduct:
    """Four weekly instalments of Rp250.000 on a loan of Rp1.000.000."""
    return make_loan_product(
        frequency=InstallmentFrequency.WEEKLY, tenor_months=1, lends_to_individuals=True
    )


def weekly_loan(
    product: LoanProduct, *, first_due_days_ago: int, kelurahan_code: str = SUKARASA
) -> Loan:
    """A loan of Rp1.000.000 whose first instalment fell due `first_due_days_ago` days ago
    (the others one, two and three weeks after it)."""
    (borrower,) = make_residents(1, kelurahan_code=kelurahan_code)
    return make_individual_loan(
        borrower, product=product, disbursed_on=days_ago(first_due_days_ago + 7)
    )


def repay(loan: Loan, amount: int, *, paid_days_ago: int, desk: User) -> None:
    repayment_record(
        data=RepaymentInput(
            loan_id=loan.pk,
            amount=amount,
            paid_on=days_ago(paid_days_ago),
            idempotency_key=f"test-{loan.pk}-{amount}-{paid_days_ago}",
        ),
        actor=desk,
    )


def write_off(loan: Loan, *, on_days_ago: int) -> None:
    # The write-off service belongs to another part; its outcome is what counts here.
    Loan.objects.filter(pk=loan.pk).update(
        status=LoanStatus.WRITTEN_OFF, closed_on=days_ago(on_days_ago)
    )


@dataclass
class HandMadePortfolio:
    loans: dict[str, Loan]


@pytest.fixture
def hand_made(weekly_product: LoanProduct, users_by_role: dict[str, User]) -> HandMadePortfolio:
    """Nine loans of Rp1.000.000 in four weekly instalments of Rp250.000 (see the test of
    hand-computed values for what each is meant to show)."""
    desk = users_by_role["admin"]
    loans = {
        name: weekly_loan(weekly_product, first_due_days_ago=days)
        for name, days in {
            "due_today": 0,
            "thirty_days": 30,
            "thirty_one_days": 31,
            "paid_one_then_stopped": 70,
            "ninety_one_days": 91,
            "two_hundred_days": 200,
            "repaid": 33,
            "written_off": 93,
            "late_caught_up": 14,
        }.items()
    }
    repay(loans["paid_one_then_stopped"], 250_000, paid_days_ago=70, desk=desk)
    repay(loans["two_hundred_days"], 100_000, paid_days_ago=150, desk=desk)
    repay(loans["repaid"], 1_000_000, paid_days_ago=12, desk=desk)
    repay(loans["late_caught_up"], 500_000, paid_days_ago=1, desk=desk)
    write_off(loans["written_off"], on_days_ago=5)
    return HandMadePortfolio(loans=loans)
