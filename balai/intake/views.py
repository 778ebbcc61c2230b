from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.models import User
from balai.accounts.services import user_tokens_revoke_after_password_change
from balai.core.access import STAFF, request_user
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.core.throttling import RateLimitedError, rate_limited_response
from balai.intake.allocation.offers import offer_accept, offer_decline
from balai.intake.application_export import application_workbook
from balai.intake.forms import ApplicationFilterForm, RegistrationForm
from balai.intake.models import Application, Channel
from balai.intake.presentation import application_view, named_suggestions
from balai.intake.selectors import (
    application_list,
    application_list_filtered,
    batch_open_list,
    offer_list,
)
from balai.intake.services import application_submit, application_submit_self
from balai.intake.throttles import registration_throttle
from balai.regions.selectors import kelurahan_list

PAGE_SIZE = 50


def batch_choice_page(request: HttpRequest) -> HttpResponse:
    """The batches open for registration now."""
    return render(request, "intake/batch_choice.html", {"batches": batch_open_list()})


def register_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """Self-registration: a resident registers and applies, on one page that works on a phone."""
    batch = get_object_or_404(batch_open_list(), code=batch_code)
    if isinstance(request.user, User) and request.user.role in STAFF.roles:
        # Staff register residents on the assisted form, which keeps them signed in.
        return redirect("intake:assisted_register", batch_code=batch.code)
    kelurahan = kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE)
    form = RegistrationForm(request.POST or None, batch=batch, kelurahan=kelurahan)
    if request.method == "POST" and form.is_valid():
        try:
            registration_throttle(request)
            _register_and_sign_in(request, form)
        except RateLimitedError as error:
            form.show_refusal(error)
            page = render(request, "intake/register.html", {"form": form, "batch": batch})
            return rate_limited_response(page, error)
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            return redirect("intake:my_applications")
    return render(request, "intake/register.html", {"form": form, "batch": batch})


def _register_and_sign_in(request: HttpRequest, form: RegistrationForm) -> Application:
    sender = request.user if isinstance(request.user, User) else None
    registration = application_submit_self(
        submission=form.submission(channel=Channel.SELF, submitted_by=sender)
    )
    account = registration.account_to_sign_in
    if account is not None and request.user != account:
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    return registration.application


def assisted_register_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """An operator registers a resident who has no phone, in the operator's own area."""
    operator = request_user(request)
    batch = get_object_or_404(batch_open_list(), code=batch_code)
    form = RegistrationForm(
        request.POST or None, batch=batch, kelurahan=kelurahan_in_area(operator)
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                submission=form.submission(channel=Channel.ASSISTED, submitted_by=operator)
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            messages.success(request, _("The application has been recorded."))
            return redirect("intake:application_detail", public_id=application.public_id)
    return render(request, "intake/register.html", {"form": form, "batch": batch, "assisted": True})


def my_applications_page(
    request: HttpRequest, password_form: SetPasswordForm[User] | None = None
) -> HttpResponse:
    """A participant's own applications: status, the rules' reasons, priority, choices, and
    once the allocation is published their offers, why, and their waitlist places."""
    user = request_user(request)
    if password_form is None and not user.has_usable_password():
        password_form = SetPasswordForm(user)
    applications = [
        application_view(item, with_outcome=True)
        for item in application_list(user=user).filter(person__user=user)
    ]
    return render(
        request,
        "intake/my_applications.html",
        {"applications": applications, "password_form": password_form},
    )


@require_POST
def set_first_password(request: HttpRequest) -> HttpResponse:
    """Let a newly registered participant choose the password they will sign in with."""
    user = request_user(request)
    form = SetPasswordForm(user, request.POST)
    if not user.has_usable_password() and form.is_valid():
        form.save()
        user_tokens_revoke_after_password_change(user=user)
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is set. Sign in with your phone number."))
        return redirect("intake:my_applications")
    return my_applications_page(request, password_form=form)


@require_POST
def offer_answer_action(request: HttpRequest, public_id: str, answer: str) -> HttpResponse:
    """Accept or decline one's own offer, then show My applications with the outcome."""
    user = request_user(request)
    offer = scoped_get(
        offer_list(user=user).filter(application__person__user=user), user, public_id=public_id
    )
    try:
        if answer == "accept":
            offer_accept(offer=offer)
            messages.success(request, _("You accepted the seat. See you in class!"))
        else:
            offer_decline(offer=offer)
            messages.success(
                request, _("You declined the seat; it goes to the next person waiting.")
            )
    except ApplicationError as error:
        messages.error(request, str(error))
    return redirect("intake:my_applications")


def application_list_page(request: HttpRequest) -> HttpResponse:
    """Operators' list of the applications in their area, filtered by batch, status,
    kelurahan and programme, sorted, a page at a time."""
    form = ApplicationFilterForm(request.GET, kelurahan=kelurahan_in_area(request_user(request)))
    applications = application_list_filtered(user=request_user(request), **form.filters())
    if form.errors:  # a filter not understood (a kelurahan outside the area): nothing matches
        applications = applications.none()
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/application_list.html",
        {"page": page, "form": form, "open_batches": batch_open_list()},
    )


def application_export_download(request: HttpRequest) -> HttpResponse:
    """The applications list as it is filtered on the page, as .xlsx."""
    form = ApplicationFilterForm(request.GET, kelurahan=kelurahan_in_area(request_user(request)))
    applications = application_list_filtered(user=request_user(request), **form.filters())
    if form.errors:
        applications = applications.none()
    response = HttpResponse(
        application_workbook(applications=applications),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="pendaftaran.xlsx"'
    return response


def application_detail_page(request: HttpRequest, public_id: str) -> HttpResponse:
    application = scoped_get(
        application_list(user=request_user(request)), request_user(request), public_id=public_id
    )
    return render(
        request,
        "intake/application_detail.html",
        {"application": application_view(application, with_outcome=True)},
    )


@require_POST
def suggestions_fragment(request: HttpRequest) -> HttpResponse:
    """The programmes the questionnaire answers point to, redrawn as the applicant answers."""
    answers = {
        key.removeprefix("interest_"): value
        for key, value in request.POST.items()
        if key.startswith("interest_")
    }
    return render(request, "intake/_suggestions.html", {"suggestions": named_suggestions(answers)})
