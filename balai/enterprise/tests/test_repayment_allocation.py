"""Repayments: the oldest instalment due is paid first, what is above the amount owed is
refused or held as credit, and whatever the sequence the books balance and nothing owed
goes below zero."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.accounts.models import User
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    ExcessRepaymentPolicy,
    LedgerAccount,
    Loan,
    LoanInstallment,
    LoanStatus,
)
from balai.enterprise.repayments import RepaymentInput, RepaymentRefusedError, repayment_record
from balai.registry.models import Person
from balai.testing.enterprise import make_individual_loan, make_loan_product, make_residents

pytestmark = pytest.mark.django_db


class _RolledBackError(Exception):
    """Raised to undo one example's writes."""


@pytest.fixture
def borrower(kota_tangerang: None) -> Person:
    return make_residents(1)[0]


@pytest.fixture
def desk(users_by_role: dict[str, User]) -> User:
    return users_by_role["admin"]


def repay(loan: Loan, amount: int, desk: User, key: str, *, days_ago: int = 0) -> None:
    repayment_record(
        data=RepaymentInput(
            loan_id=loan.pk,
            amount=amount,
            paid_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            idempotency_key=key,
        ),
        actor=desk,
    )


def paid_by_number(loan: Loan) -> list[int]:
    return list(loan.installments.order_by("number").values_list("principal_paid", flat=True))


def test_a_partial_repayment_pays_the_oldest_instalment_first(borrower: Person, desk: User) -> None:
    loan = make_individual_loan(
        borrower,
        principal=1_000_000,
        disbursed_on=timezone.localdate() - datetime.timedelta(days=100),
    )

    repay(loan, 150_000, desk, "r1")

    assert paid_by_number(loan)[:3] == [100_000, 50_000, 0]
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 850_000


def test_an_excess_is_refused_when_the_product_says_so(borrower: Person, desk: User) -> None:
    loan = make_individual_loan(borrower, principal=500_000)

    with pytest.raises(RepaymentRefusedError) as refused:
        repay(loan, 500_001, desk, "too-much")

    assert "Rp500.000" in refused.value.message
    assert not loan.repayments.exists()


def test_an_excess_is_held_as_credit_when_the_product_says_so(borrower: Person, desk: User) -> None:
    product = make_loan_product(
        lends_to_individuals=True, excess_policy=ExcessRepaymentPolicy.HOLD_AS_CREDIT
    )
    loan = make_individual_loan(borrower, principal=500_000, product=product)

    repay(loan, 520_000, desk, "with-credit")

    loan.refresh_from_db()
    assert loan.status == LoanStatus.CLOSED
    assert account_balance(LedgerAccount.BORROWER_CREDIT, person_id=borrower.pk) == -20_000
    assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 0


def test_replaying_a_repayment_records_it_once(borrower: Person, desk: User) -> None:
    loan = make_individual_loan(borrower)

    repay(loan, 100_000, desk, "once")
    repay(loan, 100_000, desk, "once")

    assert loan.repayments.count() == 1
    with pytest.raises(RepaymentRefusedError):
        repay(loan, 90_000, desk, "once")


@pytest.mark.parametrize("amount", [0, -1, 1.5, True])
def test_a_repayment_of_nothing_or_a_fraction_is_refused(
    borrower: Person, desk: User, amount: object
) -> None:
    loan = make_individual_loan(borrower)

    with pytest.raises(RepaymentRefusedError):
        repay(loan, amount, desk, "bad")  # type: ignore[arg-type]  # hostile input on purpose

    assert not loan.repayments.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(st.integers(min_value=1, max_value=700_000), min_size=1, max_size=12),
    credit_held=st.booleans(),
)
def test_for_any_sequence_of_repayments_the_books_balance_and_nothing_owed_goes_negative(
    borrower: Person, desk: User, amounts: list[int], credit_held: bool
) -> None:
    policy = ExcessRepaymentPolicy.HOLD_AS_CREDIT if credit_held else ExcessRepaymentPolicy.REFUSE
    try:
        with transaction.atomic():
            loan = make_individual_loan(
                borrower,
                principal=1_000_000,
                product=make_loan_product(lends_to_individuals=True, excess_policy=policy),
                disbursed_on=timezone.localdate() - datetime.timedelta(days=200),
            )
            received = 0
            for number, amount in enumerate(amounts):
                try:
                    repay(loan, amount, desk, f"seq-{number}")
                    received += amount
                except RepaymentRefusedError:
                    pass
                outstanding = account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk)
                owed = sum(
                    item.principal_owed for item in LoanInstallment.objects.filter(loan=loan)
                )
                assert 0 <= outstanding == owed
            check = ledger_check()
            assert check.balances, check
            credit = -account_balance(LedgerAccount.BORROWER_CREDIT, person_id=borrower.pk)
            assert received == 1_000_000 - outstanding + credit
            assert credit == 0 or credit_held
            raise _RolledBackError
    except _RolledBackError:
        pass
