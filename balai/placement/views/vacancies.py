"""Pages of placement's vacancies: the public search and a vacancy's page, the employer's
vacancies (list, new, edit, submit, close), and the admins' verification queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.placement.application_selectors import my_application_to, next_step
from balai.placement.companies import company_of_user
from balai.placement.models import Vacancy
from balai.placement.vacancies import (
    vacancy_close,
    vacancy_create,
    vacancy_reject,
    vacancy_submit,
    vacancy_update,
    vacancy_verify,
)
from balai.placement.vacancy_forms import VacancyForm, VacancyRejectForm, VacancySearchForm
from balai.placement.vacancy_selectors import (
    VacancySearch,
    employer_vacancy_get,
    employer_vacancy_list,
    vacancy_for_viewer,
    vacancy_get_for_admin,
    vacancy_open_for_applications,
    vacancy_queue,
    vacancy_search,
)

PAGE_SIZE = 20


def vacancy_search_page(request: HttpRequest) -> HttpResponse:
    """Open vacancies for graduates and the public, filtered and sorted, a page at a time."""
    form = VacancySearchForm(request.GET or None)
    search = form.search() if form.is_bound else VacancySearch()
    vacancies = vacancy_search(search) if search is not None else Vacancy.objects.none()
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "placement/vacancies/search.html", {"form": form, "page": page})


def vacancy_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Everything a job seeker needs to know about one vacancy; closed, expired or
    unpublished ones only for their company and admins."""
    vacancy = vacancy_for_viewer(vacancy_id=vacancy_id, user=request.user)
    application = my_application_to(user=request.user, vacancy=vacancy)
    return render(
        request,
        "placement/vacancies/detail.html",
        {
            "vacancy": vacancy,
            "open_for_applications": vacancy_open_for_applications(vacancy),
            "my_application": application,
            "my_next_step": next_step(application.status) if application else "",
        },
    )


def employer_vacancies_page(request: HttpRequest) -> HttpResponse:
    """The employer's company's vacancies with their status, and what to do with each."""
    employer = request_user(request)
    vacancies = employer_vacancy_list(employer=employer)
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/vacancies/employer_list.html",
        {"page": page, "company": company_of_user(employer), "today": timezone.localdate()},
    )


def employer_vacancy_new_page(request: HttpRequest) -> HttpResponse:
    """A new vacancy, saved as a draft or submitted for verification at once."""
    employer = request_user(request)
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            vacancy = vacancy_create(employer=employer, data=form.vacancy_input(), submit=submit)
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            if submit:
                messages.success(request, _("The vacancy is sent for verification."))
            else:
                messages.success(request, _("The vacancy is saved as a draft."))
            return redirect("placement:employer_vacancy_edit", vacancy_id=vacancy.pk)
    company = company_of_user(employer)
    return render(
        request,
        "placement/vacancies/form.html",
        {"form": form, "vacancy": None, "company": company},
    )


def employer_vacancy_edit_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Change a vacancy of the employer's company (another company's: not found)."""
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    form = VacancyForm(request.POST) if request.method == "POST" else VacancyForm.of(vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            saved = vacancy_update(vacancy=vacancy, employer=employer, data=form.vacancy_input())
        except ApplicationError as error:
            form.show_refusal(error)
        else:
            if saved.sent_back_for_verification:
                messages.warning(
                    request,
                    _(
                        "The title, description or wages changed: the vacancy is hidden until "
                        "an admin verifies it again."
                    ),
                )
            else:
                messages.success(request, _("The vacancy is saved."))
            return redirect("placement:employer_vacancy_edit", vacancy_id=vacancy.pk)
    return render(
        request,
        "placement/vacancies/form.html",
        {"form": form, "vacancy": vacancy, "company": vacancy.company},
    )


def employer_vacancy_submit_action(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    try:
        vacancy_submit(vacancy=vacancy, employer=employer)
        messages.success(request, _("The vacancy is sent for verification."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("placement:employer_vacancies")


def employer_vacancy_close_action(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    vacancy_close(vacancy=vacancy, employer=employer)
    messages.success(request, _("The vacancy is closed: it takes no more applications."))
    return redirect("placement:employer_vacancies")


def vacancy_queue_page(request: HttpRequest) -> HttpResponse:
    """The vacancies waiting for verification, the oldest first."""
    page = Paginator(vacancy_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/vacancies/queue.html",
        {"page": page, "reject_form": VacancyRejectForm()},
    )


def vacancy_decide_action(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Verify (publish) or reject, with a reason, one vacancy."""
    admin = request_user(request)
    vacancy = vacancy_get_for_admin(vacancy_id=vacancy_id)
    form = VacancyRejectForm(request.POST)
    decision = request.POST.get("decision")
    try:
        if decision == "verify":
            vacancy_verify(vacancy=vacancy, admin=admin)
            messages.success(request, _("The vacancy is published."))
        elif decision == "reject" and form.is_valid():
            vacancy_reject(vacancy=vacancy, admin=admin, reason=form.cleaned_data["reason"])
            messages.success(request, _("The vacancy is rejected; the employer sees why."))
        else:
            messages.error(request, _("Choose to verify or to reject, with a reason."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("placement:vacancy_queue")
