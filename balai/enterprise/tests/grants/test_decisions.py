"""The kelurahan's verification and the admin's decision: within the batch's budget, posted
to the ledger, and undone by a cancellation that releases the budget."""

from __future__ import annotations

import pytest

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError, PermissionDeniedError
from balai.enterprise.grants import (
    GrantError,
    grant_approve,
    grant_cancel,
    grant_reject,
    grant_verify,
)
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    DisbursementChannel,
    GrantApplicationStatus,
    GrantBatch,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransaction,
    LedgerTransactionKind,
)
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.grants import ALL_TICKED, apply_for, make_approved, make_verified
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KELURAHAN_OPERATOR]  # of Sukarasa


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]


def test_every_item_ticked_verifies_the_application(operator: User) -> None:
    (resident,) = make_residents(1)
    application = apply_for(resident, make_grant_batch())

    verified = grant_verify(by=operator, application_id=application.pk, checklist=ALL_TICKED)

    assert verified.status == GrantApplicationStatus.VERIFIED
    assert verified.checklist == ALL_TICKED
    assert verified.verified_by == operator
    assert verified.verified_at is not None


def test_an_item_not_met_rejects_with_the_reason_given(operator: User) -> None:
    (resident,) = make_residents(1)
    application = apply_for(resident, make_grant_batch())
    checklist = {**ALL_TICKED, "business_exists": False}

    with pytest.raises(GrantError) as refused:
        grant_verify(by=operator, application_id=application.pk, checklist=checklist)
    rejected = grant_verify(
        by=operator, application_id=application.pk, checklist=checklist, reason="Tidak ada usaha"
    )

    assert refused.value.code == "reason_missing"
    assert rejected.status == GrantApplicationStatus.REJECTED
    assert rejected.checklist["business_exists"] is False
    assert rejected.decision_reason == "Tidak ada usaha"


def test_an_operator_of_another_kelurahan_cannot_verify(operator: User) -> None:
    (resident,) = make_residents(1, kelurahan_code=KERONCONG)
    application = apply_for(resident, make_grant_batch())

    with pytest.raises(NotFoundError):
        grant_verify(by=operator, application_id=application.pk, checklist=ALL_TICKED)


def test_the_applicant_cannot_verify_their_own_application(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    application = apply_for(resident, make_grant_batch())
    assert resident.user is not None

    with pytest.raises(PermissionDeniedError):
        grant_verify(by=resident.user, application_id=application.pk, checklist=ALL_TICKED)


def test_approval_commits_the_budget_and_posts_to_the_ledger(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch(amount_per_grant=500_000, budget_ceiling=1_000_000)

    approved = make_approved(resident, batch, operator=operator, admin=admin)

    batch.refresh_from_db()
    assert approved.status == GrantApplicationStatus.APPROVED
    assert batch.committed_amount == 500_000
    posted = LedgerTransaction.objects.get()
    assert posted.kind == LedgerTransactionKind.GRANT_APPROVED
    assert posted.idempotency_key == f"grant:{approved.pk}:approved"
    assert posted.grant_application_id == approved.pk
    assert account_balance(LedgerAccount.GRANT_EXPENSE) == 500_000
    assert account_balance(LedgerAccount.GRANTS_PAYABLE, grant_application_id=approved.pk) == (
        -500_000
    )
    assert ledger_check().balances


def test_approving_twice_commits_and_posts_once(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    approved = make_approved(resident, batch, operator=operator, admin=admin)

    grant_approve(by=admin, application_id=approved.pk)

    batch.refresh_from_db()
    assert batch.committed_amount == batch.amount_per_grant
    assert LedgerTransaction.objects.count() == 1


def test_an_approval_over_budget_is_refused_and_nothing_is_recorded(
    operator: User, admin: User
) -> None:
    first, second = make_residents(2)
    batch = make_grant_batch(amount_per_grant=600_000, budget_ceiling=1_000_000)
    make_approved(first, batch, operator=operator, admin=admin)
    waiting = make_verified(second, batch, operator=operator)
    entries_before = LedgerTransaction.objects.count()

    with pytest.raises(GrantError) as refused:
        grant_approve(by=admin, application_id=waiting.pk)

    assert refused.value.code == "over_budget"
    assert "Rp400.000" in refused.value.message
    batch.refresh_from_db()
    waiting.refresh_from_db()
    assert batch.committed_amount == 600_000
    assert batch.remaining_budget == 400_000
    assert waiting.status == GrantApplicationStatus.VERIFIED
    assert LedgerTransaction.objects.count() == entries_before


def test_only_a_verified_application_is_approved(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    application = apply_for(resident, make_grant_batch())

    with pytest.raises(GrantError) as refused:
        grant_approve(by=admin, application_id=application.pk)

    assert refused.value.code == "status_invalid"


def test_an_operator_cannot_approve(operator: User) -> None:
    (resident,) = make_residents(1)
    application = make_verified(resident, make_grant_batch(), operator=operator)

    with pytest.raises(PermissionDeniedError):
        grant_approve(by=operator, application_id=application.pk)


def test_the_admin_rejects_with_a_reason(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    application = make_verified(resident, make_grant_batch(), operator=operator)

    rejected = grant_reject(by=admin, application_id=application.pk, reason="Anggaran prioritas")

    assert rejected.status == GrantApplicationStatus.REJECTED
    assert rejected.decided_by == admin


def test_cancelling_an_unpaid_grant_releases_the_budget_and_mirrors_the_ledger(
    operator: User, admin: User
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    approved = make_approved(resident, batch, operator=operator, admin=admin)

    cancelled = grant_cancel(by=admin, application_id=approved.pk, reason="Usaha tutup")

    batch.refresh_from_db()
    assert cancelled.status == GrantApplicationStatus.CANCELLED
    assert batch.committed_amount == 0
    kinds = list(LedgerTransaction.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [LedgerTransactionKind.GRANT_APPROVED, LedgerTransactionKind.GRANT_CANCELLED]
    assert account_balance(LedgerAccount.GRANT_EXPENSE) == 0
    assert account_balance(LedgerAccount.GRANTS_PAYABLE) == 0
    assert ledger_check().balances


def test_a_cancelled_grant_lets_the_person_apply_again(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    approved = make_approved(resident, batch, operator=operator, admin=admin)
    grant_cancel(by=admin, application_id=approved.pk, reason="Salah data")

    again = apply_for(resident, batch, business_name="Warung Baru")

    assert again.status == GrantApplicationStatus.SUBMITTED


def test_a_grant_with_a_payout_under_way_is_not_cancelled(operator: User, admin: User) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    approved = make_approved(resident, batch, operator=operator, admin=admin)
    GrantDisbursement.objects.create(
        application=approved,
        amount=approved.amount,
        channel=DisbursementChannel.BANK_TRANSFER,
        provider_code="BJB",
        account_number="0011223344",
        account_name=resident.full_name,
        reference="TB-1",
        idempotency_key="payout-1",
        recorded_by=admin,
    )

    with pytest.raises(GrantError) as refused:
        grant_cancel(by=admin, application_id=approved.pk, reason="Salah data")

    assert refused.value.code == "payout_live"
    batch.refresh_from_db()
    assert batch.committed_amount == approved.amount


def test_the_budget_never_goes_negative(operator: User, admin: User) -> None:
    people = make_residents(4)
    batch = make_grant_batch(amount_per_grant=400_000, budget_ceiling=1_000_000)
    outcomes = []
    for person in people:
        application = make_verified(person, batch, operator=operator)
        try:
            grant_approve(by=admin, application_id=application.pk)
            outcomes.append("approved")
        except GrantError as error:
            outcomes.append(error.code)

    batch = GrantBatch.objects.get(pk=batch.pk)
    assert outcomes == ["approved", "approved", "over_budget", "over_budget"]
    assert batch.committed_amount == 800_000
    assert batch.remaining_budget == 200_000 >= 0


def test_a_person_approved_in_one_batch_is_refused_in_another_at_approval(
    operator: User, admin: User
) -> None:
    (resident,) = make_residents(1)
    first, second = make_grant_batch(name="2026 I"), make_grant_batch(name="2026 II")
    one = make_verified(resident, first, operator=operator)
    other = make_verified(resident, second, operator=operator)  # both passed at the desk
    grant_approve(by=admin, application_id=one.pk)

    with pytest.raises(GrantError) as refused:
        grant_approve(by=admin, application_id=other.pk)

    assert refused.value.code == "earlier_grant"
    second.refresh_from_db()
    assert second.committed_amount == 0
