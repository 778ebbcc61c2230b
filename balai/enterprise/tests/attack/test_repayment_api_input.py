"""A repayment sent with a JSON true as its amount is refused, never recorded as Rp1."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.models import LoanRepayment
from balai.testing.clients import bearer
from balai.testing.enterprise import make_group, make_group_loans

pytestmark = pytest.mark.django_db


def test_a_repayment_of_true_rupiah_is_refused(admin: User) -> None:
    loan = make_group_loans(
        make_group(members=5),
        disbursed_on=timezone.localdate() - datetime.timedelta(days=100),
        actor=admin,
    )[0]
    body = {
        "loan_id": loan.pk,
        "amount": True,
        "paid_on": timezone.localdate().isoformat(),
        "idempotency_key": "boolean-amount",
    }

    answer = bearer(admin).post(
        "/api/v1/enterprise/repayments/", json.dumps(body), content_type="application/json"
    )

    assert answer.status_code == 422
    assert answer.json()["details"]["errors"][0]["loc"][-1] == "amount"
    assert not LoanRepayment.objects.exists()
