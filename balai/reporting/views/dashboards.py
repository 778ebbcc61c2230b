"""The dashboards: one page per area (and class), from the reader's own area down."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.core.access import request_user
from balai.reporting.charts import chart_svg
from balai.reporting.dashboard import dashboard_for


def dashboard_page(
    request: HttpRequest, level: str | None = None, code: str | None = None
) -> HttpResponse:
    """An area's figures, each chart with its table, and links down to the areas below."""
    dashboard = dashboard_for(user=request_user(request), level=level, code=code)
    panels = [(table, chart_svg(table)) for table in dashboard.tables]
    return render(request, "reporting/dashboard.html", {"dashboard": dashboard, "panels": panels})
