from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.accounts.usernames import sign_in_name
from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.presentation import audit_rows
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.core.selectors import audit_entries_of
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
from balai.registry.contact import person_contact_correct
from balai.registry.duplicates import duplicate_differences
from balai.registry.exports import person_workbook
from balai.registry.forms import (
    AccountClaimForm,
    ClaimCodeRequestForm,
    ContactCorrectionForm,
    FrontDeskClaimForm,
    FrontDeskPasswordResetForm,
    PersonFilterForm,
)
from balai.registry.history import person_history
from balai.registry.models import DuplicateStatus, Person
from balai.registry.nik import nik_normalise
from balai.registry.search import PersonSearch, holds_digits, person_search
from balai.registry.selectors import (
    duplicate_open_list,
    people_sorted,
    person_list,
    person_list_filtered,
    person_sign_in_name,
)
from balai.registry.services import duplicate_resolve

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def person_list_page(request: HttpRequest) -> HttpResponse:
    """The residents in the user's area, found by name, NIK, KK or phone, filtered by
    kelurahan, sorted, a page at a time, NIKs masked.

    The search is posted: a name (and the filters) then goes into the address, so that pages
    and the download keep it, but text with a digit (a number, alone or among words) is
    answered at once and never stands in an address.
    """
    data = request.POST if request.method == "POST" else request.GET
    form = PersonFilterForm(data, kelurahan=kelurahan_in_area(request_user(request)))
    # As typed, even if refused (too long): the address takes only text without digits.
    typed = str(data.get("q", ""))
    if request.method == "POST" and not holds_digits(typed):
        return redirect(f"{request.path}?{form.query_string()}")
    try:
        people, search = _people_found(request, form)
    except ApplicationError as error:
        form.add_error("q", error.message)
        people, search = [], None
    if holds_digits(typed):
        form.forget_text()  # a NIK is shown masked, even back to whoever typed it
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "registry/person_list.html", {"page": page, "form": form, "search": search}
    )


def person_export_download(request: HttpRequest) -> HttpResponse:
    """The residents list as it is filtered on the page (never searched by a number, which
    would stand in this address), as .xlsx."""
    form = PersonFilterForm(request.GET, kelurahan=kelurahan_in_area(request_user(request)))
    people, _search = _people_found(request, form)
    response = HttpResponse(person_workbook(people=people), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="warga.xlsx"'
    return response


def _people_found(
    request: HttpRequest, form: PersonFilterForm
) -> tuple[QuerySet[Person] | list[Person], PersonSearch | None]:
    filters = form.filters()
    people = person_list_filtered(
        user=request_user(request),
        kelurahan=filters["kelurahan"],
        sort=filters["sort"],
        declared=filters["declared"],
    )
    if form.errors:  # a filter not understood (a kelurahan outside the area): nothing matches
        return people.none(), None
    if not filters["text"]:
        return people, None
    if request.method != "POST" and holds_digits(filters["text"]):
        raise ApplicationError(_("Type the number in the search box and press Find."))
    search = person_search(people=people, text=filters["text"])
    if filters["sort"]:
        return people_sorted(search.people, filters["sort"]), search
    return search.people, search


def person_detail_page(
    request: HttpRequest, public_id: str, form: ContactCorrectionForm | None = None
) -> HttpResponse:
    """A person's page at the front desk: their record, what they did after registering (from
    the apps that own it), the audit trail, and their contact data to correct."""
    user = request_user(request)
    person = scoped_get(person_list(user=user), user, public_id=public_id)
    if form is None:
        form = ContactCorrectionForm(
            initial={
                "phone": person.phone,
                "email": person.email,
                "address": person.address,
                "domicile_kelurahan": person.domicile_kelurahan_id,
            },
            kelurahan=kelurahan_in_area(user),
        )
    context = {
        "person": person,
        "history": person_history(person=person, user=user),
        "audit_rows": audit_rows(audit_entries_of(target=person)),
        "form": form,
    }
    return render(request, "registry/person_detail.html", context)


@require_POST
def person_contact_correct_action(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    person = scoped_get(person_list(user=user), user, public_id=public_id)
    form = ContactCorrectionForm(request.POST, kelurahan=kelurahan_in_area(user))
    if form.is_valid():
        try:
            person_contact_correct(
                person=person, details=form.details(), reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(request, _("The correction has been recorded in the audit log."))
            return redirect("registry:person_detail", public_id=person.public_id)
    return person_detail_page(request, public_id, form=form)


def duplicate_list_page(request: HttpRequest) -> HttpResponse:
    """Possible duplicates in the operator's area, each with the two records compared field
    by field."""
    candidates = duplicate_open_list(user=request_user(request))
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    comparisons = [(candidate, duplicate_differences(candidate)) for candidate in page]
    return render(
        request, "registry/duplicate_list.html", {"page": page, "comparisons": comparisons}
    )


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
