"""Pages of enterprise's bank: the transfer files sent, making one, downloading one; the
statements imported, importing one, and a statement's lines with their outcome."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.money import rupiah_label
from balai.enterprise.bank import selectors
from balai.enterprise.bank.adapters import layout_named
from balai.enterprise.bank.forms import OutcomeFilterForm, StatementUploadForm
from balai.enterprise.bank.statements import STATEMENT_MAX_BYTES, bank_statement_import
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.models import BankTransferFile, StatementLineOutcome

PAGE_SIZE = 100
READY_SHOWN = 500


def bank_transfers_page(request: HttpRequest) -> HttpResponse:
    """The transfer files made, newest first, and how many payouts wait to be sent."""
    user = request_user(request)
    page = Paginator(selectors.bank_transfer_file_list(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    ready = selectors.disbursements_ready_totals(user=user)
    return render(
        request,
        "enterprise/bank/transfers.html",
        {"page": page, "ready": ready, "ready_total": rupiah_label(ready["total"])},
    )


def bank_transfer_new_page(request: HttpRequest) -> HttpResponse:
    """The approved payouts waiting to be sent; sending makes one file of those chosen (or
    all of them)."""
    user = request_user(request)
    if request.method == "POST":
        asked = request.POST.getlist("disbursement")
        # Only ASCII digits of a size an id can have ("²" is a digit to str.isdigit).
        chosen = [int(raw) for raw in asked if raw.isascii() and raw.isdigit() and len(raw) < 19]
        try:
            if asked and len(chosen) != len(asked):
                # Payouts were chosen but not all are understood: never send "all" instead.
                raise ApplicationError(
                    _("Some payouts chosen are not known; choose them again."),
                    code="disbursement_unknown",
                )
            transfer_file = bank_transfer_create(actor=user, disbursement_ids=chosen or None)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Transfer file made: %(count)s payouts, %(total)s. Download it and upload it "
                    "to the bank's portal."
                )
                % {
                    "count": transfer_file.line_count,
                    "total": rupiah_label(transfer_file.total_amount),
                },
            )
            return redirect("enterprise:bank_transfers")
    ready = selectors.disbursements_ready_to_send(user=user)
    return render(
        request,
        "enterprise/bank/transfer_new.html",
        {
            "ready": ready[:READY_SHOWN],
            "totals": selectors.disbursements_ready_totals(user=user),
            "shown": READY_SHOWN,
        },
    )


def bank_transfer_file_download(request: HttpRequest, file_id: int) -> FileResponse:
    """A transfer file, to admins only (never a public address)."""
    transfer_file = selectors.bank_transfer_file_get(user=request_user(request), file_id=file_id)
    return transfer_file_response(transfer_file)


def transfer_file_response(transfer_file: BankTransferFile) -> FileResponse:
    """The transfer file as a download in its bank's layout, never kept by a cache (the page
    and the API send it alike)."""
    layout = layout_named(transfer_file.layout)
    try:
        content = transfer_file.file.open("rb")
    except FileNotFoundError:
        raise NotFoundError(_("The file is no longer in storage.")) from None
    response = FileResponse(
        content,
        content_type=layout.content_type,
        as_attachment=True,
        filename=f"transfer-{transfer_file.pk}.{layout.file_extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def bank_statements_page(request: HttpRequest) -> HttpResponse:
    """The statements imported, newest first."""
    user = request_user(request)
    page = Paginator(selectors.bank_statement_list(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "enterprise/bank/statements.html", {"page": page})


def bank_statement_import_page(request: HttpRequest) -> HttpResponse:
    """Upload the bank's statement: imported whole and reconciled, or refused with every
    faulty row named."""
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    row_errors: list[dict[str, object]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            statement = bank_statement_import(
                actor=request_user(request),
                file_name=upload.name or "",
                content=upload.read(STATEMENT_MAX_BYTES + 1),
            )
        except ApplicationError as error:
            form.show_refusal(error)
            row_errors = list(error.details.get("rows", []))
        else:
            messages.success(request, _("Statement imported and reconciled."))
            return redirect("enterprise:bank_statement_detail", statement_id=statement.pk)
    return render(
        request,
        "enterprise/bank/statement_import.html",
        {"form": form, "row_errors": row_errors},
    )


def bank_statement_detail_page(request: HttpRequest, statement_id: int) -> HttpResponse:
    """A statement: its lines counted by outcome, and the lines, of one outcome if chosen."""
    statement = selectors.bank_statement_get(user=request_user(request), statement_id=statement_id)
    form = OutcomeFilterForm(request.GET)
    lines = selectors.statement_lines(statement=statement, outcome=form.outcome_chosen())
    page = Paginator(lines.select_related("disbursement"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.statement_outcome_counts(statement=statement)
    return render(
        request,
        "enterprise/bank/statement_detail.html",
        {"statement": statement, "form": form, "page": page, "counts": _labelled(counts)},
    )


def _labelled(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, str(label), counts[value]) for value, label in StatementLineOutcome.choices]
