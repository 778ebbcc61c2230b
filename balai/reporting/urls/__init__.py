"""Reporting's routes, one module per part; each lists its routes' access beside them."""

from __future__ import annotations

from balai.core.access import register_route_access
from balai.reporting.urls import dashboards, exports, home, monthly, open_data

app_name = "reporting"
urlpatterns = [
    *home.urlpatterns,
    *dashboards.urlpatterns,
    *exports.urlpatterns,
    *monthly.urlpatterns,
    *open_data.urlpatterns,
]
for part in (home, dashboards, exports, monthly, open_data):
    register_route_access(app_name, part.POLICIES)
