"""Routes of grant payouts, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balai.core.access import ADMIN_ONLY, register_route_access
from balai.enterprise.views import payouts as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("payouts/", require_GET(views.payouts_page), name="payouts"),
    path(
        "grants/<int:grant_id>/payout/",
        GET_OR_POST(views.payout_record_page),
        name="payout_record",
    ),
    path(
        "payouts/<int:payout_id>/approve/",
        require_POST(views.payout_approve_action),
        name="payout_approve",
    ),
    path(
        "payouts/<int:payout_id>/cancel/",
        require_POST(views.payout_cancel_action),
        name="payout_cancel",
    ),
    path(
        "payouts/<int:payout_id>/retry/",
        GET_OR_POST(views.payout_retry_page),
        name="payout_retry",
    ),
]

# Money leaving the city's account is Disnaker's finance staff's decision (administrators):
# one records a payout, another approves it. Operators verify grants, they do not pay them.
register_route_access(
    "enterprise",
    {
        "payouts": ADMIN_ONLY,
        "payout_record": ADMIN_ONLY,
        "payout_approve": ADMIN_ONLY,
        "payout_cancel": ADMIN_ONLY,
        "payout_retry": ADMIN_ONLY,
    },
)
