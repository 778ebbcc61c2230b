"""The status changes of a grant payout that the bank's files drive, with their ledger
postings: sent (in a transfer file), paid, returned.

The one writer of these changes: the payouts services (`payout_mark_sent`,
`payout_mark_paid`, `payout_mark_returned`) check one payout and call these; reconciling a
statement calls them for all its lines at once. They work on many payouts at once, so
that a 10,000-line statement settles in a few statements of SQL, and post to the ledger
in bulk with the same checks `ledger_post` makes (each transaction balanced, whole
non-negative Rupiah, one posting per idempotency key).

Each change is a conditional UPDATE from the status it leaves: a payout already moved on by
another request is not moved twice, and the caller's transaction is undone.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.enterprise.ledger import Posting, credit, debit, postings_check
from balai.enterprise.models import (
    BankTransferFile,
    DisbursementStatus,
    GrantApplication,
    GrantApplicationStatus,
    GrantDisbursement,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
)

BATCH_SIZE = 500


class SettlementConflictError(ApplicationError):
    code = "payout_changed_meanwhile"


@dataclass(frozen=True)
class Paid:
    """What the bank's statement says of a payout it paid."""

    disbursement: GrantDisbursement
    paid_on: datetime.date
    provider_reference: str


@dataclass(frozen=True)
class Returned:
    """What the bank's statement says of a payout it returned."""

    disbursement: GrantDisbursement
    reason: str
    returned_on: datetime.date


@transaction.atomic
def disbursements_mark_sent(
    *,
    disbursements: Sequence[GrantDisbursement],
    transfer_file: BankTransferFile,
    sent_on: datetime.date,
    actor: User | None,
) -> None:
    """Mark approved payouts as sent in `transfer_file` and post each as paid out of the
    bank (Dr grants payable, Cr bank); all of them, or none if one has moved meanwhile."""
    ids = [disbursement.pk for disbursement in disbursements]
    moved = GrantDisbursement.objects.filter(
        pk__in=ids, status=DisbursementStatus.APPROVED, transfer_file__isnull=True
    ).update(status=DisbursementStatus.SENT, transfer_file=transfer_file)
    if moved != len(ids):
        raise SettlementConflictError(
            _("Some payouts were sent or changed meanwhile; nothing was sent. Try again.")
        )
    _ledger_post_many(
        [
            _Posted(
                kind=LedgerTransactionKind.GRANT_DISBURSED,
                key=f"payout:{disbursement.pk}:sent",
                disbursement=disbursement,
                occurred_on=sent_on,
                postings=[
                    debit(
                        LedgerAccount.GRANTS_PAYABLE,
                        disbursement.amount,
                        grant_application_id=disbursement.application_id,
                    ),
                    credit(
                        LedgerAccount.BANK,
                        disbursement.amount,
                        grant_application_id=disbursement.application_id,
                    ),
                ],
            )
            for disbursement in disbursements
        ],
        actor=actor,
    )


@transaction.atomic
def disbursements_settle_paid(*, paid: Sequence[Paid]) -> None:
    """Record sent payouts as paid, and their grants as paid (nothing is posted: the money
    left the bank account when the file was sent)."""
    ids = [item.disbursement.pk for item in paid]
    _status_move(ids, DisbursementStatus.PAID)
    for item in paid:
        item.disbursement.status = DisbursementStatus.PAID
        item.disbursement.paid_on = item.paid_on
        item.disbursement.provider_reference = item.provider_reference[:64]
    _columns_write(
        [item.disbursement for item in paid], ["paid_on", "provider_reference", "updated_at"]
    )
    application_ids = [item.disbursement.application_id for item in paid]
    for start in range(0, len(application_ids), BATCH_SIZE):
        GrantApplication.objects.filter(
            pk__in=application_ids[start : start + BATCH_SIZE],
            status=GrantApplicationStatus.APPROVED,
        ).update(status=GrantApplicationStatus.PAID)


@transaction.atomic
def disbursements_settle_returned(*, returned: Sequence[Returned], actor: User | None) -> None:
    """Record sent payouts as returned by the bank (the grant stays approved, to be paid
    again by a new attempt) and post the money's return (Dr bank, Cr grants payable)."""
    _status_move([item.disbursement.pk for item in returned], DisbursementStatus.FAILED)
    for item in returned:
        item.disbursement.status = DisbursementStatus.FAILED
        item.disbursement.failure_reason = item.reason[:300]
    _columns_write([item.disbursement for item in returned], ["failure_reason", "updated_at"])
    _ledger_post_many(
        [
            _Posted(
                kind=LedgerTransactionKind.GRANT_RETURNED,
                key=f"payout:{item.disbursement.pk}:returned",
                disbursement=item.disbursement,
                occurred_on=item.returned_on,
                postings=[
                    debit(
                        LedgerAccount.BANK,
                        item.disbursement.amount,
                        grant_application_id=item.disbursement.application_id,
                    ),
                    credit(
                        LedgerAccount.GRANTS_PAYABLE,
                        item.disbursement.amount,
                        grant_application_id=item.disbursement.application_id,
                    ),
                ],
            )
            for item in returned
        ],
        actor=actor,
    )


def _columns_write(disbursements: list[GrantDisbursement], names: list[str]) -> None:
    """Write each payout's own values of the fields `names`, a batch per UPDATE.

    Django's bulk_update does the same, but builds its CASE expressions through the ORM at
    some 2 ms a row: most of a 10,000-line reconciliation. This writes the same CASE by hand,
    with parameters, in SQL that SQLite and PostgreSQL both read.
    """
    now = timezone.now()
    meta = GrantDisbursement._meta
    fields = [field for field in meta.concrete_fields if field.name in names]
    table = connection.ops.quote_name(meta.db_table)
    key = connection.ops.quote_name("id")
    for start in range(0, len(disbursements), BATCH_SIZE):
        batch = disbursements[start : start + BATCH_SIZE]
        for disbursement in batch:
            disbursement.updated_at = now
        assignments, parameters = [], []
        for field in fields:
            whens = " ".join(f"WHEN {key} = %s THEN %s" for _row in batch)
            assignments.append(f"{connection.ops.quote_name(field.attname)} = CASE {whens} END")
            for disbursement in batch:
                value = field.get_db_prep_save(getattr(disbursement, field.attname), connection)
                parameters += [disbursement.pk, value]
        placeholders = ", ".join("%s" for _row in batch)
        parameters += [disbursement.pk for disbursement in batch]
        # Names come from the model's own meta, every value is a parameter.
        statement = f"UPDATE {table} SET {', '.join(assignments)} WHERE {key} IN ({placeholders})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(statement, parameters)


def _status_move(ids: list[int], to: DisbursementStatus) -> None:
    moved = 0
    for start in range(0, len(ids), BATCH_SIZE):
        moved += GrantDisbursement.objects.filter(
            pk__in=ids[start : start + BATCH_SIZE], status=DisbursementStatus.SENT
        ).update(status=to)
    if moved != len(ids):
        raise SettlementConflictError(
            _("Some payouts were settled meanwhile; nothing was recorded. Try again.")
        )


@dataclass(frozen=True)
class _Posted:
    kind: LedgerTransactionKind
    key: str
    disbursement: GrantDisbursement
    occurred_on: datetime.date
    postings: list[Posting]


def _ledger_post_many(posted: list[_Posted], *, actor: User | None) -> None:
    """Post many transactions as `ledger_post` posts one, in a few INSERTs: each checked to
    balance, and one already posted under its key (a replay) left as it is."""
    for item in posted:
        postings_check(item.postings)
    keys = [item.key for item in posted]
    existing: set[str] = set()
    for start in range(0, len(keys), BATCH_SIZE):
        existing.update(
            LedgerTransaction.objects.filter(
                idempotency_key__in=keys[start : start + BATCH_SIZE]
            ).values_list("idempotency_key", flat=True)
        )
    fresh = [item for item in posted if item.key not in existing]
    transactions = LedgerTransaction.objects.bulk_create(
        [
            LedgerTransaction(
                kind=item.kind,
                occurred_on=item.occurred_on,
                recorded_by=actor,
                idempotency_key=item.key,
                grant_application_id=item.disbursement.application_id,
                grant_disbursement=item.disbursement,
            )
            for item in fresh
        ],
        batch_size=BATCH_SIZE,
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                transaction=saved,
                account=posting.account,
                debit=posting.debit,
                credit=posting.credit,
                grant_application_id=posting.grant_application_id,
            )
            for saved, item in zip(transactions, fresh, strict=True)
            for posting in item.postings
        ],
        batch_size=BATCH_SIZE,
    )
