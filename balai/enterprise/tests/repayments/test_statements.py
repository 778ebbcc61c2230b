"""Statements: a borrower's and a group's numbers on a hand-made history, and a group's
statement in a fixed number of queries whatever its size."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.collections import CollectionLine, group_collection_record
from balai.enterprise.models import LedgerTransactionKind, Loan, LoanInstallment
from balai.enterprise.repayment_corrections import loan_write_off, repayment_reverse
from balai.enterprise.statements import group_statement, loan_statement
from balai.testing.enterprise import make_group, make_group_loans
from balai.testing.repayments import repay

pytestmark = pytest.mark.django_db


def due_on(loan: Loan, number: int) -> datetime.date:
    return LoanInstallment.objects.get(loan=loan, number=number).due_on


def test_a_loan_statement_shows_the_schedule_the_movements_and_the_running_balance(
    team_loans: list[Loan], admin: User
) -> None:
    # Given a loan of Rp1.000.000 (ten of Rp100.000), three instalments due by now
    loan, today = team_loans[0], timezone.localdate()
    repay(loan, 100_000, admin, "h1", days_ago=50)
    repay(loan, 150_000, admin, "h2", days_ago=5)
    mistaken = repay(loan, 20_000, admin, "h3")
    repayment_reverse(repayment_id=mistaken.pk, reason="Typed twice", actor=admin)

    statement = loan_statement(user=admin, loan_id=loan.pk)

    assert [line.paid for line in statement.installments[:4]] == [100_000, 100_000, 50_000, 0]
    assert [line.owed for line in statement.installments[:4]] == [0, 0, 50_000, 100_000]
    first = statement.installments[0]
    assert first.days_late == (today - datetime.timedelta(days=50) - first.due_on).days
    assert statement.installments[2].days_late == (today - due_on(loan, 3)).days
    assert (statement.paid, statement.outstanding, statement.arrears) == (250_000, 750_000, 50_000)
    assert statement.days_in_arrears == (today - due_on(loan, 3)).days
    moving = [line for line in statement.history if line.receivable_change]
    assert [(line.kind, line.receivable_change, line.balance) for line in moving] == [
        (LedgerTransactionKind.LOAN_DISBURSED, 1_000_000, 1_000_000),
        (LedgerTransactionKind.LOAN_REPAYMENT, -100_000, 900_000),
        (LedgerTransactionKind.LOAN_REPAYMENT, -150_000, 750_000),
        (LedgerTransactionKind.LOAN_REPAYMENT, -20_000, 730_000),
        (LedgerTransactionKind.REVERSAL, 20_000, 750_000),
    ]
    assert [line.reversed for line in moving] == [False, False, False, True, False]
    assert moving[-1].memo == "Typed twice"
    assert statement.credit_held == 0


def test_a_group_statement_adds_up_every_members_loan_and_its_collections(
    team: Any, team_loans: list[Loan], admin: User
) -> None:
    today = timezone.localdate()
    group_collection_record(
        group=team.group,
        lines=[CollectionLine(loan_id=loan.pk, amount=100_000) for loan in team_loans],
        paid_on=today - datetime.timedelta(days=40),
        collection_key="first-meeting",
        reference="KW-1",
        actor=admin,
    )
    repay(team_loans[0], 200_000, admin, "catch-up")  # the first member is up to date
    loan_write_off(loan_id=team_loans[4].pk, reason="Moved away", actor=admin)

    statement = group_statement(user=admin, group_id=team.group.pk)

    lines = {line.loan.pk: line for line in statement.lines}
    assert (lines[team_loans[0].pk].paid, lines[team_loans[0].pk].arrears) == (300_000, 0)
    assert lines[team_loans[0].pk].days_in_arrears == 0
    second = lines[team_loans[1].pk]
    assert (second.paid, second.outstanding, second.arrears) == (100_000, 900_000, 200_000)
    assert second.days_in_arrears == (today - due_on(team_loans[1], 2)).days
    assert (lines[team_loans[4].pk].outstanding, lines[team_loans[4].pk].arrears) == (0, 0)
    assert statement.principal == 5_000_000
    assert statement.paid == 700_000
    assert statement.outstanding == 700_000 + 3 * 900_000
    assert statement.arrears == 3 * 200_000
    (collection,) = statement.collections
    assert (collection.members, collection.total, collection.paid_by) == (
        5,
        500_000,
        team.treasurer.full_name,
    )
    assert lines[team_loans[1].pk].role == "treasurer"


@pytest.mark.parametrize("members", [5, 10])
def test_a_group_statement_takes_the_same_queries_whatever_its_size(
    kota_tangerang: None, admin: User, members: int, django_assert_num_queries: Any
) -> None:
    team = make_group(members=members)
    loans = make_group_loans(
        team, disbursed_on=timezone.localdate() - datetime.timedelta(days=200), actor=admin
    )
    for meeting in range(4):
        group_collection_record(
            group=team.group,
            lines=[CollectionLine(loan_id=loan.pk, amount=50_000) for loan in loans],
            paid_on=timezone.localdate() - datetime.timedelta(days=150 - 30 * meeting),
            collection_key=f"meeting-{meeting}",
            actor=admin,
        )
    for number, loan in enumerate(loans):
        repay(loan, 10_000, admin, f"extra-{number}")

    with django_assert_num_queries(4):
        statement = group_statement(user=admin, group_id=team.group.pk)

    assert len(statement.lines) == members
    assert len(statement.collections) == 4
    assert statement.paid == members * 210_000
