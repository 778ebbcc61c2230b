"""Routes of enterprise's grants, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, STAFF, register_route_access, roles
from balai.enterprise.views import grants as views

GET_OR_POST = require_http_methods(["GET", "POST"])
STAFF_AND_PARTICIPANTS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)

urlpatterns: list[URLPattern] = [
    path("grants/batches/", views.grant_batches_page, name="grant_batches"),
    path("grants/batches/new/", GET_OR_POST(views.grant_batch_new_page), name="grant_batch_new"),
    path(
        "grants/batches/<int:batch_id>/",
        GET_OR_POST(views.grant_batch_detail_page),
        name="grant_batch_detail",
    ),
    path("grants/apply/", GET_OR_POST(views.grant_apply_page), name="grant_apply"),
    path("grants/", views.grant_applications_page, name="grant_applications"),
    path("grants/mine/", views.my_grants_page, name="my_grants"),
    path("grants/usage/", views.grant_usage_page, name="grant_usage"),
    path("grants/<int:grant_id>/", views.grant_detail_page, name="grant_detail"),
    path(
        "grants/<int:grant_id>/verify/", require_POST(views.grant_verify_page), name="grant_verify"
    ),
    path(
        "grants/<int:grant_id>/decide/", require_POST(views.grant_decide_page), name="grant_decide"
    ),
    path(
        "grants/<int:grant_id>/usage/",
        GET_OR_POST(views.grant_usage_report_page),
        name="grant_usage_report",
    ),
]

# Batches and decisions are the admin's; verification is staff's of the grant's area; a
# participant applies, sees their own and reports what a paid grant bought. Which rows each
# sees is the area scope's decision.
register_route_access(
    "enterprise",
    {
        "grant_batches": ADMIN_ONLY,
        "grant_batch_new": ADMIN_ONLY,
        "grant_batch_detail": ADMIN_ONLY,
        "grant_apply": STAFF_AND_PARTICIPANTS,
        "grant_applications": STAFF,
        "grant_detail": STAFF_AND_PARTICIPANTS,
        "grant_verify": STAFF,
        "grant_decide": ADMIN_ONLY,
        "my_grants": roles(Role.PARTICIPANT),
        "grant_usage_report": STAFF_AND_PARTICIPANTS,
        "grant_usage": STAFF,
    },
)
