"""Routes of placement's recruitment, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.placement.views import recruitment as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("recruitment/", views.recruitments_page, name="recruitments"),
    path("recruitment/new/", GET_OR_POST(views.recruitment_new_page), name="recruitment_new"),
    path(
        "recruitment/<int:recruitment_id>/",
        GET_OR_POST(views.recruitment_page),
        name="recruitment",
    ),
]

# The camat's and lurah's offices recruit for their area; the admin for the whole city.
RECRUITERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR)
register_route_access(
    "placement",
    {"recruitments": RECRUITERS, "recruitment_new": RECRUITERS, "recruitment": RECRUITERS},
)
