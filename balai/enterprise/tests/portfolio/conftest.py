"""Fixtures of the portfolio's tests: a weekly product and a hand-made portfolio."""

from __future__ import annotations

import pytest

from balai.accounts.models import User
from balai.enterprise.models import LoanProduct
from balai.testing.portfolio import (
    HandMadePortfolio,
    make_weekly_product,
    repay,
    weekly_loan,
    write_off,
)


@pytest.fixture
def weekly_product(kota_tangerang: None) -> LoanProduct:
    """Four weekly instalments of Rp250.000 on a loan of Rp1.000.000."""
    return make_weekly_product()


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
