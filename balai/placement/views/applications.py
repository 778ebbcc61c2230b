"""Pages of placement's applications: a graduate applies in one step, follows and withdraws
their applications, sets their job preferences and who sees their profile; an employer reads
and answers the applicants of a vacancy and the profile of a graduate who shared it."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.placement.application_forms import (
    ApplicantFilterForm,
    ApplyForm,
    JobPreferenceForm,
)
from balai.placement.application_selectors import (
    applicant_counts,
    employer_vacancy,
    graduate_profile,
    my_application_to,
    my_applications,
    my_job_preference,
    my_shares,
    next_step,
    person_of_graduate,
    training_records,
    vacancy_applicants,
)
from balai.placement.applications import (
    WITHDRAWABLE,
    job_application_decide,
    job_application_submit,
    job_application_withdraw,
    job_preference_save,
    profile_share_revoke,
)
from balai.placement.models import ApplicationStatus, Vacancy
from balai.placement.vacancy_selectors import vacancy_refusal

PAGE_SIZE = 50


def apply_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Apply in one step, seeing plainly what is shared with the company."""
    user = request_user(request)
    vacancy = get_object_or_404(Vacancy.objects.select_related("company"), pk=vacancy_id)
    person = person_of_graduate(user=user)
    refusal = vacancy_refusal(vacancy)
    if refusal:
        raise ApplicationError(refusal, code="vacancy_not_open")
    if my_application_to(user=user, vacancy=vacancy) is not None:
        # Straight to where the application's status and next step are shown, not a form
        # that can only be refused.
        messages.info(request, _("You already applied for this job."))
        return redirect("placement:vacancy", vacancy.pk)
    records = training_records(person=person, user=user)
    fair = request.GET.get("fair", "")
    form = ApplyForm(
        records, request.POST or None, initial={"fair": fair if fair.isdigit() else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            job_application_submit(
                user=user,
                vacancy_id=vacancy.pk,
                enrolment_id=form.cleaned_data["enrolment"],
                note=form.cleaned_data["note"],
                job_fair_id=form.cleaned_data["fair"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your application was sent to %(company)s.") % {"company": vacancy.company},
            )
            return redirect("placement:my_job_applications")
    return render(
        request,
        "placement/applications/apply.html",
        {"vacancy": vacancy, "person": person, "form": form, "records": records},
    )


def my_applications_page(request: HttpRequest) -> HttpResponse:
    """The graduate's applications, each with its status and what to do next."""
    user = request_user(request)
    rows = [
        (application, next_step(application.status)) for application in my_applications(user=user)
    ]
    return render(
        request,
        "placement/applications/mine.html",
        {"rows": rows, "withdrawable": [str(status) for status in WITHDRAWABLE]},
    )


def withdraw_action(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        job_application_withdraw(user=request_user(request), application_id=application_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("placement:my_job_applications")


def job_profile_page(request: HttpRequest) -> HttpResponse:
    """The graduate's job preferences, and the companies that see their profile."""
    user = request_user(request)
    try:
        person_of_graduate(user=user)
    except PermissionDeniedError as error:
        # Not a refusal: a participant still in training is told when the page opens to them.
        return render(request, "placement/applications/profile.html", {"waiting": error.message})
    form = JobPreferenceForm(request.POST or None, instance=my_job_preference(user=user))
    if request.method == "POST" and form.is_valid():
        try:
            job_preference_save(user=user, preference=form.preference())
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your job preferences were saved."))
            return redirect("placement:job_profile")
    return render(
        request,
        "placement/applications/profile.html",
        {"form": form, "shares": my_shares(user=user)},
    )


def share_revoke_action(request: HttpRequest, share_id: int) -> HttpResponse:
    try:
        profile_share_revoke(user=request_user(request), share_id=share_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The company no longer sees your phone, training or certificate. "
                "It still sees your name and the status of applications you sent it."
            ),
        )
    return redirect("placement:job_profile")


def applicants_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The applicants of one of the employer's vacancies, filtered by status, paginated."""
    user = request_user(request)
    vacancy = employer_vacancy(user=user, vacancy_id=vacancy_id)
    filter_form = ApplicantFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    applicants = vacancy_applicants(user=user, vacancy=vacancy, status=status)
    return render(
        request,
        "placement/applications/applicants.html",
        {
            "vacancy": vacancy,
            "filter_form": filter_form,
            "counts": [
                (ApplicationStatus(status).label, count)
                for status, count in applicant_counts(user=user, vacancy=vacancy).items()
            ],
            "page": Paginator(applicants, PAGE_SIZE).get_page(request.GET.get("page")),
            "shortlistable": [ApplicationStatus.APPLIED.value],
            "rejectable": [
                ApplicationStatus.APPLIED.value,
                ApplicationStatus.SHORTLISTED.value,
                ApplicationStatus.INTERVIEW.value,
            ],
        },
    )


def applicant_decide_action(
    request: HttpRequest, vacancy_id: int, application_id: int
) -> HttpResponse:
    try:
        application = job_application_decide(
            user=request_user(request),
            application_id=application_id,
            status=request.POST.get("status", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": application.person.full_name, "status": application.get_status_display()},
        )
    return redirect(
        f"{reverse('placement:applicants', kwargs={'vacancy_id': vacancy_id})}"
        f"?{request.GET.urlencode()}"
    )


def graduate_profile_page(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A graduate's profile, for an employer they shared it with (anyone else: not found)."""
    profile = graduate_profile(user=request_user(request), public_id=public_id)
    return render(request, "placement/applications/graduate.html", {"profile": profile})
