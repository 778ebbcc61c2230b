"""Routes of placement's employers, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, roles
from balai.placement.views import employers as views

GET_OR_POST = require_http_methods(["GET", "POST"])
urlpatterns: list[URLPattern] = [
    path(
        "employers/register/",
        GET_OR_POST(views.employer_register_page),
        name="employer_register",
    ),
    path("employers/company/", views.employer_company_page, name="employer_company"),
    path(
        "employers/company/edit/",
        require_POST(views.employer_company_edit_action),
        name="employer_company_edit",
    ),
    path(
        "employers/company/members/add/",
        require_POST(views.employer_member_add_action),
        name="employer_member_add",
    ),
    path(
        "employers/company/members/<int:member_id>/remove/",
        require_POST(views.employer_member_remove_action),
        name="employer_member_remove",
    ),
    path("employers/verification/", views.company_queue_page, name="company_queue"),
    path("employers/<int:company_id>/", views.company_detail_page, name="company_detail"),
    path(
        "employers/<int:company_id>/decide/",
        require_POST(views.company_decide_action),
        name="company_decide",
    ),
]

register_route_access(
    "placement",
    {
        # Rate-limited per address; a signed-in visitor is told to sign out first.
        "employer_register": PUBLIC,
        "employer_company": roles(Role.EMPLOYER),
        "employer_company_edit": roles(Role.EMPLOYER),
        "employer_member_add": roles(Role.EMPLOYER),
        "employer_member_remove": roles(Role.EMPLOYER),
        "company_queue": ADMIN_ONLY,
        "company_detail": ADMIN_ONLY,
        "company_decide": ADMIN_ONLY,
    },
)
