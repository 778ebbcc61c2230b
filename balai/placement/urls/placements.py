"""Routes of placement's placements, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import STAFF, register_route_access, roles
from balai.placement.views import placements as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("placements/", views.placements_page, name="placements"),
    path("placements/new/", GET_OR_POST(views.placement_new_page), name="placement_new"),
    path("placements/mine/", GET_OR_POST(views.my_placements_page), name="my_placements"),
    path(
        "placements/<int:placement_id>/end/",
        require_POST(views.placement_end_action),
        name="placement_end",
    ),
    path(
        "placements/<int:placement_id>/evidence/",
        views.placement_evidence_download,
        name="placement_evidence",
    ),
]

# Staff (admin, kecamatan and kelurahan operators) work on their area's graduates; a
# graduate on their own. Which rows each sees is the area scope's decision.
register_route_access(
    "placement",
    {
        "placements": STAFF,
        "placement_new": STAFF,
        "my_placements": roles(Role.PARTICIPANT),
        "placement_end": roles(
            Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
        ),
        # An employer sees the evidence of its own hires, like the placement itself.
        "placement_evidence": roles(
            Role.ADMIN,
            Role.KECAMATAN_OPERATOR,
            Role.KELURAHAN_OPERATOR,
            Role.PARTICIPANT,
            Role.EMPLOYER,
        ),
    },
)
