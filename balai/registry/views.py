from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.accounts.usernames import sign_in_name
from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.core.throttling import (
    RateLimitedError,
    account_key,
    address_of,
    rate_limited_response,
    throttle_check,
)
from balai.registry.claims import (
    account_claim,
    claim_code_issue,
    claim_code_send,
    password_reset_code_issue,
)
from balai.registry.forms import (
    AccountClaimForm,
    ClaimCodeRequestForm,
    FrontDeskClaimForm,
    FrontDeskPasswordResetForm,
)
from balai.registry.models import DuplicateStatus
from balai.registry.nik import nik_normalise
from balai.registry.selectors import duplicate_open_list, person_list, person_sign_in_name
from balai.registry.services import duplicate_resolve

PAGE_SIZE = 50


def person_list_page(request: HttpRequest) -> HttpResponse:
    """The residents in the user's area, a page at a time, NIKs masked."""
    people = person_list(user=request_user(request)).order_by("full_name", "id")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/person_list.html", {"page": page})


def duplicate_list_page(request: HttpRequest) -> HttpResponse:
    """Possible duplicates in the operator's area, each with the two records side by side."""
    candidates = duplicate_open_list(user=request_user(request))
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/duplicate_list.html", {"page": page})


@require_POST
def duplicate_resolve_action(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = scoped_get(
        duplicate_open_list(user=request_user(request)), request_user(request), pk=candidate_id
    )
    verdict = request.POST.get("verdict", "")
    if verdict in {DuplicateStatus.NOT_DUPLICATE, DuplicateStatus.DUPLICATE}:
        duplicate_resolve(candidate=candidate, status=DuplicateStatus(verdict))
        messages.success(request, _("The verdict has been recorded."))
    return redirect("registry:duplicate_list")


def claim_code_request_page(request: HttpRequest) -> HttpResponse:
    """A resident with no password, or a forgotten one, asks for a code to their phone."""
    form = ClaimCodeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rate = settings.CLAIM_CODE_RATE
        try:
            throttle_check(request, action="claim-code", key=address_of(request), rate=rate)
            # However they are written: the NIK's digits, the phone's last nine digits.
            nik = nik_normalise(form.cleaned_data["nik"])
            phone = "".join(filter(str.isdigit, form.cleaned_data["phone"]))[-9:]
            for value in (f"nik:{nik}", f"phone:{phone}"):
                throttle_check(request, action="claim-code-for", key=account_key(value), rate=rate)
        except RateLimitedError as error:
            form.add_error(None, error.message)
            page = render(request, "registry/claim_code_request.html", {"form": form})
            return rate_limited_response(page, error)
        claim_code_send(nik=form.cleaned_data["nik"], phone=form.cleaned_data["phone"])
        # The same words whether or not a code went out: the page reveals nobody.
        messages.success(
            request,
            _(
                "If the NIK and phone number match our records, a code is on its way by "
                "WhatsApp or SMS. It works for 10 minutes."
            ),
        )
        return redirect("claim:account_claim")
    return render(request, "registry/claim_code_request.html", {"form": form})


def account_claim_page(request: HttpRequest) -> HttpResponse:
    """Enter the code (from the phone, or from the kelurahan office) and choose a password."""
    form = AccountClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle_check(
                request, action="claim", key=address_of(request), rate=settings.CLAIM_RATE
            )
            claim = account_claim(
                nik=form.cleaned_data["nik"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["new_password1"],
            )
        except RateLimitedError as error:
            form.add_error(None, error.message)
            page = render(request, "registry/account_claim.html", {"form": form})
            return rate_limited_response(page, error)
        except ApplicationError as error:
            field = "new_password1" if error.code == "weak_password" else "code"
            form.add_error(field, error.message)
        else:
            login(request, claim.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Your password is set. Next time, sign in as %(username)s.")
                % {"username": sign_in_name(claim.user)},
            )
            return redirect("reporting:home")
    return render(request, "registry/account_claim.html", {"form": form})


def claim_code_issue_page(request: HttpRequest) -> HttpResponse:
    """At the front desk: an operator who has seen a resident's KTP gives them a code to set
    their password, correcting the record first if somebody else registered the NIK
    (recorded in the audit log)."""
    operator = request_user(request)
    form = FrontDeskClaimForm(request.POST or None, kelurahan=kelurahan_in_area(operator))
    code = None
    if request.method == "POST" and form.is_valid():
        try:
            code = claim_code_issue(
                nik=form.cleaned_data["nik"], operator=operator, correction=form.correction()
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            form = FrontDeskClaimForm(kelurahan=kelurahan_in_area(operator))
    return render(request, "registry/claim_code_issue.html", {"form": form, "code": code})


# The code is shown once: no copy of the page stays in the desk computer's cache.
@never_cache
def password_reset_code_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """At the front desk: a resident of the operator's area, KTP in hand, gets a code that
    sets a new password (audited), on a slip the operator prints or copies out."""
    operator = request_user(request)
    person = scoped_get(person_list(user=operator), operator, public_id=public_id)
    form = FrontDeskPasswordResetForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = password_reset_code_issue(
                person=person, operator=operator, nik_seen=form.cleaned_data["nik"]
            )
        except ApplicationError as error:
            form.add_error("nik", error.message)
        else:
            form = FrontDeskPasswordResetForm()
    context = {
        "person": person,
        "form": form,
        "issued": issued,
        "sign_in_as": person_sign_in_name(person=person),
    }
    return render(request, "registry/password_reset_code.html", context)
