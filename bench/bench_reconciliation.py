"""Reconciling a 10,000-line bank statement (target: under 10 s on PostgreSQL), against a
naive reconciliation that reads and settles one line at a time, measured in the same run.

10,000 grant payouts are approved and sent in one transfer file (layout BJB-CSV-1); the
statement names them as the bank would: mostly paid, some returned (GAGAL), some references
unknown, some amounts differing, some lines repeated. The whole import is timed: reading the
CSV, the content hash, one look-up of every payout named, the bulk settlement (payouts,
grants, ledger) and the statement's lines. Each round runs in a transaction rolled back
afterwards, so every round sees the same 10,000 sent payouts.

The naive baseline looks each line's payout up with its own query and settles it alone
(through the same settlement functions, one payout at a time), on the first
BENCH_BASELINE_LINES lines (default 2,000), and is extrapolated per line (said so in the
output). Both must give the same outcome for every line they both read.

    .venv/bin/python bench/bench_reconciliation.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench_bank \
        .venv/bin/python bench/bench_reconciliation.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from _scratch import start_django

start_django("reconciliation")

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from balai.accounts.models import Role, User  # noqa: E402
from balai.enterprise.bank.adapters import StatementEntry, bank_layout  # noqa: E402
from balai.enterprise.bank.reconciliation import _outcome  # noqa: E402
from balai.enterprise.bank.settlement import (  # noqa: E402
    Paid,
    Returned,
    disbursements_settle_paid,
    disbursements_settle_returned,
)
from balai.enterprise.bank.statements import bank_statement_import  # noqa: E402
from balai.enterprise.bank.transfers import bank_transfer_create  # noqa: E402
from balai.enterprise.ledger import ledger_check  # noqa: E402
from balai.enterprise.models import (  # noqa: E402
    BankStatement,
    BankStatementLine,
    GrantDisbursement,
    StatementLineOutcome,
)
from balai.regions.services import regions_load  # noqa: E402
from balai.testing.bank import make_payouts  # noqa: E402
from balai.testing.factories import UserFactory  # noqa: E402

PAYOUTS = 10_000
RETURNED, UNKNOWN, DIFFERS, REPEATED = 300, 100, 100, 100
ROUNDS = 3
BASELINE_LINES = int(os.environ.get("BENCH_BASELINE_LINES", "2000"))
Result = TypeVar("Result")


def main() -> None:
    regions_load(code="36.71")
    admin = UserFactory.create(username="bendahara", role=Role.ADMIN)
    started = time.perf_counter()
    make_payouts(PAYOUTS, grantees=200)
    made = time.perf_counter() - started
    started = time.perf_counter()
    transfer_file = bank_transfer_create(actor=admin)
    sent = time.perf_counter() - started
    print(
        f"{connection.vendor}: {PAYOUTS:,} payouts made in {made:.1f} s; transfer file of "
        f"{transfer_file.line_count:,} lines made and posted in {sent:.1f} s"
    )
    content = statement_content()
    entries = list(bank_layout().statement_lines(content))
    wall, cpu, counts = timed(lambda: reconciled(admin, content), ROUNDS)
    print(
        f"reconciling {len(entries):,} lines: median {wall:.2f} s wall, {cpu:.2f} s CPU over "
        f"{ROUNDS} rounds (target under 10 s); outcomes {counts}"
    )
    sample = entries[:BASELINE_LINES]
    base_wall, base_cpu, naive_outcomes = timed(lambda: naively(admin, sample), 1)
    bulk_outcomes = bulk_outcomes_of(admin, content)[: len(sample)]
    assert naive_outcomes == bulk_outcomes, "the naive and the bulk outcomes differ"
    per_line = base_wall / len(sample)
    print(
        f"baseline, one query per line: {base_wall:.2f} s wall, {base_cpu:.2f} s CPU for "
        f"{len(sample):,} lines, {per_line * 1000:.2f} ms a line, extrapolated "
        f"{per_line * len(entries):.1f} s for {len(entries):,}; ratio "
        f"{per_line * len(entries) / wall:.1f}x (same outcomes on the lines both read)"
    )


def statement_content() -> bytes:
    """The bank's statement of the sent payouts: paid, returned, unknown, differing,
    repeated, in the order a bank might list them."""
    payouts = list(GrantDisbursement.objects.order_by("pk").values_list("reference", "amount"))
    day = timezone.localdate().isoformat()
    rows = []
    for index, (reference, amount) in enumerate(payouts):
        if index < RETURNED:
            rows.append((reference, amount, "GAGAL", "", "Nama tidak sesuai", day))
        elif index < RETURNED + DIFFERS:
            rows.append((reference, amount - 1_000, "BERHASIL", f"B{index}", "", day))
        elif index < PAYOUTS - UNKNOWN - REPEATED:
            rows.append((reference, amount, "BERHASIL", f"B{index}", "", day))
    rows += [
        (f"ASING-{index}", 500_000, "BERHASIL", f"X{index}", "", day) for index in range(UNKNOWN)
    ]
    rows += rows[RETURNED + DIFFERS : RETURNED + DIFFERS + REPEATED]  # the bank repeats lines
    header = "reference,amount,status,bank_reference,reason,value_date"
    return "\n".join([header] + [",".join(str(cell) for cell in row) for row in rows]).encode()


def timed(work: Callable[[], Result], rounds: int) -> tuple[float, float, Result]:
    """Median wall and CPU seconds of `rounds` runs, and the last result."""
    wall, cpu = [], []
    for _round in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def reconciled(admin: User, content: bytes) -> dict[str, int]:
    """Import the statement, count its outcomes, check the books, and undo it all."""
    with transaction.atomic():
        statement = bank_statement_import(actor=admin, file_name="mutasi.csv", content=content)
        counts = {
            outcome: statement.lines.filter(outcome=outcome).count()
            for outcome in StatementLineOutcome.values
        }
        assert ledger_check().balances
        transaction.set_rollback(True)
    return counts


def bulk_outcomes_of(admin: User, content: bytes) -> list[str]:
    with transaction.atomic():
        statement = bank_statement_import(actor=admin, file_name="mutasi.csv", content=content)
        outcomes = list(statement.lines.order_by("line_number").values_list("outcome", flat=True))
        transaction.set_rollback(True)
    return outcomes


def naively(admin: User, entries: list[StatementEntry]) -> list[str]:
    """Reconcile line by line: one look-up, one settlement and one saved line each."""
    with transaction.atomic():
        statement = BankStatement.objects.create(
            layout="BJB-CSV-1", file_name="naive.csv", content_hash="naive", imported_by=admin
        )
        outcomes = [naive_line(statement, entry, admin) for entry in entries]
        transaction.set_rollback(True)
    return outcomes


def naive_line(statement: BankStatement, entry: StatementEntry, admin: User) -> str:
    payout = GrantDisbursement.objects.filter(reference=entry.reference).first()
    outcome = _outcome(entry, payout, set())
    if payout is not None and outcome == StatementLineOutcome.MATCHED:
        disbursements_settle_paid(
            paid=[Paid(payout, entry.value_date or timezone.localdate(), entry.provider_reference)]
        )
    elif payout is not None and outcome == StatementLineOutcome.RETURNED:
        returned = Returned(payout, entry.failure_reason, entry.value_date or timezone.localdate())
        disbursements_settle_returned(returned=[returned], actor=admin)
    BankStatementLine.objects.create(
        statement=statement,
        line_number=entry.line_number,
        reference=entry.reference,
        amount=entry.amount,
        succeeded=entry.succeeded,
        outcome=outcome,
        disbursement=payout,
    )
    return str(outcome)


if __name__ == "__main__":
    main()
