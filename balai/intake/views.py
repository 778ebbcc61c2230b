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
from balai.core.access import STAFF, request_user
from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.intake.allocation.offers import offer_accept, offer_decline
from balai.intake.forms import RegistrationForm
from balai.intake.models import Application, Channel
from balai.intake.presentation import application_view, named_suggestions
from balai.intake.selectors import application_list, batch_open_list, offer_list
from balai.intake.services import application_submit, application_submit_self
from balai.regions.selectors import kelurahan_list
from balai.registry.nik import nik_normalise
from balai.registry.selectors import person_of_user

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
            _refuse_another_persons_nik(request, form)
            _register_and_sign_in(request, form)
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            return redirect("intake:my_applications")
    return render(request, "intake/register.html", {"form": form, "batch": batch})


def _refuse_another_persons_nik(request: HttpRequest, form: RegistrationForm) -> None:
    """A signed-in resident applies for themselves only; registering somebody else would
    sign them in as that person."""
    if not isinstance(request.user, User):
        return
    own = person_of_user(user=request.user)
    if own is None or own.nik_hash != keyed_hash(nik_normalise(form.cleaned_data["nik"])):
        message = _("You are signed in as someone else. Sign out first to register another person.")
        raise ApplicationError(message, code="signed_in_as_other", details={"nik": [message]})


def _register_and_sign_in(request: HttpRequest, form: RegistrationForm) -> Application:
    application = application_submit_self(
        submission=form.submission(channel=Channel.SELF)
    ).application
    account = application.person.user
    # A new account (or the second click of a double click, before a password exists) is
    # signed in; an account with a password is never entered by resending a form.
    if account is not None and request.user != account and not account.has_usable_password():
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    return application


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
    """Operators' list of the applications in their area."""
    user = request_user(request)
    applications = application_list(user=user).order_by("-created_at")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "intake/application_list.html", {"page": page, "open_batches": batch_open_list()}
    )


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
