"""Applying for a Tangerang Emas loan, eligibility on a clean record, the admin's decision
and disbursement."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.loans import (
    LoanApplicationInput,
    fee_basis_points_typed,
    loan_application_approve,
    loan_application_disburse,
    loan_application_reject,
    loan_apply,
)
from balai.enterprise.models import (
    LedgerAccount,
    Loan,
    LoanApplication,
    LoanApplicationStatus,
    LoanStatus,
)
from balai.testing.enterprise import (
    GroupAtWork,
    make_group,
    make_group_loans,
    make_loan_product,
)
from balai.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(kota_tangerang: None) -> GroupAtWork:
    return make_group(members=5)


def group_input(team: GroupAtWork, product_id: int, **changes: object) -> LoanApplicationInput:
    fields: dict[str, object] = {
        "product_id": product_id,
        "group_id": team.group.pk,
        "amounts": {person.pk: "1.000.000" for person in team.people},
        "business_purpose": "Modal bahan baku",
        "joint_liability_accepted": True,
    }
    fields.update(changes)
    return LoanApplicationInput(**fields)  # type: ignore[arg-type]  # test input


def leader_user(team: GroupAtWork) -> User:
    return team.users[0]


def test_the_leader_applies_for_every_member(team: GroupAtWork) -> None:
    product = make_loan_product()
    application = loan_apply(data=group_input(team, product.pk), actor=leader_user(team))
    assert application.status == LoanApplicationStatus.SUBMITTED
    assert application.joint_liability_accepted
    assert sorted(application.members.values_list("amount", flat=True)) == [1_000_000] * 5


def test_an_amount_out_of_range_is_refused_with_the_range_named(team: GroupAtWork) -> None:
    product = make_loan_product()
    amounts = {person.pk: "1.000.000" for person in team.people}
    amounts[team.people[2].pk] = "2.500.000"
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, product.pk, amounts=amounts), actor=leader_user(team))
    assert refused.value.code == "amount_out_of_range"
    assert "Rp500.000" in refused.value.message and "Rp2.000.000" in refused.value.message


def test_a_fraction_of_a_rupiah_is_refused(team: GroupAtWork) -> None:
    product = make_loan_product()
    amounts = {person.pk: "1.000.000" for person in team.people}
    amounts[team.people[0].pk] = "1000000,50"
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, product.pk, amounts=amounts), actor=leader_user(team))
    assert refused.value.code == "amount_fraction"


@pytest.mark.parametrize(("least", "most"), [(6, 10), (2, 4)])
def test_a_group_too_small_or_too_large_is_refused(
    team: GroupAtWork, least: int, most: int
) -> None:
    product = make_loan_product(min_group_size=least, max_group_size=most)
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, product.pk), actor=leader_user(team))
    assert refused.value.code == "group_size_out_of_range"


def test_joint_liability_must_be_accepted(team: GroupAtWork) -> None:
    product = make_loan_product()
    with pytest.raises(ApplicationError) as refused:
        loan_apply(
            data=group_input(team, product.pk, joint_liability_accepted=False),
            actor=leader_user(team),
        )
    assert refused.value.code == "joint_liability_not_accepted"


def test_a_member_who_is_not_the_leader_cannot_apply(team: GroupAtWork) -> None:
    product = make_loan_product()
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, product.pk), actor=team.users[2])
    assert refused.value.code == "not_group_leader"


def test_a_double_submit_makes_one_application_and_another_is_refused(
    team: GroupAtWork, users_by_role: dict[str, User]
) -> None:
    product = make_loan_product()
    first = loan_apply(data=group_input(team, product.pk), actor=leader_user(team))
    again = loan_apply(data=group_input(team, product.pk), actor=leader_user(team))
    assert again.pk == first.pk
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, product.pk), actor=users_by_role[Role.ADMIN])
    assert refused.value.code == "loan_application_open"
    assert LoanApplication.objects.filter(group=team.group).count() == 1


def test_a_member_with_arrears_blocks_a_repeat_loan(team: GroupAtWork) -> None:
    long_ago = timezone.localdate() - datetime.timedelta(days=70)
    make_group_loans(team, disbursed_on=long_ago)  # two instalments past due, unpaid
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, make_loan_product().pk), actor=leader_user(team))
    assert refused.value.code == "loan_ineligible"
    codes = {reason["code"] for reason in refused.value.details["reasons"]}
    assert codes == {"borrower_in_arrears"}
    assert len(refused.value.details["reasons"]) == 5  # every reason, at once


def test_a_clean_record_allows_a_repeat_loan(team: GroupAtWork) -> None:
    loans = make_group_loans(team)
    Loan.objects.filter(pk__in=[loan.pk for loan in loans]).update(status=LoanStatus.CLOSED)
    application = loan_apply(
        data=group_input(team, make_loan_product().pk), actor=leader_user(team)
    )
    assert application.status == LoanApplicationStatus.SUBMITTED


def test_a_written_off_loan_blocks_a_repeat_loan(team: GroupAtWork) -> None:
    (loan, *_rest) = make_group_loans(team)
    Loan.objects.filter(application=loan.application).update(status=LoanStatus.CLOSED)
    Loan.objects.filter(pk=loan.pk).update(status=LoanStatus.WRITTEN_OFF)
    with pytest.raises(ApplicationError) as refused:
        loan_apply(data=group_input(team, make_loan_product().pk), actor=leader_user(team))
    assert [reason["code"] for reason in refused.value.details["reasons"]] == [
        "borrower_written_off"
    ]


def test_approve_then_disburse_makes_schedules_that_sum_to_each_principal(
    team: GroupAtWork, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    product = make_loan_product(rounding_unit=1000)
    amounts = {person.pk: "1.234.567" for person in team.people}
    application = loan_apply(
        data=group_input(team, product.pk, amounts=amounts), actor=leader_user(team)
    )
    loan_application_approve(application_id=application.pk, actor=admin)
    loans = loan_application_disburse(application_id=application.pk, disbursed_on=None, actor=admin)
    again = loan_application_disburse(application_id=application.pk, disbursed_on=None, actor=admin)
    assert [loan.pk for loan in again] == [loan.pk for loan in loans]
    assert Loan.objects.filter(application=application).count() == 5
    for loan in loans:
        dues = list(loan.installments.values_list("principal_due", flat=True))
        assert len(dues) == 10 and sum(dues) == loan.principal == 1_234_567
        assert account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk) == 1_234_567
        assert loan.admin_fee == 37_037
    assert ledger_check().balances


def test_the_submitter_cannot_approve_their_own_application(
    team: GroupAtWork, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    application = loan_apply(data=group_input(team, make_loan_product().pk), actor=admin)
    with pytest.raises(ApplicationError) as refused:
        loan_application_approve(application_id=application.pk, actor=admin)
    assert refused.value.code == "decider_is_submitter"
    other = UserFactory.create(username="admin2", role=Role.ADMIN)
    assert loan_application_approve(application_id=application.pk, actor=other).status == (
        LoanApplicationStatus.APPROVED
    )


def test_a_rejection_needs_a_reason_and_decides_once(
    team: GroupAtWork, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    application = loan_apply(
        data=group_input(team, make_loan_product().pk), actor=leader_user(team)
    )
    with pytest.raises(ApplicationError):
        loan_application_reject(application_id=application.pk, reason=" ", actor=admin)
    rejected = loan_application_reject(
        application_id=application.pk, reason="Rencana usaha belum jelas", actor=admin
    )
    assert rejected.status == LoanApplicationStatus.REJECTED
    with pytest.raises(ApplicationError) as refused:
        loan_application_approve(application_id=application.pk, actor=admin)
    assert refused.value.code == "application_decided"


def test_a_future_disbursement_date_is_refused(
    team: GroupAtWork, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    application = loan_apply(
        data=group_input(team, make_loan_product().pk), actor=leader_user(team)
    )
    loan_application_approve(application_id=application.pk, actor=admin)
    with pytest.raises(ApplicationError):
        loan_application_disburse(
            application_id=application.pk,
            disbursed_on=timezone.localdate() + datetime.timedelta(days=1),
            actor=admin,
        )


def test_one_person_applies_when_the_product_lends_to_individuals(team: GroupAtWork) -> None:
    person = team.people[3]
    product = make_loan_product(lends_to_individuals=True)
    data = LoanApplicationInput(
        product_id=product.pk,
        person_id=person.pk,
        amounts={person.pk: 750_000},
        business_purpose="Gerobak",
    )
    application = loan_apply(data=data, actor=team.users[3])
    assert application.person_id == person.pk and application.group_id is None
    with pytest.raises(ApplicationError) as refused:
        loan_apply(
            data=LoanApplicationInput(
                product_id=make_loan_product().pk,
                person_id=team.people[4].pk,
                amounts={team.people[4].pk: 750_000},
                business_purpose="Gerobak",
            ),
            actor=team.users[4],
        )
    assert refused.value.code == "product_for_groups"


@pytest.mark.parametrize(
    ("typed", "basis_points"), [("3", 300), ("3%", 300), ("2,5", 250), ("2.75", 275), ("0", 0)]
)
def test_the_fee_is_typed_as_a_percentage(typed: str, basis_points: int) -> None:
    assert fee_basis_points_typed(typed) == basis_points


@pytest.mark.parametrize("typed", ["abc", "101", "-1", "2,555"])
def test_a_fee_not_understood_is_refused(typed: str) -> None:
    with pytest.raises(ApplicationError):
        fee_basis_points_typed(typed)
