"""Routes of placement's applications, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.placement.views import applications as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("jobs/<int:vacancy_id>/apply/", GET_OR_POST(views.apply_page), name="apply"),
    path("jobs/my-applications/", views.my_applications_page, name="my_job_applications"),
    path(
        "jobs/my-applications/<int:application_id>/withdraw/",
        require_POST(views.withdraw_action),
        name="job_application_withdraw",
    ),
    path("jobs/profile/", GET_OR_POST(views.job_profile_page), name="job_profile"),
    path(
        "jobs/profile/shares/<int:share_id>/revoke/",
        require_POST(views.share_revoke_action),
        name="profile_share_revoke",
    ),
    path(
        "employers/vacancies/<int:vacancy_id>/applicants/",
        views.applicants_page,
        name="applicants",
    ),
    path(
        "employers/vacancies/<int:vacancy_id>/applicants/<int:application_id>/decision/",
        require_POST(views.applicant_decide_action),
        name="applicant_decide",
    ),
    path(
        "employers/graduates/<uuid:public_id>/",
        views.graduate_profile_page,
        name="graduate_profile",
    ),
]

register_route_access(
    "placement",
    {
        "apply": roles(Role.PARTICIPANT),
        "my_job_applications": roles(Role.PARTICIPANT),
        "job_application_withdraw": roles(Role.PARTICIPANT),
        "job_profile": roles(Role.PARTICIPANT),
        "profile_share_revoke": roles(Role.PARTICIPANT),
        "applicants": roles(Role.EMPLOYER),
        "applicant_decide": roles(Role.EMPLOYER),
        "graduate_profile": roles(Role.EMPLOYER),
    },
)
