"""Pages of placement's employers: a company registers itself, its people keep it up to date
and manage its members, and Disnaker's admins verify it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.access import request_user
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.throttling import (
    RateLimitedError,
    address_of,
    rate_limited_response,
    throttle_check,
)
from balai.placement.companies import company_membership_of
from balai.placement.company_verification import company_reject, company_suspend, company_verify
from balai.placement.employer_forms import (
    CompanyForm,
    EmployerRegistrationForm,
    MemberForm,
    ReasonForm,
)
from balai.placement.employer_selectors import (
    VERIFICATION_TARGET_WORKING_DAYS,
    company_for_admin,
    company_list,
    company_members,
    company_queue,
)
from balai.placement.employers import (
    company_member_add,
    company_member_remove,
    company_register,
    company_update,
)
from balai.placement.models import CompanyMember, CompanyStatus

PAGE_SIZE = 50


def employer_register_page(request: HttpRequest) -> HttpResponse:
    """A company registers itself and its first account, then waits for verification."""
    if isinstance(request.user, User):
        if company_membership_of(request.user) is not None:
            return redirect("placement:employer_company")
        # Signing the new account in would sign this one out: say so instead.
        return render(request, "placement/employers/register.html", {"signed_in": True})
    form = EmployerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle_check(
                request,
                action="employer-registration",
                key=address_of(request),
                rate=settings.EMPLOYER_REGISTRATION_RATE,
            )
            registration = company_register(
                details=form.details(),
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                registration_key=form.cleaned_data["registration_key"],
            )
        except RateLimitedError as error:
            form.show_refusal(error)
            page = render(request, "placement/employers/register.html", {"form": form})
            return rate_limited_response(page, error)
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            login(request, registration.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("%(company)s is registered. Disnaker verifies it within one working day.")
                % {"company": registration.company.name},
            )
            return redirect("placement:employer_company")
    return render(request, "placement/employers/register.html", {"form": form})


def _own_membership(request: HttpRequest) -> CompanyMember:
    member = company_membership_of(request_user(request))
    if member is None:
        raise Http404(_("Your account belongs to no company."))
    return member


def _company_page(
    request: HttpRequest,
    member: CompanyMember,
    *,
    company_form: CompanyForm | None = None,
    member_form: MemberForm | None = None,
    new_member: Any = None,
    status: int = 200,
) -> HttpResponse:
    company = member.company
    context = {
        "company": company,
        "member": member,
        "members": company_members(company=company),
        "company_form": company_form or CompanyForm(company=company),
        "member_form": member_form or MemberForm(),
        "new_member": new_member,
        "statuses": CompanyStatus,
        "target_days": VERIFICATION_TARGET_WORKING_DAYS,
    }
    return render(request, "placement/employers/company.html", context, status=status)


def employer_company_page(request: HttpRequest) -> HttpResponse:
    """The employer's own company: its status and the reason, its details and its members."""
    return _company_page(request, _own_membership(request))


def employer_company_edit_action(request: HttpRequest) -> HttpResponse:
    member = _own_membership(request)
    form = CompanyForm(request.POST, company=member.company)
    if form.is_valid():
        try:
            company = company_update(
                company=member.company, actor=request_user(request), details=form.details()
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            if company.status == CompanyStatus.PENDING:
                messages.success(request, _("Saved and sent to Disnaker for verification."))
            else:
                messages.success(request, _("The company's details are saved."))
            return redirect("placement:employer_company")
    return _company_page(request, member, company_form=form, status=400)


def employer_member_add_action(request: HttpRequest) -> HttpResponse:
    member = _own_membership(request)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            added = company_member_add(
                company=member.company, actor=request_user(request), **form.cleaned_data
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            # Shown on this answer only, never stored where it could be read again.
            return _company_page(request, member, new_member=added)
    return _company_page(request, member, member_form=form, status=400)


def employer_member_remove_action(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _own_membership(request)
    try:
        company_member_remove(
            company=member.company, actor=request_user(request), member_id=member_id
        )
    except NotFoundError:
        raise  # another company's member: not found, as if it did not exist
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The member is removed and their account closed."))
    return redirect("placement:employer_company")


def company_queue_page(request: HttpRequest) -> HttpResponse:
    """Companies awaiting verification, the longest waiting first, and every company below."""
    status = request.GET.get("status", "")
    if status not in CompanyStatus.values:
        status = ""
    page = Paginator(company_list(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "queue": company_queue(),
        "target_days": VERIFICATION_TARGET_WORKING_DAYS,
        "page": page,
        "status": status,
        "statuses": CompanyStatus.choices,
    }
    return render(request, "placement/employers/queue.html", context)


def company_detail_page(request: HttpRequest, company_id: int) -> HttpResponse:
    """One company as an admin checks it, with the decisions its status allows."""
    company = company_for_admin(company_id=company_id)
    context = {
        "company": company,
        "members": company_members(company=company),
        "reason_form": ReasonForm(),
        "statuses": CompanyStatus,
    }
    return render(request, "placement/employers/detail.html", context)


def company_decide_action(request: HttpRequest, company_id: int) -> HttpResponse:
    company = company_for_admin(company_id=company_id)
    admin = request_user(request)
    decision = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")
    try:
        if decision == "verify":
            company_verify(company=company, actor=admin)
            messages.success(request, _("%(company)s is verified.") % {"company": company.name})
        elif decision == "reject":
            company_reject(company=company, actor=admin, reason=reason)
            messages.success(request, _("%(company)s is rejected.") % {"company": company.name})
        elif decision == "suspend":
            company_suspend(company=company, actor=admin, reason=reason)
            messages.success(request, _("%(company)s is suspended.") % {"company": company.name})
        else:
            messages.error(request, _("Choose verify, reject or suspend."))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("placement:company_detail", company_id=company.pk)
    return redirect("placement:company_queue")
