"""Reads of the bank's files: transfer files made, statements imported and their lines."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user
from balai.enterprise.models import (
    BankStatement,
    BankStatementLine,
    BankTransferFile,
    DisbursementChannel,
    DisbursementStatus,
    GrantDisbursement,
    StatementLineOutcome,
)


def _admin(user: User) -> bool:
    # The bank's files name every payout of the city: only admins read them.
    return user.is_active and user.role == Role.ADMIN


def bank_transfer_file_list(*, user: User) -> QuerySet[BankTransferFile]:
    """Return the transfer files made, newest first (none for anybody but an admin)."""
    files = BankTransferFile.objects.select_related("created_by")
    return files if _admin(user) else files.none()


def bank_transfer_file_get(*, user: User, file_id: int) -> BankTransferFile:
    """Return one transfer file, or refuse as not found."""
    found = bank_transfer_file_list(user=user).filter(pk=file_id).first()
    if found is None:
        raise NotFoundError(_("No such transfer file."))
    return found


def disbursements_ready_to_send(*, user: User) -> QuerySet[GrantDisbursement]:
    """Return the approved bank payouts of `user`'s area not yet in a transfer file."""
    return (
        scope_to_user(GrantDisbursement.objects.all(), user)
        .filter(
            status=DisbursementStatus.APPROVED,
            channel=DisbursementChannel.BANK_TRANSFER,
            transfer_file__isnull=True,
        )
        .select_related("application")
        .order_by("pk")
    )


def disbursements_ready_totals(*, user: User) -> dict[str, int]:
    """Return how many payouts wait to be sent, and their total."""
    totals = disbursements_ready_to_send(user=user).aggregate(
        count=Count("pk"), total=Sum("amount")
    )
    return {"count": int(totals["count"] or 0), "total": int(totals["total"] or 0)}


def bank_statement_list(*, user: User) -> QuerySet[BankStatement]:
    """Return the statements imported, newest first (none for anybody but an admin)."""
    statements = BankStatement.objects.select_related("imported_by")
    return statements if _admin(user) else statements.none()


def bank_statement_get(*, user: User, statement_id: int) -> BankStatement:
    """Return one imported statement, or refuse as not found."""
    found = bank_statement_list(user=user).filter(pk=statement_id).first()
    if found is None:
        raise NotFoundError(_("No such statement."))
    return found


def statement_outcome_counts(*, statement: BankStatement) -> dict[str, int]:
    """Return the number of the statement's lines of each outcome (every outcome named)."""
    counts = dict(statement.lines.values_list("outcome").annotate(count=Count("pk")).order_by())
    return {outcome: int(counts.get(outcome, 0)) for outcome in StatementLineOutcome.values}


def statement_lines(*, statement: BankStatement, outcome: str = "") -> QuerySet[BankStatementLine]:
    """Return the statement's lines in file order, those of one `outcome` if named."""
    lines = statement.lines.all().order_by("line_number")
    if outcome:
        lines = lines.filter(outcome=outcome)
    return lines
