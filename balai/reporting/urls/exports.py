from __future__ import annotations

from django.urls import path

from balai.reporting.urls.dashboards import DASHBOARD_READERS
from balai.reporting.views import exports

urlpatterns = [
    path(
        "dashboard/<str:level>/<str:code>/export/<str:table>.<str:file_format>",
        exports.dashboard_export,
        name="dashboard_export",
    ),
]
POLICIES = {"dashboard_export": DASHBOARD_READERS}
