"""Routes of placement's indicators, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.placement.views import indicators as views

urlpatterns: list[URLPattern] = [
    path("outcomes/", require_GET(views.indicators_page), name="indicators"),
]

register_route_access(
    "placement",
    {
        # Aggregates only: leaders see the city, operators their own area.
        "indicators": roles(
            Role.ADMIN, Role.VIEWER, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR
        ),
    },
)
