"""Routes of placement's tracer, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.core.access import ADMIN_ONLY, PUBLIC, STAFF, register_route_access
from balai.placement.views import tracer as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("survey/<str:token>/", GET_OR_POST(views.survey_page), name="survey"),
    path("tracer/", views.tracer_page, name="tracer"),
    path("tracer/send/", require_POST(views.tracer_send_action), name="tracer_send"),
    path("tracer/waves/", GET_OR_POST(views.tracer_waves_page), name="tracer_waves"),
    path(
        "tracer/waves/<int:wave_id>/",
        require_POST(views.tracer_wave_change_action),
        name="tracer_wave_change",
    ),
]

register_route_access(
    "placement",
    {
        # The graduate's personal link: no sign-in; the token is the key, wrong ones are
        # rate-limited per address.
        "survey": PUBLIC,
        "tracer": STAFF,
        "tracer_send": ADMIN_ONLY,
        "tracer_waves": ADMIN_ONLY,
        "tracer_wave_change": ADMIN_ONLY,
    },
)
