from __future__ import annotations

from django.urls import path

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, roles
from balai.reporting.views import dashboards

DASHBOARD_READERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.VIEWER)

urlpatterns = [
    path("dashboard/", dashboards.dashboard_page, name="dashboard"),
    path("dashboard/refresh/", dashboards.summaries_refresh_page, name="summaries_refresh"),
    path("dashboard/<str:level>/<str:code>/", dashboards.dashboard_page, name="dashboard_area"),
]
POLICIES = {
    "dashboard": DASHBOARD_READERS,
    "dashboard_area": DASHBOARD_READERS,
    "summaries_refresh": ADMIN_ONLY,
}
