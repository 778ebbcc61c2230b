"""Recording repayments in enterprise's tests: dated some days back, through the service."""

from __future__ import annotations

import datetime

from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.models import Loan, LoanRepayment
from balai.enterprise.repayments import RepaymentInput, repayment_record


def repay(
    loan: Loan,
    amount: int,
    desk: User,
    key: str,
    *,
    days_ago: int = 0,
    paid_by_id: int | None = None,
) -> LoanRepayment:
    """Record `amount` received for `loan`, paid `days_ago` days before today."""
    return repayment_record(
        data=RepaymentInput(
            loan_id=loan.pk,
            amount=amount,
            paid_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            idempotency_key=key,
            paid_by_id=paid_by_id,
        ),
        actor=desk,
    )


def paid_by_number(loan: Loan) -> list[int]:
    """What each instalment of `loan` has been paid, in order."""
    return list(loan.installments.order_by("number").values_list("principal_paid", flat=True))


def owed_total(loan: Loan) -> int:
    """What `loan`'s instalments still owe."""
    return sum(item.principal_owed for item in loan.installments.all())
