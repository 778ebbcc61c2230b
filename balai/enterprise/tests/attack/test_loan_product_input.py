"""A loan product typed with numbers past what its columns hold: refused in Indonesian on
the form, never a 500 nor a product that cannot be saved."""

from __future__ import annotations

import pytest

from balai.accounts.models import User
from balai.enterprise.models import LoanProduct
from balai.testing.clients import client_for

pytestmark = pytest.mark.django_db

TERMS = {
    "code": "emas-uji",
    "name": "Emas Uji",
    "admin_fee": "2",
    "min_amount": "500.000",
    "max_amount": "5.000.000",
    "tenor_months": "10",
    "grace_period_months": "0",
    "frequency": "monthly",
    "rounding_unit": "1",
    "excess_policy": "refuse",
    "min_group_size": "1",
    "max_group_size": "10",
    "is_active": "on",
}


@pytest.mark.parametrize("size", [str(10**20), "40000"])
def test_a_group_size_past_any_group_is_refused(admin: User, size: str) -> None:
    answer = client_for(admin).post("/loans/products/new/", {**TERMS, "max_group_size": size})

    assert answer.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 1000" in answer.content.decode()
    assert not LoanProduct.objects.exists()


def test_instalments_rounded_to_more_than_the_loan_are_refused(admin: User) -> None:
    answer = client_for(admin).post(
        "/loans/products/new/", {**TERMS, "rounding_unit": "5.000.000.000"}
    )

    assert answer.status_code == 200
    assert "Jumlah paling banyak Rp5.000.000." in answer.content.decode()
    assert not LoanProduct.objects.exists()
