from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.models import Role, User
from balai.accounts.services import user_tokens_revoke_after_password_change
from balai.accounts.usernames import sign_in_name
from balai.core.access import STAFF, request_user
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.core.throttling import RateLimitedError, rate_limited_response
from balai.intake.allocation.offers import offer_accept, offer_decline
from balai.intake.application_export import application_workbook
from balai.intake.application_filters import ApplicationFilterForm
from balai.intake.choice_forms import PICK_PROGRAMME, SHOW_PLACES, ChoicesChangeForm
from balai.intake.choices import (
    application_choice_withdraw,
    application_choices_change,
    application_is_changeable,
    application_withdraw_own,
)
from balai.intake.choosing import offering_options
from balai.intake.forms import RegistrationForm, Returning
from balai.intake.models import Application, ApplicationStatus, Batch, Channel
from balai.intake.presentation import application_view, suggestions_to_pick
from balai.intake.questionnaire import QUESTIONNAIRE_VERSION
from balai.intake.selectors import (
    application_list,
    application_list_filtered,
    batch_open_list,
    consent_given_before,
    interests_answered_before,
    offer_list,
    programme_offered_list,
)
from balai.intake.services import CONSENT_VERSION, application_submit, application_submit_self
from balai.intake.throttles import registration_throttle
from balai.regions.models import Kelurahan
from balai.regions.selectors import kelurahan_list
from balai.registry.selectors import person_data_of, person_of_user

PAGE_SIZE = 50


def batch_choice_page(request: HttpRequest) -> HttpResponse:
    """The batches open for registration now."""
    return render(request, "intake/batch_choice.html", {"batches": batch_open_list()})


def register_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """Self-registration: a resident registers and applies, on one page that works on a phone.

    A signed-in resident already in the registry is asked only for the choices (and what
    they never answered): their personal data is on record.
    """
    batch = get_object_or_404(batch_open_list(), code=batch_code)
    if isinstance(request.user, User) and request.user.role in STAFF.roles:
        # Staff register residents on the assisted form, which keeps them signed in.
        return redirect("intake:assisted_register", batch_code=batch.code)
    # A full form sent by somebody now signed in is the second click of a double click (the
    # first one signed them in): it is judged as sent, and replays the first application.
    returning = _returning(request) if "nik" not in request.POST else None
    context: dict[str, Any] = {"batch": batch, "returning": returning}
    if returning is not None and request.method == "GET" and _has_applied(request, batch):
        return render(request, "intake/register.html", {**context, "already_applied": True})
    options: dict[str, Any] = {
        "batch": batch,
        "kelurahan": kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE),
        "returning": returning,
    }
    if _redraw_asked(request):
        context["form"] = RegistrationForm.redrawn(request.POST, **options)
        return render(request, "intake/register.html", context)
    form = RegistrationForm(request.POST or None, **options)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            registration_throttle(request)
            _register_and_sign_in(request, form)
        except RateLimitedError as error:
            form.show_refusal(error)
            page = render(request, "intake/register.html", context)
            return rate_limited_response(page, error)
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            _warn(request, form)
            return redirect("intake:my_applications")
    return render(request, "intake/register.html", context)


def _redraw_asked(request: HttpRequest) -> bool:
    """Whether a button without JavaScript asked to draw the form again, not to send it."""
    return request.method == "POST" and bool(
        request.POST.get(SHOW_PLACES) or request.POST.get(PICK_PROGRAMME)
    )


def _warn(request: HttpRequest, form: RegistrationForm) -> None:
    for warning in form.nik_warnings:
        messages.warning(request, warning)


def _returning(request: HttpRequest) -> Returning | None:
    user = request.user
    if not isinstance(user, User) or user.role != Role.PARTICIPANT:
        return None
    person = person_of_user(user=user)
    if person is None:
        return None
    return Returning(
        person=person,
        person_data=person_data_of(person=person),
        consent_given=consent_given_before(person=person, statement_version=CONSENT_VERSION),
        interests=interests_answered_before(person=person, version=QUESTIONNAIRE_VERSION),
    )


def _has_applied(request: HttpRequest, batch: Batch) -> bool:
    user = request_user(request)
    return application_list(user=user).filter(person__user=user, batch=batch).exists()


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
    options: dict[str, Any] = {
        "batch": batch,
        "kelurahan": kelurahan_in_area(operator),
        "assisted": True,
    }
    context: dict[str, Any] = {"batch": batch, "assisted": True}
    if _redraw_asked(request):
        context["form"] = RegistrationForm.redrawn(request.POST, **options)
        return render(request, "intake/register.html", context)
    form = RegistrationForm(request.POST or None, **options)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                submission=form.submission(channel=Channel.ASSISTED, submitted_by=operator)
            )
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            _warn(request, form)
            messages.success(request, _("The application has been recorded."))
            return redirect("intake:application_detail", public_id=application.public_id)
    return render(request, "intake/register.html", context)


def offering_options_fragment(request: HttpRequest, batch_code: str) -> HttpResponse:
    """The places offering the programme chosen at one rank, nearest to home first (htmx)."""
    batch = get_object_or_404(batch_open_list(), code=batch_code)
    rank = _rank_asked(request, batch)
    returning = _returning(request)
    if returning is not None:
        home: Kelurahan | None = returning.person.domicile_kelurahan
    else:
        home = kelurahan_list().filter(code=request.GET.get("domicile_kelurahan", "")).first()
    options = offering_options(
        batch=batch, programme_code=request.GET.get(f"programme_{rank}", ""), home=home
    )
    row = {"rank": rank, "name": f"choice_{rank}", "options": options, "chosen": ""}
    return render(request, "intake/_offering_options.html", {"row": row, "batch": batch})


def _rank_asked(request: HttpRequest, batch: Batch) -> int:
    ranks = {str(rank): rank for rank in range(1, batch.choice_count + 1)}
    return ranks.get(request.GET.get("rank", ""), 1)  # "²" is a digit to isdigit, not to int


def my_applications_page(
    request: HttpRequest, password_form: SetPasswordForm[User] | None = None
) -> HttpResponse:
    """A participant's own applications: status, the rules' reasons, priority, choices, and
    once the allocation is published their offers, why, and their waitlist places."""
    user = request_user(request)
    if password_form is None and not user.has_usable_password():
        password_form = SetPasswordForm(user)
    applications = [
        replace(
            application_view(item, with_outcome=True),
            changeable=application_is_changeable(item),
        )
        for item in application_list(user=user).filter(person__user=user)
    ]
    return render(
        request,
        "intake/my_applications.html",
        {
            "applications": applications,
            "password_form": password_form,
            # The phone as the resident wrote it (0812 3456 7890), which signs in too.
            "sign_in_as": sign_in_name(user),
        },
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


def _own_application(user: User, public_id: str) -> Application:
    return scoped_get(
        application_list(user=user).filter(person__user=user), user, public_id=public_id
    )


def choices_change_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """A resident changes the choices of their application while registration is open."""
    user = request_user(request)
    application = _own_application(user, public_id)
    if not application_is_changeable(application):
        messages.error(request, _("Registration is closed: the choices can no longer be changed."))
        return redirect("intake:my_applications")
    options: dict[str, Any] = {
        "batch": application.batch,
        "home": application.person.domicile_kelurahan,
    }
    if _redraw_asked(request):
        form = ChoicesChangeForm.redrawn(request.POST, **options)
    else:
        current = {
            field: value
            for choice in application.choices.all()
            for field, value in (
                (f"programme_{choice.rank}", choice.offering.programme.code),
                (f"choice_{choice.rank}", str(choice.offering_id)),
            )
        }
        form = ChoicesChangeForm(request.POST or None, initial=current, **options)
    if not _redraw_asked(request) and request.method == "POST" and form.is_valid():
        try:
            application_choices_change(
                application=application, choices=form.chosen_offerings, resident=user
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your new choices are saved."))
            return redirect("intake:my_applications")
    return render(
        request,
        "intake/choices_change.html",
        {"form": form, "application": application, "batch": application.batch},
    )


@require_POST
def choice_withdraw_action(request: HttpRequest, public_id: str, rank: int) -> HttpResponse:
    """A resident withdraws one choice of their application while registration is open."""
    user = request_user(request)
    application = _own_application(user, public_id)
    try:
        application = application_choice_withdraw(application=application, rank=rank, resident=user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        if application.status == ApplicationStatus.WITHDRAWN:
            messages.success(request, _("That was your last choice: the application is withdrawn."))
        else:
            messages.success(request, _("The choice is withdrawn; the later ones moved up."))
    return redirect("intake:my_applications")


@require_POST
def application_withdraw_action(request: HttpRequest, public_id: str) -> HttpResponse:
    """A resident withdraws their whole application while registration is open."""
    user = request_user(request)
    try:
        application_withdraw_own(application=_own_application(user, public_id), resident=user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("intake:my_applications")


def application_list_page(request: HttpRequest) -> HttpResponse:
    """Operators' list of the applications in their area, filtered by batch, status,
    kelurahan and programme, sorted, a page at a time."""
    form, applications = _applications_filtered(request)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/application_list.html",
        {"page": page, "form": form, "open_batches": batch_open_list()},
    )


def _applications_filtered(
    request: HttpRequest,
) -> tuple[ApplicationFilterForm, QuerySet[Application]]:
    """The filter form as asked and the applications it selects, for the page and download."""
    user = request_user(request)
    form = ApplicationFilterForm(request.GET, kelurahan=kelurahan_in_area(user))
    applications = application_list_filtered(user=user, **form.filters())
    if form.errors:  # a filter not understood (a kelurahan outside the area): nothing matches
        return form, applications.none()
    return form, applications


def application_export_download(request: HttpRequest) -> HttpResponse:
    """The applications list as it is filtered on the page, as .xlsx."""
    _form, applications = _applications_filtered(request)
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
    """The programmes the questionnaire answers point to, redrawn as the applicant answers;
    those the batch offers can be picked with one tap."""
    answers = {
        key.removeprefix("interest_"): value
        for key, value in request.POST.items()
        if key.startswith("interest_")
    }
    batch = batch_open_list().filter(code=request.POST.get("batch", "")).first()
    offered = dict(programme_offered_list(batch=batch)) if batch is not None else {}
    return render(
        request,
        "intake/_suggestions.html",
        {"suggestions": suggestions_to_pick(answers, offered=offered)},
    )
