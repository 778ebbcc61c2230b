"""The treasurer's collection for several members: all recorded together or none."""

from __future__ import annotations

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.collections import (
    CollectionLine,
    CollectionRefusedError,
    group_collection_record,
)
from balai.enterprise.ledger import ledger_check
from balai.enterprise.models import Loan, LoanRepayment
from balai.enterprise.statements import group_collection_due
from balai.testing.enterprise import GroupAtWork, make_group, make_group_loans
from balai.testing.repayments import paid_by_number, repay

pytestmark = pytest.mark.django_db


def collect(
    team: GroupAtWork, lines: list[CollectionLine], admin: User, key: str
) -> list[LoanRepayment]:
    return group_collection_record(
        group=team.group,
        lines=lines,
        paid_on=timezone.localdate(),
        collection_key=key,
        reference="KW-001",
        actor=admin,
    )


def test_a_collection_records_one_repayment_per_member_paid_by_the_treasurer(
    team: GroupAtWork, team_loans: list[Loan], admin: User
) -> None:
    lines = [CollectionLine(loan_id=loan.pk, amount=100_000) for loan in team_loans[:3]]

    repayments = collect(team, lines, admin, "collection-one")

    assert len(repayments) == 3
    assert {repayment.paid_by_id for repayment in repayments} == {team.treasurer.pk}
    assert {repayment.collection_key for repayment in repayments} == {"collection-one"}
    assert paid_by_number(team_loans[0])[:2] == [100_000, 0]
    assert not team_loans[3].repayments.exists()
    assert ledger_check().balances


def test_a_refused_line_records_nothing_and_names_the_member(
    team: GroupAtWork, team_loans: list[Loan], admin: User
) -> None:
    lines = [
        CollectionLine(loan_id=team_loans[0].pk, amount=100_000),
        CollectionLine(loan_id=team_loans[1].pk, amount=5_000_000),  # above what is owed
    ]

    with pytest.raises(CollectionRefusedError) as refused:
        collect(team, lines, admin, "collection-refused")

    assert team_loans[1].borrower.full_name in refused.value.message
    assert f"amount_{team_loans[1].pk}" in refused.value.details
    assert not LoanRepayment.objects.exists()


def test_a_loan_of_another_group_cannot_be_in_the_collection(
    team: GroupAtWork, team_loans: list[Loan], admin: User
) -> None:
    other = make_group_loans(make_group(members=5, name="Kelompok Lain"))

    with pytest.raises(CollectionRefusedError):
        collect(team, [CollectionLine(loan_id=other[0].pk, amount=100_000)], admin, "other-group")

    assert not LoanRepayment.objects.exists()


def test_sending_the_same_collection_twice_records_it_once(
    team: GroupAtWork, team_loans: list[Loan], admin: User
) -> None:
    lines = [CollectionLine(loan_id=loan.pk, amount=50_000) for loan in team_loans]

    first = collect(team, lines, admin, "collection-twice")
    second = collect(team, lines, admin, "collection-twice")

    assert [repayment.pk for repayment in first] == [repayment.pk for repayment in second]
    assert LoanRepayment.objects.count() == len(team_loans)


def test_what_is_due_now_is_the_arrears_and_the_current_instalment(
    team: GroupAtWork, team_loans: list[Loan], admin: User
) -> None:
    # Given three instalments due by now, the first member paid two of them
    repay(team_loans[0], 200_000, admin, "two-paid")

    dues = {due.loan.pk: due for due in group_collection_due(user=admin, group=team.group)}

    assert (dues[team_loans[0].pk].arrears, dues[team_loans[0].pk].current) == (100_000, 100_000)
    assert dues[team_loans[1].pk].due_now == 400_000
