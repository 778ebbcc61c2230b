"""Many admins approving grants of one batch at once, on PostgreSQL: the conditional UPDATE
of the batch's committed amount lets exactly as many through as the budget holds."""

from __future__ import annotations

from collections import Counter

import pytest

from balai.accounts.models import Role, User
from balai.enterprise.grants import grant_approve
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
    LedgerAccount,
    LedgerTransaction,
)
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.grants import make_verified

APPLICANTS = 16
FITS = 5


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_take_exactly_the_grants_the_budget_holds(
    users_by_role: dict[str, User],
) -> None:
    skip_unless_postgresql()
    batch = make_grant_batch(amount_per_grant=300_000, budget_ceiling=300_000 * FITS + 200_000)
    operator, admin = users_by_role[Role.KELURAHAN_OPERATOR], users_by_role[Role.ADMIN]
    applications = [
        make_verified(person, batch, operator=operator) for person in make_residents(APPLICANTS)
    ]

    def approve(number: int) -> str:
        grant_approve(by=admin, application_id=applications[number].pk)
        return "approved"

    outcomes = Counter(run_concurrently(APPLICANTS, approve))

    assert outcomes == {"approved": FITS, "over_budget": APPLICANTS - FITS}
    batch = GrantBatch.objects.get(pk=batch.pk)
    approved = GrantApplication.objects.filter(status=GrantApplicationStatus.APPROVED)
    assert approved.count() == FITS
    assert batch.committed_amount == sum(application.amount for application in approved)
    assert batch.remaining_budget == 200_000
    assert LedgerTransaction.objects.count() == FITS
    assert account_balance(LedgerAccount.GRANT_EXPENSE) == batch.committed_amount
    assert ledger_check().balances


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_person_approved_at_once_in_many_batches_gets_one_grant(
    users_by_role: dict[str, User],
) -> None:
    skip_unless_postgresql()
    (resident,) = make_residents(1)
    operator, admin = users_by_role[Role.KELURAHAN_OPERATOR], users_by_role[Role.ADMIN]
    applications = [
        make_verified(resident, make_grant_batch(name=f"Gelombang {number}"), operator=operator)
        for number in range(6)
    ]

    def approve(number: int) -> str:
        grant_approve(by=admin, application_id=applications[number].pk)
        return "approved"

    outcomes = Counter(run_concurrently(len(applications), approve))

    assert outcomes == {"approved": 1, "earlier_grant": len(applications) - 1}
    assert sum(GrantBatch.objects.values_list("committed_amount", flat=True)) == 500_000
    assert ledger_check().balances
