"""Two desks recording repayments on the same loan at once, on PostgreSQL: the loan's lock
makes them allocate one after the other, so nothing is over-allocated."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import LedgerAccount, LoanInstallment, LoanRepayment
from balai.enterprise.repayments import RepaymentInput, repayment_record
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.enterprise import make_group, make_group_loans

DESKS = 8


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_desks_recording_on_one_loan_at_once_never_over_allocate(
    users_by_role: dict[str, User],
) -> None:
    skip_unless_postgresql()
    (loan, *_others) = make_group_loans(make_group(members=5))
    desk = users_by_role[Role.ADMIN]

    def record(number: int) -> str:
        # Each brings Rp300.000: only three of eight fit in the Rp1.000.000 owed.
        repayment_record(
            data=RepaymentInput(
                loan_id=loan.pk,
                amount=300_000,
                paid_on=timezone.localdate(),
                idempotency_key=f"desk-{number}",
            ),
            actor=desk,
        )
        return "recorded"

    outcomes = Counter(run_concurrently(DESKS, record))

    assert outcomes == {"recorded": 3, "repayment_refused": DESKS - 3}
    installments = LoanInstallment.objects.filter(loan=loan)
    assert sum(item.principal_paid for item in installments) == 900_000
    assert all(item.principal_owed >= 0 for item in installments)
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 100_000
    assert LoanRepayment.objects.filter(loan=loan).count() == 3
    assert ledger_check().balances


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_sent_twice_at_once_records_once(users_by_role: dict[str, User]) -> None:
    skip_unless_postgresql()
    (loan, *_others) = make_group_loans(make_group(members=5))
    desk = users_by_role[Role.ADMIN]

    def record(_number: int) -> str:
        repayment_record(
            data=RepaymentInput(
                loan_id=loan.pk,
                amount=100_000,
                paid_on=timezone.localdate(),
                idempotency_key="the-same-click",
            ),
            actor=desk,
        )
        return "recorded"

    outcomes = Counter(run_concurrently(6, record))

    assert outcomes == {"recorded": 6}
    assert LoanRepayment.objects.filter(loan=loan).count() == 1
