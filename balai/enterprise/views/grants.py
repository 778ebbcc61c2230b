"""Pages of Tangerang Bisa grants: batches (admin), applying (a participant, a group's leader,
or an operator at the desk), the staff list, an application with its verification and
decision, the participant's own grants, and what paid grants bought."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.enterprise.grant_forms import (
    GrantApplyForm,
    GrantBatchForm,
    GrantDecisionForm,
    GrantFilterForm,
    GrantVerifyForm,
    ResidentSearchForm,
    UsageReportForm,
)
from balai.enterprise.grant_selectors import (
    grant_batch_get,
    grant_batch_list,
    grant_batches_open,
    grant_get,
    grant_groups_led,
    grant_list,
    grant_list_filtered,
    grant_usage_summary,
    grant_usage_workbook,
)
from balai.enterprise.grants import (
    STAFF_ROLES,
    VERIFICATION_CHECKLIST,
    grant_apply,
    grant_approve,
    grant_batch_create,
    grant_batch_update,
    grant_cancel,
    grant_reject,
    grant_usage_report,
    grant_verify,
)
from balai.enterprise.models import GrantApplicationStatus
from balai.registry.search import person_search
from balai.registry.selectors import person_list

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def grant_batches_page(request: HttpRequest) -> HttpResponse:
    """Every batch of grants with its budget (admin)."""
    return render(request, "enterprise/grants/batches.html", {"batches": grant_batch_list()})


def grant_batch_new_page(request: HttpRequest) -> HttpResponse:
    """Open a batch of grants (admin)."""
    form = GrantBatchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = grant_batch_create(by=request_user(request), terms=form.terms())
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Grant batch opened."))
            return redirect("enterprise:grant_batch_detail", batch_id=batch.pk)
    return render(request, "enterprise/grants/batch_form.html", {"form": form, "batch": None})


def grant_batch_detail_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    """A batch: its budget (ceiling, committed, remaining) and its terms to edit (admin)."""
    batch = grant_batch_get(batch_id=batch_id)
    form = GrantBatchForm(request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        try:
            grant_batch_update(by=request_user(request), batch_id=batch.pk, terms=form.terms())
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Grant batch saved."))
            return redirect("enterprise:grant_batch_detail", batch_id=batch.pk)
    return render(
        request,
        "enterprise/grants/batch_form.html",
        {
            "form": form or GrantBatchForm.of_batch(batch),
            "batch": batch,
            "remaining": max(batch.remaining_budget, 0),
        },
    )


def grant_apply_page(request: HttpRequest) -> HttpResponse:
    """Apply for a grant: a participant for themself or their group; staff for a resident of
    their area, found first by name or phone (sent by POST, never in the address)."""
    user = request_user(request)
    person_public_id = _uuid(request.POST.get("person") or request.GET.get("person") or "")
    if user.role in STAFF_ROLES and person_public_id is None:
        return _resident_search(request)
    resident = None
    if person_public_id is not None:
        resident = person_list(user=user).filter(public_id=person_public_id).first()
    applying = request.method == "POST" and request.POST.get("step") == "apply"
    form = GrantApplyForm(
        request.POST if applying else None,
        batches=grant_batches_open(),
        groups=grant_groups_led(user=user),
    )
    if applying and form.is_valid():
        try:
            application = grant_apply(
                by=user,
                batch_id=form.cleaned_data["batch"].pk,
                details=form.details(),
                person_public_id=person_public_id,
                group_id=form.cleaned_data.get("group"),
            )
        except ApplicationError as error:
            _refusal_list(form, error)
        else:
            messages.success(request, _("The application is sent."))
            return redirect("enterprise:grant_detail", grant_id=application.pk)
    return render(
        request,
        "enterprise/grants/apply.html",
        {"form": form, "resident": resident, "person_public_id": person_public_id},
    )


def _refusal_list(form: GrantApplyForm, error: ApplicationError) -> None:
    reasons = error.details.get("reasons")
    if isinstance(reasons, list):  # every rule failed, each beside the form
        for reason in reasons:
            form.add_error(None, reason["message"])
        return
    refusal_show(form, error)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _resident_search(request: HttpRequest) -> HttpResponse:
    found = None
    form = ResidentSearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        people = person_list(user=request_user(request))
        found = person_search(people=people, text=form.cleaned_data["text"]).people
    return render(request, "enterprise/grants/find.html", {"form": form, "found": found})


def grant_applications_page(request: HttpRequest) -> HttpResponse:
    """Staff's list of their area's applications, by batch and status, a page at a time."""
    user = request_user(request)
    form = GrantFilterForm(request.GET)
    applications = grant_list_filtered(user=user, **form.filters())
    if form.errors:
        applications = applications.none()
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enterprise/grants/list.html", {"form": form, "page": page})


def grant_detail_page(request: HttpRequest, grant_id: int) -> HttpResponse:
    """An application: the business, its checks and decision, and what may be done next."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    return render(request, "enterprise/grants/detail.html", _detail_context(user, application))


def _detail_context(user: object, application: object, **forms: object) -> dict[str, object]:
    role = getattr(user, "role", None)
    status = getattr(application, "status", None)
    checklist = getattr(application, "checklist", {}) or {}
    return {
        "application": application,
        "checklist": [
            (label, checklist.get(item)) for item, label in VERIFICATION_CHECKLIST.items()
        ],
        "verify_form": forms.get("verify_form", GrantVerifyForm())
        if role in STAFF_ROLES and status == GrantApplicationStatus.SUBMITTED
        else None,
        "decision_form": forms.get("decision_form", GrantDecisionForm())
        if role == Role.ADMIN
        and status
        in (
            GrantApplicationStatus.SUBMITTED,
            GrantApplicationStatus.VERIFIED,
            GrantApplicationStatus.APPROVED,
        )
        else None,
        "may_report": status == GrantApplicationStatus.PAID,
    }


def grant_verify_page(request: HttpRequest, grant_id: int) -> HttpResponse:
    """Record the kelurahan's checklist: all ticked verifies, else rejects with a reason."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    form = GrantVerifyForm(request.POST)
    if form.is_valid():
        try:
            grant_verify(
                by=user,
                application_id=application.pk,
                checklist=form.checklist(),
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("The verification is recorded."))
            return redirect("enterprise:grant_detail", grant_id=application.pk)
    context = _detail_context(user, application, verify_form=form)
    return render(request, "enterprise/grants/detail.html", context, status=400)


def grant_decide_page(request: HttpRequest, grant_id: int) -> HttpResponse:
    """The admin's decision: approve within the budget, reject, or cancel an unpaid grant."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    form = GrantDecisionForm(request.POST)
    if form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == GrantDecisionForm.APPROVE:
                grant_approve(by=user, application_id=application.pk)
            elif decision == GrantDecisionForm.REJECT:
                grant_reject(by=user, application_id=application.pk, reason=reason)
            else:
                grant_cancel(by=user, application_id=application.pk, reason=reason)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("enterprise:grant_detail", grant_id=application.pk)
    context = _detail_context(user, application, decision_form=form)
    return render(request, "enterprise/grants/detail.html", context, status=400)


def my_grants_page(request: HttpRequest) -> HttpResponse:
    """The participant's own applications and grants (and their group's)."""
    applications = grant_list(user=request_user(request)).order_by("-created_at", "-pk")
    return render(request, "enterprise/grants/mine.html", {"applications": applications})


def grant_usage_report_page(request: HttpRequest, grant_id: int) -> HttpResponse:
    """Report what a paid grant bought: its recipient, or staff for them."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    form = UsageReportForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        try:
            grant_usage_report(by=user, application_id=application.pk, usage=form.usage())
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Thank you: the report is recorded."))
            return redirect("enterprise:grant_detail", grant_id=application.pk)
    return render(
        request, "enterprise/grants/usage_report.html", {"form": form, "application": application}
    )


def grant_usage_page(request: HttpRequest) -> HttpResponse:
    """Staff's view of paid grants per batch: reported or not, spent, still running; as
    .xlsx with ?export=xlsx."""
    user = request_user(request)
    form = GrantFilterForm(request.GET)
    batch_id = form.filters()["batch_id"]
    summary = grant_usage_summary(user=user, batch_id=batch_id)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(grant_usage_workbook(summary=summary), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="penggunaan-hibah.xlsx"'
        return response
    return render(request, "enterprise/grants/usage.html", {"form": form, "summary": summary})
