"""Pages of grant payouts: the finance desk's queue, a grant's payouts with the form that
records one (the maker's half), approving (the checker's), cancelling, and retrying a payout
the bank returned."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.enterprise.payout_forms import PayoutCancelForm, PayoutForm
from balai.enterprise.payout_selectors import (
    grant_for_payout,
    grant_recordable,
    payout_get,
    payout_queue,
    payouts_of_grant,
)
from balai.enterprise.payouts import payout_approve, payout_cancel, payout_record, payout_retry


def payouts_page(request: HttpRequest) -> HttpResponse:
    """The queue: payouts awaiting approval, approved, sent, returned and paid."""
    user = request_user(request)
    return render(
        request,
        "enterprise/payouts/queue.html",
        {"queue": payout_queue(user=user), "cancel_form": PayoutCancelForm()},
    )


def payout_record_page(request: HttpRequest, grant_id: int) -> HttpResponse:
    """A grant's payouts so far, and the form that records one while none is under way."""
    user = request_user(request)
    grant = grant_for_payout(user=user, grant_id=grant_id)
    form = PayoutForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            disbursement = payout_record(grant_id=grant.pk, actor=user, **form.cleaned_data)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(
                request,
                _("Payout %(reference)s recorded: another administrator must approve it.")
                % {"reference": disbursement.reference},
            )
            return redirect("enterprise:payouts")
    history = payouts_of_grant(user=user, grant=grant)
    return render(
        request,
        "enterprise/payouts/grant.html",
        {
            "grant": grant,
            "history": history,
            "form": form if grant_recordable(grant, history) else None,
        },
    )


def payout_approve_action(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Approve a payout another administrator recorded; back to the queue."""
    user = request_user(request)
    disbursement = payout_get(user=user, payout_id=payout_id)
    try:
        payout_approve(disbursement=disbursement, actor=user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Payout %(reference)s approved: it goes out in the next transfer file.")
            % {"reference": disbursement.reference},
        )
    return redirect("enterprise:payouts")


def payout_cancel_action(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Cancel a payout not yet sent, with the reason given; back to the queue."""
    user = request_user(request)
    disbursement = payout_get(user=user, payout_id=payout_id)
    form = PayoutCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the payout is cancelled."))
        return redirect("enterprise:payouts")
    try:
        payout_cancel(disbursement=disbursement, reason=form.cleaned_data["reason"], actor=user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Payout %(reference)s cancelled.") % {"reference": disbursement.reference},
        )
    return redirect("enterprise:payouts")


def payout_retry_page(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Pay a returned payout again: the details the bank returned, to correct."""
    user = request_user(request)
    returned = payout_get(user=user, payout_id=payout_id)
    form = PayoutForm(request.POST if request.method == "POST" else None, earlier=returned)
    if request.method == "POST" and form.is_valid():
        try:
            disbursement = payout_retry(disbursement=returned, actor=user, **form.cleaned_data)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(
                request,
                _("Payout %(reference)s recorded: another administrator must approve it.")
                % {"reference": disbursement.reference},
            )
            return redirect("enterprise:payouts")
    return render(request, "enterprise/payouts/retry.html", {"returned": returned, "form": form})
