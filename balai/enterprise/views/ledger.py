"""Pages of the ledger: the journal, one transaction, and the trial balance with the check
of the books."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from balai.core.access import route_allowed
from balai.core.errors import NotFoundError
from balai.enterprise.ledger_forms import LedgerFilterForm, TrialBalanceForm
from balai.enterprise.ledger_selectors import (
    books_check,
    ledger_journal,
    ledger_transaction_get,
    trial_balance,
)

PAGE_SIZE = 50


def ledger_page(request: HttpRequest) -> HttpResponse:
    """The journal: transactions newest first, filtered, a page at a time, with entries."""
    form = LedgerFilterForm(request.GET)
    transactions = ledger_journal(**form.filters())
    if form.errors:  # a filter not understood: nothing matches rather than everything
        transactions = transactions.none()
    page = Paginator(transactions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enterprise/ledger/journal.html", {"form": form, "page": page})


def ledger_transaction_page(request: HttpRequest, transaction_id: int) -> HttpResponse:
    """One transaction: its entries, what it is about, and what reverses it or it reverses."""
    posted = ledger_transaction_get(transaction_id=transaction_id)
    if posted is None:
        raise NotFoundError(_("No such ledger transaction."))
    return render(request, "enterprise/ledger/transaction.html", {"posted": posted})


def ledger_balances_page(request: HttpRequest) -> HttpResponse:
    """The trial balance as of a day, and whether the books balance (or what is wrong)."""
    form = TrialBalanceForm(request.GET)
    return render(
        request,
        "enterprise/ledger/balances.html",
        {
            "form": form,
            "balance": trial_balance(as_of=form.as_of_day()),
            "check": books_check(),
            "journal_allowed": route_allowed(request, "enterprise:ledger"),
        },
    )
