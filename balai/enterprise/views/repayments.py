"""Pages of repayments: the desk records money received for one loan or a treasurer's
collection for several members; an admin reverses a repayment or writes a loan off; staff,
the borrower and the group's members read (and print) the statements."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.money import rupiah_label
from balai.enterprise.collections import CollectionLine, group_collection_record
from balai.enterprise.membership import current_memberships
from balai.enterprise.models import Loan
from balai.enterprise.repayment_corrections import loan_write_off, repayment_reverse
from balai.enterprise.repayment_forms import CollectionForm, ReasonForm, RepaymentForm
from balai.enterprise.repayments import RepaymentInput, repayment_record
from balai.enterprise.statements import (
    group_collection_due,
    group_get,
    group_statement,
    loan_get,
    loan_statement,
    repayment_get,
)


def _payers(loan: Loan) -> list[tuple[int, str]]:
    """Who may have brought the money: the borrower, then the group's current members."""
    payers = [(loan.borrower_id, loan.borrower.full_name)]
    if loan.group is not None:
        payers += [
            (
                membership.person_id,
                f"{membership.person.full_name} ({membership.get_role_display()})",
            )
            for membership in current_memberships(loan.group)
            if membership.person_id != loan.borrower_id
        ]
    return payers


def repayment_new_page(request: HttpRequest, loan_id: int) -> HttpResponse:
    """Record money received for one loan of the area."""
    user = request_user(request)
    loan = loan_get(user=user, loan_id=loan_id)
    form = RepaymentForm(request.POST or None, payers=_payers(loan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            repayment = repayment_record(
                data=RepaymentInput(
                    loan_id=loan.pk,
                    amount=data["amount"],
                    paid_on=data["paid_on"],
                    idempotency_key=f"page:{data['idempotency_key']}",
                    paid_by_id=data["paid_by"],
                    reference=data["reference"],
                ),
                actor=user,
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(
                request,
                _("Repayment of %(amount)s recorded.") % {"amount": rupiah_label(repayment.amount)},
            )
            return redirect("enterprise:loan_statement", loan_id=loan.pk)
    return render(request, "enterprise/repayments/new.html", {"loan": loan, "form": form})


def group_collection_page(request: HttpRequest, group_id: int) -> HttpResponse:
    """Record what the treasurer brought for several members, all at once or nothing."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    form = CollectionForm(request.POST or None, dues=group_collection_due(user=user, group=group))
    if request.method == "POST" and form.is_valid():
        try:
            repayments = group_collection_record(
                group=group,
                lines=[
                    CollectionLine(loan_id=loan_id, amount=amount)
                    for loan_id, amount in form.amounts().items()
                ],
                paid_on=form.cleaned_data["paid_on"],
                collection_key=form.cleaned_data["collection_key"],
                reference=form.cleaned_data["reference"],
                actor=user,
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            total = sum(repayment.amount for repayment in repayments)
            messages.success(
                request,
                _("Collection of %(total)s for %(count)s members recorded.")
                % {"total": rupiah_label(total), "count": len(repayments)},
            )
            return redirect("enterprise:group_statement", group_id=group.pk)
    return render(request, "enterprise/repayments/collection.html", {"group": group, "form": form})


def repayment_reverse_page(request: HttpRequest, repayment_id: int) -> HttpResponse:
    """Reverse a repayment recorded by mistake (an admin, with the reason)."""
    user = request_user(request)
    repayment = repayment_get(user=user, repayment_id=repayment_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            repayment_reverse(
                repayment_id=repayment.pk, reason=form.cleaned_data["reason"], actor=user
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(request, _("The repayment is reversed."))
            return redirect("enterprise:loan_statement", loan_id=repayment.loan_id)
    return render(
        request, "enterprise/repayments/reverse.html", {"repayment": repayment, "form": form}
    )


def loan_write_off_page(request: HttpRequest, loan_id: int) -> HttpResponse:
    """Write off what a loan still owes (an admin, with the reason)."""
    user = request_user(request)
    statement = loan_statement(user=user, loan_id=loan_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            loan_write_off(
                loan_id=statement.loan.pk, reason=form.cleaned_data["reason"], actor=user
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(request, _("The loan is written off."))
            return redirect("enterprise:loan_statement", loan_id=statement.loan.pk)
    return render(
        request, "enterprise/repayments/write_off.html", {"statement": statement, "form": form}
    )


def loan_statement_page(request: HttpRequest, loan_id: int) -> HttpResponse:
    """A borrower's statement, printable."""
    statement = loan_statement(user=request_user(request), loan_id=loan_id)
    return render(
        request,
        "enterprise/repayments/loan_statement.html",
        {
            "statement": statement,
            "can_record": route_allowed(request, "enterprise:repayment_new"),
            "can_correct": route_allowed(request, "enterprise:repayment_reverse"),
        },
    )


def group_statement_page(request: HttpRequest, group_id: int) -> HttpResponse:
    """A group's statement, printable."""
    statement = group_statement(user=request_user(request), group_id=group_id)
    return render(
        request,
        "enterprise/repayments/group_statement.html",
        {
            "statement": statement,
            "can_record": route_allowed(request, "enterprise:group_collection"),
        },
    )
