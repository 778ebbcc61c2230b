"""Routes of placement's matching, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.placement.views import matching as views

urlpatterns: list[URLPattern] = [
    path("jobs/recommended/", views.recommended_vacancies_page, name="recommended_vacancies"),
    path(
        "employers/vacancies/<int:vacancy_id>/recommended/",
        views.recommended_graduates_page,
        name="recommended_graduates",
    ),
]

register_route_access(
    "placement",
    {
        "recommended_vacancies": roles(Role.PARTICIPANT),
        # An employer of the vacancy's (verified) company; any other gets "not found".
        "recommended_graduates": roles(Role.EMPLOYER),
    },
)
