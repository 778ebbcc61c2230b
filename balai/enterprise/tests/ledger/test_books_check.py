"""The check of the books: it passes on what the services post and names what is broken."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from balai.enterprise.ledger import credit, debit, ledger_post, ledger_reverse
from balai.enterprise.ledger_selectors import books_check
from balai.enterprise.management.commands.check_ledger import Command
from balai.enterprise.models import (
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
    Loan,
    LoanStatus,
)
from balai.enterprise.repayments import RepaymentInput, repayment_record
from balai.registry.models import Person
from balai.testing.enterprise import make_grant_batch, make_group, make_group_loans, make_residents
from balai.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def grant_for(person: Person, status: str = GrantApplicationStatus.APPROVED) -> GrantApplication:
    today = timezone.localdate()
    return GrantApplication.objects.create(
        batch=make_grant_batch(),
        person=person,
        kelurahan=person.domicile_kelurahan,
        business_name="Warung Sari",
        business_type=BusinessType.FOOD,
        business_started_on=today - datetime.timedelta(days=60),
        business_address="Jl. Mawar 1",
        requested_use="Etalase",
        amount=500_000,
        status=status,
    )


def post_grant(grant: GrantApplication, kind: str, amount: int, key: str) -> LedgerTransaction:
    """Post a grant's movement as the grant and payout parts do."""
    payable = {"grant_application_id": grant.pk}
    if kind == LedgerTransactionKind.GRANT_APPROVED:
        postings = [
            debit(LedgerAccount.GRANT_EXPENSE, amount),
            credit(LedgerAccount.GRANTS_PAYABLE, amount, **payable),
        ]
    else:
        postings = [
            debit(LedgerAccount.GRANTS_PAYABLE, amount, **payable),
            credit(LedgerAccount.BANK, amount),
        ]
    return ledger_post(
        kind=LedgerTransactionKind(kind),
        postings=postings,
        idempotency_key=key,
        occurred_on=timezone.localdate(),
        actor=None,
        grant_application=grant,
    )


def unbalanced_transaction() -> LedgerTransaction:
    """A transaction as a corrupted database might hold it: one debit, no credit. The
    ledger's writer refuses to post it, so it is inserted row by row."""
    posted = LedgerTransaction.objects.create(
        kind=LedgerTransactionKind.LOAN_FEE,
        occurred_on=timezone.localdate(),
        idempotency_key="corrupt",
    )
    LedgerEntry.objects.bulk_create(
        [LedgerEntry(transaction=posted, account=LedgerAccount.BANK, debit=1_000)]
    )
    return posted


@pytest.fixture
def busy_books(kota_tangerang: None) -> list[Loan]:
    """Loans disbursed with fees, one repaid in part, one repayment reversed, a grant
    approved and paid and another approved only."""
    team = make_group(members=5)
    loans = make_group_loans(team)
    clerk = UserFactory.create(username="clerk")
    today = timezone.localdate()
    for number, loan in enumerate(loans[:2]):
        repayment_record(
            data=RepaymentInput(
                loan_id=loan.pk, amount=100_000, paid_on=today, idempotency_key=f"r{number}"
            ),
            actor=clerk,
        )
    fee = LedgerTransaction.objects.filter(kind=LedgerTransactionKind.LOAN_FEE).first()
    assert fee is not None
    ledger_reverse(original=fee, occurred_on=today, actor=None)
    ledger_post(
        kind=LedgerTransactionKind.LOAN_FEE,
        postings=[
            debit(LedgerAccount.BANK, fee.entries.get(account=LedgerAccount.BANK).debit),
            credit(
                LedgerAccount.FEE_INCOME,
                fee.entries.get(account=LedgerAccount.BANK).debit,
                loan_id=fee.loan_id,
            ),
        ],
        idempotency_key="fee-again",
        occurred_on=today,
        actor=None,
        loan_id=fee.loan_id,
    )
    paid = grant_for(team.people[0], GrantApplicationStatus.PAID)
    post_grant(paid, LedgerTransactionKind.GRANT_APPROVED, 500_000, "g1-approved")
    post_grant(paid, LedgerTransactionKind.GRANT_DISBURSED, 500_000, "g1-paid")
    approved = grant_for(team.people[1])
    post_grant(approved, LedgerTransactionKind.GRANT_APPROVED, 500_000, "g2-approved")
    return loans


def test_the_books_balance_when_every_movement_went_through_the_services(
    busy_books: list[Loan],
) -> None:
    check = books_check()

    assert check.problems == []
    assert check.balances
    assert check.ledger.total_debits == check.ledger.total_credits > 0


def test_the_command_prints_the_totals_and_ok_when_the_books_balance(
    busy_books: list[Loan],
) -> None:
    out = StringIO()

    call_command("check_ledger", stdout=out)

    printed = out.getvalue()
    assert "transactions" in printed and "debits Rp" in printed
    assert printed.strip().endswith("OK")


def test_an_unbalanced_transaction_is_found_and_the_command_exits_non_zero(
    busy_books: list[Loan],
) -> None:
    corrupt = unbalanced_transaction()

    check = books_check()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_ledger", stdout=out)

    assert not check.balances
    assert check.ledger.unbalanced_transaction_ids == [corrupt.pk]
    assert check.ledger.total_debits == check.ledger.total_credits + 1_000
    assert f"unbalanced_transactions: {corrupt.pk}" in out.getvalue()


def test_the_command_exits_with_status_one_for_cron_and_ci(busy_books: list[Loan]) -> None:
    unbalanced_transaction()

    with pytest.raises(SystemExit) as exited:
        # As cron runs it: `manage.py check_ledger` (call_command would raise instead).
        Command(stdout=StringIO(), stderr=StringIO()).run_from_argv(["manage.py", "check_ledger"])

    assert exited.value.code == 1


def test_a_transaction_without_entries_is_found(kota_tangerang: None) -> None:
    empty = LedgerTransaction.objects.create(
        kind=LedgerTransactionKind.LOAN_FEE, occurred_on=timezone.localdate(), idempotency_key="e"
    )

    assert books_check().ledger.empty_transaction_ids == [empty.pk]


def test_a_loan_whose_receivable_differs_from_what_its_instalments_owe_is_found(
    busy_books: list[Loan],
) -> None:
    loan = busy_books[2]
    # Balanced, but nothing in the loan's schedule says it owes more.
    ledger_post(
        kind=LedgerTransactionKind.LOAN_DISBURSED,
        postings=[
            debit(LedgerAccount.LOANS_RECEIVABLE, 5_000, loan_id=loan.pk),
            credit(LedgerAccount.BANK, 5_000),
        ],
        idempotency_key="extra",
        occurred_on=timezone.localdate(),
        actor=None,
        loan=loan,
    )

    check = books_check()

    assert check.ledger.balances
    assert check.loans_disagreeing == [loan.pk]
    assert not check.balances


def test_a_closed_or_written_off_loan_must_owe_nothing_on_the_ledger(
    busy_books: list[Loan],
) -> None:
    written_off, repaid = busy_books[3], busy_books[4]
    Loan.objects.filter(pk=written_off.pk).update(status=LoanStatus.WRITTEN_OFF)
    ledger_post(
        kind=LedgerTransactionKind.LOAN_WRITE_OFF,
        postings=[
            debit(LedgerAccount.LOAN_LOSS, written_off.principal),
            credit(LedgerAccount.LOANS_RECEIVABLE, written_off.principal, loan_id=written_off.pk),
        ],
        idempotency_key="write-off",
        occurred_on=timezone.localdate(),
        actor=None,
        loan=written_off,
    )
    Loan.objects.filter(pk=repaid.pk).update(status=LoanStatus.CLOSED)

    # The write-off took the loan off the books; the loan marked repaid still owes on them.
    assert books_check().loans_disagreeing == [repaid.pk]


@pytest.mark.parametrize(
    ("status", "postings", "wrong"),
    [
        (GrantApplicationStatus.APPROVED, ["approved"], False),
        (GrantApplicationStatus.APPROVED, ["approved", "paid"], False),
        (GrantApplicationStatus.PAID, ["approved", "paid"], False),
        (GrantApplicationStatus.PAID, ["approved"], True),
        (GrantApplicationStatus.CANCELLED, ["approved"], True),
        (GrantApplicationStatus.APPROVED, ["approved", "paid", "paid again"], True),
        (GrantApplicationStatus.SUBMITTED, ["approved"], True),
    ],
)
def test_a_grant_owes_between_nothing_and_its_amount_and_nothing_once_settled(
    kota_tangerang: None, status: str, postings: list[str], wrong: bool
) -> None:
    (person,) = make_residents(1)
    grant = grant_for(person, status)
    kinds = {
        "approved": LedgerTransactionKind.GRANT_APPROVED,
        "paid": LedgerTransactionKind.GRANT_DISBURSED,
        "paid again": LedgerTransactionKind.GRANT_DISBURSED,
    }
    for name in postings:
        post_grant(grant, kinds[name], grant.amount, name)

    assert books_check().grants_disagreeing == ([grant.pk] if wrong else [])


def test_a_payable_or_receivable_entry_naming_no_subject_is_found(kota_tangerang: None) -> None:
    posted = ledger_post(
        kind=LedgerTransactionKind.GRANT_APPROVED,
        postings=[
            debit(LedgerAccount.GRANT_EXPENSE, 10),
            credit(LedgerAccount.GRANTS_PAYABLE, 10),
        ],
        idempotency_key="no-subject",
        occurred_on=timezone.localdate(),
        actor=None,
    )

    assert books_check().entries_without_subject == [posted.pk]


def test_a_reversal_that_does_not_mirror_its_original_is_found(kota_tangerang: None) -> None:
    today = timezone.localdate()
    original = ledger_post(
        kind=LedgerTransactionKind.LOAN_FEE,
        postings=[debit(LedgerAccount.BANK, 30), credit(LedgerAccount.FEE_INCOME, 30)],
        idempotency_key="fee",
        occurred_on=today,
        actor=None,
    )
    ledger_post(
        kind=LedgerTransactionKind.REVERSAL,
        postings=[debit(LedgerAccount.FEE_INCOME, 20), credit(LedgerAccount.BANK, 20)],
        idempotency_key="half-reversal",
        occurred_on=today,
        actor=None,
        reverses=original,
    )
    stray = ledger_post(
        kind=LedgerTransactionKind.REVERSAL,
        postings=[debit(LedgerAccount.FEE_INCOME, 5), credit(LedgerAccount.BANK, 5)],
        idempotency_key="stray-reversal",
        occurred_on=today,
        actor=None,
    )

    check = books_check()

    assert check.reversals_not_mirroring == [original.pk]
    assert check.reversals_misfiled == [stray.pk]


def test_the_check_takes_the_same_number_of_queries_whatever_the_size_of_the_books(
    busy_books: list[Loan], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(9):
        books_check()
    make_group_loans(make_group(members=5, name="Kelompok Kedua"))
    with django_assert_num_queries(9):
        books_check()
