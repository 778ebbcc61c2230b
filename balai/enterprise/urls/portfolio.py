"""Routes of enterprise's portfolio, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.enterprise.views import portfolio as views

urlpatterns: list[URLPattern] = [
    path("loans/portfolio/", require_GET(views.portfolio_page), name="portfolio"),
    path(
        "loans/portfolio/export/",
        require_GET(views.portfolio_export_download),
        name="portfolio_export",
    ),
]

# Staff see their area's loans, with names; leaders (viewers) the city's, in aggregate.
PORTFOLIO_READERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.VIEWER)

register_route_access(
    "enterprise",
    {"portfolio": PORTFOLIO_READERS, "portfolio_export": PORTFOLIO_READERS},
)
