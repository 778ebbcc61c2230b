"""Weekly loans whose instalments fall due on chosen days before the pinned today, for the
tests of the portfolio's quality (a hand-made portfolio whose PAR is computed by hand)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.models import InstallmentFrequency, Loan, LoanProduct, LoanStatus
from balai.enterprise.repayments import RepaymentInput, repayment_record
from balai.testing.enterprise import make_individual_loan, make_loan_product, make_residents
from balai.testing.places import SUKARASA


def make_weekly_product() -> LoanProduct:
    """Four weekly instalments of Rp250.000 on a loan of Rp1.000.000."""
    return make_loan_product(
        frequency=InstallmentFrequency.WEEKLY, tenor_months=1, lends_to_individuals=True
    )


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


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
