"""Residents' rights from their account: see and download their data, ask for a correction;
and the operators' queue of correction requests."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.scoping import scoped_get
from balai.registry.correction_forms import CorrectionRejectForm, CorrectionRequestForm
from balai.registry.correction_selectors import correction_pending_list
from balai.registry.corrections import correction_approve, correction_reject, correction_request
from balai.registry.data_subject import PersonalData, personal_data_export, personal_data_of
from balai.registry.models import CorrectionField
from balai.registry.personal_data_pdf import personal_data_pdf
from balai.registry.selectors import person_of_user

PAGE_SIZE = 50


def my_data_page(request: HttpRequest) -> HttpResponse:
    """Everything Balai keeps about the signed-in resident, the NIK masked."""
    data = personal_data_of(user=request_user(request))
    return render(request, "registry/my_data.html", {"data": data})


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # It holds the whole NIK: no shared cache or browser history keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


def _exported(request: HttpRequest) -> PersonalData:
    data = personal_data_export(user=request_user(request))
    if data is None:
        raise Http404(_("Your account has no resident record yet."))
    return data


def my_data_json(request: HttpRequest) -> HttpResponse:
    """The resident's data as JSON, to keep or to take elsewhere."""
    data = _exported(request)
    body = json.dumps(data.as_json(), ensure_ascii=False, indent=2).encode()
    return _download(body, "application/json; charset=utf-8", "data-pribadi-balai.json")


def my_data_pdf(request: HttpRequest) -> HttpResponse:
    """The resident's data as a PDF, to read or print."""
    data = _exported(request)
    return _download(personal_data_pdf(data), "application/pdf", "data-pribadi-balai.pdf")


def correction_request_page(request: HttpRequest) -> HttpResponse:
    """The resident asks to correct one field of their record, saying why."""
    user = request_user(request)
    person = person_of_user(user=user)
    form = CorrectionRequestForm(request.POST or None, initial=request.GET or None)
    if person is not None and request.method == "POST" and form.is_valid():
        try:
            correction_request(
                person=person,
                field=CorrectionField(form.cleaned_data["field"]),
                new_value=form.cleaned_data["new_value"],
                reason=form.cleaned_data["reason"],
                requested_by=user,
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent to your kelurahan. Nothing changes until they "
                    "approve it."
                ),
            )
            return redirect("own_data:page")
    return render(request, "registry/correction_request.html", {"form": form, "person": person})


def correction_list_page(request: HttpRequest) -> HttpResponse:
    """The correction requests waiting in the operator's area, the oldest first."""
    pending = correction_pending_list(user=request_user(request))
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/correction_list.html",
        {"page": page, "reject_form": CorrectionRejectForm()},
    )


@require_POST
def correction_decide_action(request: HttpRequest, correction_id: int) -> HttpResponse:
    """Approve (the record is corrected) or reject (with a reason) one request."""
    operator = request_user(request)
    correction = scoped_get(correction_pending_list(user=operator), operator, pk=correction_id)
    form = CorrectionRejectForm(request.POST)
    try:
        decision = request.POST.get("decision")
        if decision == "approve":
            correction_approve(correction=correction, operator=operator)
            messages.success(request, _("The record has been corrected."))
        elif decision == "reject" and form.is_valid():
            correction_reject(
                correction=correction,
                operator=operator,
                reason=form.cleaned_data["decision_reason"],
            )
            messages.success(request, _("The request has been rejected; the resident sees why."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("registry:correction_list")
