"""Routes of the monthly report for the mayor, with their access beside them."""

from __future__ import annotations

from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, roles
from balai.reporting.views import monthly

REPORT_READERS = roles(Role.ADMIN, Role.VIEWER)

urlpatterns = [
    path(
        "reports/monthly/",
        require_GET(monthly.monthly_report_list_page),
        name="monthly_report_list",
    ),
    path(
        "reports/monthly/generate/",
        require_POST(monthly.monthly_report_generate_action),
        name="monthly_report_generate",
    ),
    path(
        "reports/monthly/<int:pk>.pdf",
        require_GET(monthly.monthly_report_download),
        name="monthly_report_download",
    ),
]
POLICIES = {
    "monthly_report_list": REPORT_READERS,
    "monthly_report_generate": ADMIN_ONLY,
    "monthly_report_download": REPORT_READERS,
}
