"""Importing the bank's statement: read whole or refused whole (with every bad row named),
imported once (the same file twice is refused), then reconciled line by line."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.enterprise.bank.adapters import bank_layout
from balai.enterprise.bank.reconciliation import statement_reconcile
from balai.enterprise.bank.transfers import admin_required
from balai.enterprise.models import BankStatement

STATEMENT_MAX_BYTES = 5 * 1024 * 1024


class StatementAlreadyImportedError(ApplicationError):
    code = "statement_already_imported"


def _already_imported(existing: BankStatement | None) -> StatementAlreadyImportedError:
    message = _("This statement was already imported; nothing was imported again.")
    if existing is not None:
        message = _(
            "This statement was already imported (%(name)s, on %(date)s); nothing was "
            "imported again."
        ) % {"name": existing.file_name, "date": f"{existing.imported_at:%d-%m-%Y}"}
    return StatementAlreadyImportedError(message, details={"field": "file"})


@transaction.atomic
def bank_statement_import(*, actor: User, file_name: str, content: bytes) -> BankStatement:
    """Import the bank's statement `content` and reconcile it; refused whole if any row is
    faulty or if the same file was imported before."""
    admin_required(actor)
    if len(content) > STATEMENT_MAX_BYTES:
        raise ApplicationError(
            _("The statement is larger than 5 MB."),
            code="statement_too_large",
            details={"field": "file"},
        )
    content_hash = hashlib.sha256(content).hexdigest()
    existing = BankStatement.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        raise _already_imported(existing)
    layout = bank_layout()
    entries = list(layout.statement_lines(content))
    try:
        with transaction.atomic():
            statement = BankStatement.objects.create(
                layout=layout.name,
                file_name=file_name[:200],
                content_hash=content_hash,
                line_count=len(entries),
                imported_by=actor,
            )
    except IntegrityError:
        # The same file imported at the same moment by another request: theirs stands.
        raise _already_imported(None) from None
    statement_reconcile(statement=statement, entries=entries, actor=actor)
    return statement
