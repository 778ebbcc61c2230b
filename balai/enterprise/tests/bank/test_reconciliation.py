"""Reconciling a statement: each line's outcome, the payouts settled, the ledger balanced,
the same file refused twice, and nothing paid twice."""

from __future__ import annotations

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.enterprise.bank.adapters import StatementFileError
from balai.enterprise.bank.statements import bank_statement_import
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    BankStatement,
    DisbursementStatus,
    GrantApplicationStatus,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransaction,
    LedgerTransactionKind,
    StatementLineOutcome,
)
from balai.testing.bank import make_payouts, paid_row, returned_row, statement_csv

pytestmark = pytest.mark.django_db


def sent_payouts(count: int, admin: User, amount: int = 500_000) -> list[GrantDisbursement]:
    payouts = make_payouts(count, amount=amount)
    bank_transfer_create(actor=admin)
    for payout in payouts:
        payout.refresh_from_db()
    return payouts


def imported(admin: User, content: bytes, name: str = "mutasi.csv") -> BankStatement:
    return bank_statement_import(actor=admin, file_name=name, content=content)


def outcomes(statement: BankStatement) -> list[str]:
    return list(statement.lines.order_by("line_number").values_list("outcome", flat=True))


def test_a_paid_line_marks_its_payout_and_grant_paid(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)
    day = timezone.localdate().isoformat()

    statement = imported(admin, statement_csv([paid_row(payout.reference, 500_000, day)]))

    assert outcomes(statement) == [StatementLineOutcome.MATCHED]
    payout.refresh_from_db()
    assert payout.status == DisbursementStatus.PAID
    assert payout.paid_on == timezone.localdate()
    assert payout.provider_reference == f"BJB{payout.reference}"
    assert payout.application.status == GrantApplicationStatus.PAID


def test_a_returned_line_marks_its_payout_failed_and_puts_the_money_back(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)

    statement = imported(admin, statement_csv([returned_row(payout.reference, 500_000)]))

    assert outcomes(statement) == [StatementLineOutcome.RETURNED]
    payout.refresh_from_db()
    assert (payout.status, payout.failure_reason) == ("failed", "Nama tidak sesuai")
    assert payout.application.status == GrantApplicationStatus.APPROVED  # to be retried
    returned = LedgerTransaction.objects.get(idempotency_key=f"payout:{payout.pk}:returned")
    assert returned.kind == LedgerTransactionKind.GRANT_RETURNED
    assert account_balance(LedgerAccount.BANK) == 0


def test_an_unknown_reference_is_unmatched(admin: User) -> None:
    statement = imported(admin, statement_csv([paid_row("TIDAK-ADA", 500_000)]))

    assert outcomes(statement) == [StatementLineOutcome.UNMATCHED]


def test_a_payout_never_sent_is_unmatched_and_left_as_it_is(admin: User) -> None:
    (payout,) = make_payouts(1)

    statement = imported(admin, statement_csv([paid_row(payout.reference, 500_000)]))

    assert outcomes(statement) == [StatementLineOutcome.UNMATCHED]
    payout.refresh_from_db()
    assert payout.status == DisbursementStatus.APPROVED


def test_an_amount_that_differs_settles_nothing(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)

    statement = imported(admin, statement_csv([paid_row(payout.reference, 50_000)]))

    assert outcomes(statement) == [StatementLineOutcome.AMOUNT_DIFFERS]
    payout.refresh_from_db()
    assert payout.status == DisbursementStatus.SENT
    assert statement.lines.get().disbursement_id == payout.pk


def test_a_line_repeated_in_one_statement_is_matched_once_then_a_duplicate(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)
    row = paid_row(payout.reference, 500_000)

    statement = imported(admin, statement_csv([row, row]))

    assert outcomes(statement) == [StatementLineOutcome.MATCHED, StatementLineOutcome.DUPLICATE]


def test_a_payout_paid_in_an_earlier_statement_is_a_duplicate_and_not_paid_twice(
    admin: User,
) -> None:
    (payout,) = sent_payouts(1, admin)
    imported(admin, statement_csv([paid_row(payout.reference, 500_000)]), "senin.csv")

    later = imported(
        admin,
        statement_csv([paid_row(payout.reference, 500_000, timezone.localdate().isoformat())]),
        "selasa.csv",
    )

    assert outcomes(later) == [StatementLineOutcome.DUPLICATE]
    assert GrantDisbursement.objects.filter(status=DisbursementStatus.PAID).count() == 1
    assert LedgerTransaction.objects.filter(grant_disbursement=payout).count() == 1


def test_the_same_statement_imported_twice_is_refused(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)
    content = statement_csv([paid_row(payout.reference, 500_000)])
    imported(admin, content, "mutasi.csv")

    with pytest.raises(ApplicationError) as refused:
        imported(admin, content, "mutasi (1).csv")

    assert refused.value.code == "statement_already_imported"
    assert "mutasi.csv" in refused.value.message
    assert BankStatement.objects.count() == 1


def test_a_faulty_statement_imports_nothing(admin: User) -> None:
    (payout,) = sent_payouts(1, admin)
    content = statement_csv(
        [paid_row(payout.reference, 500_000), ("TB2", "1.500.000,50", "BERHASIL", "", "", "")]
    )

    with pytest.raises(StatementFileError) as refused:
        imported(admin, content)

    assert refused.value.details["rows"][0]["row"] == 3
    assert not BankStatement.objects.exists()
    payout.refresh_from_db()
    assert payout.status == DisbursementStatus.SENT


def test_the_ledger_balances_after_a_mixed_statement(admin: User) -> None:
    payouts = sent_payouts(5, admin)
    first, second, third, fourth, _fifth = payouts
    content = statement_csv(
        [
            paid_row(first.reference, 500_000),
            returned_row(second.reference, 500_000),
            paid_row(third.reference, 400_000),
            paid_row("ASING-1", 500_000),
            paid_row(fourth.reference, 500_000),
            returned_row(fourth.reference, 500_000),
        ]
    )

    statement = imported(admin, content)

    assert outcomes(statement) == [
        StatementLineOutcome.MATCHED,
        StatementLineOutcome.RETURNED,
        StatementLineOutcome.AMOUNT_DIFFERS,
        StatementLineOutcome.UNMATCHED,
        StatementLineOutcome.MATCHED,
        StatementLineOutcome.DUPLICATE,
    ]
    assert ledger_check().balances
    # Sent 5 x 500.000 out of the bank; one came back.
    assert account_balance(LedgerAccount.BANK) == -2_000_000
    assert account_balance(LedgerAccount.GRANTS_PAYABLE) == 2_000_000
    statuses = dict(GrantDisbursement.objects.values_list("pk", "status"))
    assert [statuses[payout.pk] for payout in payouts] == [
        "paid",
        "failed",
        "sent",
        "paid",
        "sent",
    ]
