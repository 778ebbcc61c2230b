"""The dashboards: one page per area (and class), from the reader's own area down."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from balai.accounts.models import Role, User
from balai.core.access import request_user
from balai.core.errors import NotFoundError
from balai.core.models import Job
from balai.core.scoping import aggregate_area_of
from balai.reporting.charts import chart_svg
from balai.reporting.dashboard import Dashboard, dashboard_for
from balai.reporting.models import SummaryLevel
from balai.reporting.refresh import stale_refresh_start, summaries_refresh_start
from balai.reporting.selectors import headline_of, summaries_exist
from balai.reporting.tables import Column, Table

# A day: a refresh makes new keys, so an older rendering is only ever memory to reclaim.
PANELS_KEPT_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Panel:
    """A table as its section shows it: the chart, and each cell beside its column's kind."""

    table: Table
    svg: SafeString
    rows: list[tuple[list[tuple[object, Column]], tuple[str, str] | None]]
    total: list[tuple[object, Column]] | None


def panel_of(table: Table) -> Panel:
    return Panel(
        table=table,
        svg=chart_svg(table),
        rows=[(list(zip(row.cells, table.columns, strict=False)), row.link) for row in table.rows],
        total=list(zip(table.total, table.columns, strict=False)) if table.total else None,
    )


def dashboard_page(
    request: HttpRequest, level: str | None = None, code: str | None = None
) -> HttpResponse:
    """An area's figures, each chart with its table, and links down to the areas below."""
    user = request_user(request)
    try:
        dashboard = dashboard_for(user=user, level=level, code=code)
    except NotFoundError:
        if not _is_own_area(user, level, code) or summaries_exist():
            raise
        # A fresh install: nothing computed yet, so say so rather than "not found".
        first = stale_refresh_start(by=user)
        return render(request, "reporting/dashboard.html", _context(user, None, job=first))
    refreshing = stale_refresh_start(by=user) if dashboard.stale else None
    return render(request, "reporting/dashboard.html", _context(user, dashboard, job=refreshing))


def _context(user: User, dashboard: Dashboard | None, *, job: Job | None) -> dict[str, object]:
    context: dict[str, object] = {
        "dashboard": dashboard,
        "refresh_job": job,
        "can_refresh": user.role == Role.ADMIN,
    }
    if dashboard is not None:
        area = dashboard.area
        context["headline"] = headline_of(area) if area.level != SummaryLevel.CLASS else None
        context["panels_html"] = panels_html(dashboard)
    return context


def panels_html(dashboard: Dashboard) -> SafeString:
    """The dashboard's sections, charts and tables, rendered once per refresh and language.

    Drawing fifteen charts and a few thousand formatted cells is most of a page's cost, and
    their figures change only when the summaries do; the sections hold nothing that depends
    on the reader (the tables of an area are the same for everyone allowed to open it).
    """
    area = dashboard.area
    refresh = dashboard.refresh.pk if dashboard.refresh is not None else 0
    key = f"dashboard-panels:{area.level}:{area.code}:{refresh}:{get_language()}"
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string(
            "reporting/_dashboard_panels.html",
            {"area": area, "panels": [panel_of(table) for table in dashboard.tables]},
        )
        cache.set(key, html, timeout=PANELS_KEPT_SECONDS)
    return mark_safe(html)  # noqa: S308  (rendered by our own template, escaped there)


def _is_own_area(user: User, level: str | None, code: str | None) -> bool:
    return level is None or code is None or (level, code) == aggregate_area_of(user)


@require_POST
def summaries_refresh_page(request: HttpRequest) -> HttpResponse:
    """Queue a refresh of every dashboard's figures and follow its progress."""
    job = summaries_refresh_start(by=request_user(request))
    return redirect("core:job_detail", job_id=job.id)
