"""Enterprise's ledger over the API: the same selectors as the pages (/ledger/).

No `from __future__ import annotations` here: django-ninja reads the query parameters of a
paginated list from its wrapper, where names as text would not resolve."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.params.functions import Query

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, Pagination
from balai.core.access import ADMIN_ONLY, register_route_access, roles
from balai.core.errors import NotFoundError
from balai.enterprise.ledger_selectors import (
    BooksCheck,
    TrialBalance,
    books_check,
    ledger_journal,
    ledger_transaction_get,
    trial_balance,
)
from balai.enterprise.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
)

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

ID_MAXIMUM = 2**31 - 1
READ_ERRORS = {401: ErrorOut, 403: ErrorOut}
LOAN_PARAMETER: Any = Query(None, ge=1, le=ID_MAXIMUM, description="Only this loan's.")
GRANT_PARAMETER: Any = Query(None, ge=1, le=ID_MAXIMUM, description="Only this grant's.")


class AccountBalanceOut(Schema):
    account: LedgerAccount
    label: str
    debits: int = Field(description="Whole Rupiah debited to the account.")
    credits: int = Field(description="Whole Rupiah credited to the account.")
    balance: int = Field(description="Debits minus credits: negative is a credit balance.")


class TrialBalanceOut(Schema):
    as_of: datetime.date
    accounts: list[AccountBalanceOut]
    total_debits: int
    total_credits: int
    balanced: bool = Field(description="The total debits equal the total credits.")


class LedgerProblemOut(Schema):
    problem: str = Field(
        description="unbalanced_transactions, empty_transactions, loans_disagreeing, "
        "grants_disagreeing, entries_without_subject, reversals_misfiled or "
        "reversals_not_mirroring."
    )
    ids: list[int] = Field(description="The transactions, loans or grants at fault.")


class BooksCheckOut(Schema):
    balances: bool = Field(description="Nothing is wrong: the books balance and agree.")
    transaction_count: int
    total_debits: int
    total_credits: int
    problems: list[LedgerProblemOut]


class LedgerEntryOut(Schema):
    account: LedgerAccount
    debit: int
    credit: int
    loan_id: int | None
    grant_application_id: int | None
    person_id: int | None = Field(description="The borrower, for an account kept per borrower.")


class LedgerTransactionOut(Schema):
    id: int
    kind: LedgerTransactionKind
    occurred_on: datetime.date
    recorded_at: datetime.datetime
    memo: str
    loan_id: int | None
    loan_repayment_id: int | None
    grant_application_id: int | None
    grant_disbursement_id: int | None
    reverses_id: int | None
    reversed_by_id: int | None
    entries: list[LedgerEntryOut]

    @staticmethod
    def resolve_reversed_by_id(posted: LedgerTransaction) -> int | None:
        reversal = getattr(posted, "reversal", None)
        return reversal.pk if reversal is not None else None

    @staticmethod
    def resolve_entries(posted: LedgerTransaction) -> list[LedgerEntry]:
        return list(posted.entries.all())


def _trial_balance_out(balance: TrialBalance) -> TrialBalanceOut:
    return TrialBalanceOut(
        as_of=balance.as_of,
        accounts=[
            AccountBalanceOut(
                account=LedgerAccount(line.account),
                label=line.label,
                debits=line.debits,
                credits=line.credits,
                balance=line.balance,
            )
            for line in balance.accounts
        ],
        total_debits=balance.total_debits,
        total_credits=balance.total_credits,
        balanced=balance.balanced,
    )


def _check_out(check: BooksCheck) -> BooksCheckOut:
    return BooksCheckOut(
        balances=check.balances,
        transaction_count=check.ledger.transaction_count,
        total_debits=check.ledger.total_debits,
        total_credits=check.ledger.total_credits,
        problems=[LedgerProblemOut(problem=name, ids=ids) for name, ids in check.problems],
    )


@router.get(
    "/balances",
    response={200: TrialBalanceOut, **READ_ERRORS},
    url_name="ledger_balances",
)
def ledger_balances(request: HttpRequest, as_of: datetime.date | None = None) -> TrialBalanceOut:
    """The trial balance: each account's debits and credits dated on or before `as_of`
    (today when not given)."""
    return _trial_balance_out(trial_balance(as_of=as_of or timezone.localdate()))


@router.get("/check", response={200: BooksCheckOut, **READ_ERRORS}, url_name="ledger_check")
def ledger_check_endpoint(request: HttpRequest) -> BooksCheckOut:
    """Whether the books balance and agree with the loans and grants, and what is wrong."""
    return _check_out(books_check())


@router.get(
    "/transactions", response=list[LedgerTransactionOut], url_name="ledger_transaction_list"
)
@paginate(Pagination, page_size=50)
def ledger_transaction_index(  # one parameter per filter of the page
    request: HttpRequest,
    kind: LedgerTransactionKind | None = None,
    occurred_from: datetime.date | None = None,
    occurred_until: datetime.date | None = None,
    loan_id: int | None = LOAN_PARAMETER,
    grant_id: int | None = GRANT_PARAMETER,
) -> QuerySet[LedgerTransaction]:
    """The journal: transactions newest first, each with its entries."""
    return ledger_journal(
        kind=kind or "",
        occurred_from=occurred_from,
        occurred_until=occurred_until,
        loan_id=loan_id,
        grant_application_id=grant_id,
    )


@router.get(
    "/transactions/{int:transaction_id}",
    response={200: LedgerTransactionOut, **READ_ERRORS, 404: ErrorOut},
    url_name="ledger_transaction_detail",
)
def ledger_transaction_detail(request: HttpRequest, transaction_id: int) -> LedgerTransaction:
    """One transaction with its entries."""
    posted = ledger_transaction_get(transaction_id=transaction_id)
    if posted is None:
        raise NotFoundError(_("No such ledger transaction."))
    return posted


# As the pages: the journal names loans and grants (admins only); the balances and the
# check are totals and ids, no person in them (leadership reads them too).
register_route_access(
    "api-v1",
    {
        "ledger_balances": roles(Role.ADMIN, Role.VIEWER),
        "ledger_check": roles(Role.ADMIN, Role.VIEWER),
        "ledger_transaction_list": ADMIN_ONLY,
        "ledger_transaction_detail": ADMIN_ONLY,
    },
)
