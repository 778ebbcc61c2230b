"""Routes of placement's vacancies, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, roles
from balai.placement.views import vacancies as views

GET_OR_POST = require_http_methods(["GET", "POST"])
EMPLOYER = roles(Role.EMPLOYER)

urlpatterns: list[URLPattern] = [
    path("jobs/", views.vacancy_search_page, name="vacancies"),
    path("jobs/<int:vacancy_id>/", views.vacancy_page, name="vacancy"),
    path("jobs/verification/", views.vacancy_queue_page, name="vacancy_queue"),
    path(
        "jobs/verification/<int:vacancy_id>/",
        require_POST(views.vacancy_decide_action),
        name="vacancy_decide",
    ),
    path("employers/vacancies/", views.employer_vacancies_page, name="employer_vacancies"),
    path(
        "employers/vacancies/new/",
        GET_OR_POST(views.employer_vacancy_new_page),
        name="employer_vacancy_new",
    ),
    path(
        "employers/vacancies/<int:vacancy_id>/edit/",
        GET_OR_POST(views.employer_vacancy_edit_page),
        name="employer_vacancy_edit",
    ),
    path(
        "employers/vacancies/<int:vacancy_id>/submit/",
        require_POST(views.employer_vacancy_submit_action),
        name="employer_vacancy_submit",
    ),
    path(
        "employers/vacancies/<int:vacancy_id>/close/",
        require_POST(views.employer_vacancy_close_action),
        name="employer_vacancy_close",
    ),
]

register_route_access(
    "placement",
    {
        # Graduates and the public find work without signing in; a vacancy that is not open
        # is shown only to its company and admins (vacancy_for_viewer).
        "vacancies": PUBLIC,
        "vacancy": PUBLIC,
        "vacancy_queue": ADMIN_ONLY,
        "vacancy_decide": ADMIN_ONLY,
        "employer_vacancies": EMPLOYER,
        "employer_vacancy_new": EMPLOYER,
        "employer_vacancy_edit": EMPLOYER,
        "employer_vacancy_submit": EMPLOYER,
        "employer_vacancy_close": EMPLOYER,
    },
)
