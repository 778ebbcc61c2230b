"""Reconciling a statement line by line against the payouts sent, in bulk: every payout a
statement names is read in one query, and those paid or returned are settled together.

A line is
- matched: its payout was sent, the amounts agree and the bank paid it;
- returned: the same, but the bank returned it (GAGAL), with its reason;
- unmatched: no payout has its reference, or that payout was never sent;
- amount differs: the bank moved another amount than we sent: nothing is settled, a person
  looks into it;
- duplicate: its payout was already paid or returned, by an earlier statement or an
  earlier line of this one: nothing is paid twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.bank.adapters import StatementEntry
from balai.enterprise.bank.settlement import (
    Paid,
    Returned,
    disbursements_settle_paid,
    disbursements_settle_returned,
)
from balai.enterprise.models import (
    BankStatement,
    BankStatementLine,
    DisbursementStatus,
    GrantDisbursement,
    StatementLineOutcome,
)

LOOKUP_BATCH = 2_000
SETTLED = {DisbursementStatus.PAID, DisbursementStatus.FAILED}


@transaction.atomic
def statement_reconcile(
    *, statement: BankStatement, entries: Iterable[StatementEntry], actor: User | None
) -> Counter[str]:
    """Decide each line's outcome, settle the payouts paid or returned, save the lines;
    return the number of lines of each outcome."""
    entries = list(entries)
    payouts = _payouts_named({entry.reference for entry in entries})
    settled_here: set[int] = set()
    lines: list[BankStatementLine] = []
    paid: list[Paid] = []
    returned: list[Returned] = []
    for entry in entries:
        payout = payouts.get(entry.reference)
        outcome = _outcome(entry, payout, settled_here)
        if payout is not None and outcome in {
            StatementLineOutcome.MATCHED,
            StatementLineOutcome.RETURNED,
        }:
            settled_here.add(payout.pk)
            on = entry.value_date or timezone.localdate(statement.imported_at)
            if outcome == StatementLineOutcome.MATCHED:
                paid.append(Paid(payout, on, entry.provider_reference))
            else:
                returned.append(Returned(payout, entry.failure_reason, on))
        lines.append(_line(statement, entry, outcome, payout))
    if paid:
        disbursements_settle_paid(paid=paid)
    if returned:
        disbursements_settle_returned(returned=returned, actor=actor)
    BankStatementLine.objects.bulk_create(lines, batch_size=1_000)
    return Counter(line.outcome for line in lines)


def _payouts_named(references: set[str]) -> dict[str, GrantDisbursement]:
    # Locked: a payout settled by another statement at the same moment waits for this one.
    ordered = sorted(references)
    found: dict[str, GrantDisbursement] = {}
    for start in range(0, len(ordered), LOOKUP_BATCH):
        batch = GrantDisbursement.objects.filter(
            reference__in=ordered[start : start + LOOKUP_BATCH]
        ).select_for_update()
        found.update((payout.reference, payout) for payout in batch)
    return found


def _outcome(
    entry: StatementEntry, payout: GrantDisbursement | None, settled_here: set[int]
) -> StatementLineOutcome:
    if payout is None:
        return StatementLineOutcome.UNMATCHED
    if payout.pk in settled_here or payout.status in SETTLED:
        return StatementLineOutcome.DUPLICATE
    if payout.status != DisbursementStatus.SENT:
        return StatementLineOutcome.UNMATCHED
    if entry.amount != payout.amount:
        return StatementLineOutcome.AMOUNT_DIFFERS
    return StatementLineOutcome.MATCHED if entry.succeeded else StatementLineOutcome.RETURNED


def _line(
    statement: BankStatement,
    entry: StatementEntry,
    outcome: StatementLineOutcome,
    payout: GrantDisbursement | None,
) -> BankStatementLine:
    return BankStatementLine(
        statement=statement,
        line_number=entry.line_number,
        reference=entry.reference,
        amount=entry.amount,
        succeeded=entry.succeeded,
        provider_reference=entry.provider_reference,
        failure_reason=entry.failure_reason,
        value_date=entry.value_date,
        outcome=outcome,
        disbursement=payout,
    )
