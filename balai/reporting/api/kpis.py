"""The dashboards over the API: the headline figures of the reader's own area, and any area's
tables as the page shows them, scoped exactly like the page (both go through `dashboard_for`).

Percentages are numbers from 0 to 100 with one decimal, null when there is nothing to divide
by. Figures are pre-computed; `computed_at` says when.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import register_route_access, request_user
from balai.reporting.dashboard import Dashboard, dashboard_for
from balai.reporting.funnel import TARGET_STAGE
from balai.reporting.models import AreaSummary
from balai.reporting.tables import Row, Table, percent, section_of
from balai.reporting.urls.dashboards import DASHBOARD_READERS

router = Router(tags=["reporting"], auth=SIGNED_IN_AUTH)

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
Cell = int | float | str | None


class ReportingAreaOut(Schema):
    level: str = Field(description="regency, kecamatan, kelurahan or class.")
    code: str = Field(description="The area's code (a class's id).")
    name: str


class ReportingKpisOut(Schema):
    area: ReportingAreaOut
    computed_at: datetime.datetime = Field(description="When these figures were computed.")
    stale: bool = Field(description="True when the figures are older than they should be.")
    registered: int
    enrolled: int = Field(description="People enrolled: what the target counts.")
    target: int = Field(description="Participants to enrol: 100 per kelurahan of the area.")
    target_percent: float | None = Field(description="Enrolled as a share of the target (%).")
    completed: int
    certified: int
    channelled: int = Field(description="In a job, self-employed or in a business group.")
    completion_rate_percent: float | None = Field(description="Completed of enrolled (%).")


class ReportingColumnOut(Schema):
    key: str
    label: str
    kind: str = Field(description="text, count, percent, rupiah or number.")


class ReportingLinkOut(Schema):
    level: str
    code: str


class ReportingRowOut(Schema):
    cells: list[Cell]
    link: ReportingLinkOut | None = Field(description="The area or class a row drills down to.")


class ReportingTableOut(Schema):
    name: str = Field(description="Stable: the same as in the table's export file name.")
    title: str
    columns: list[ReportingColumnOut]
    rows: list[ReportingRowOut]
    total: list[Cell] | None
    note: str


class ReportingAreaTablesOut(Schema):
    area: ReportingAreaOut
    computed_at: datetime.datetime
    stale: bool
    children: list[ReportingAreaOut] = Field(description="The areas (or classes) below.")
    tables: list[ReportingTableOut]


def area_out(area: AreaSummary) -> ReportingAreaOut:
    return ReportingAreaOut(level=area.level, code=area.code, name=area.name)


def kpis_out(dashboard: Dashboard) -> ReportingKpisOut:
    funnel = section_of(dashboard.area.figures, "funnel")
    totals = funnel.get("total", {})
    target = funnel.get("target", 0)
    enrolled = totals.get(TARGET_STAGE, 0)
    completed = totals.get("completed", 0)
    return ReportingKpisOut(
        area=area_out(dashboard.area),
        computed_at=dashboard.computed_at,
        stale=dashboard.stale,
        registered=totals.get("registered", 0),
        enrolled=enrolled,
        target=target,
        target_percent=percent(enrolled, target),
        completed=completed,
        certified=totals.get("certified", 0),
        channelled=totals.get("channelled", 0),
        completion_rate_percent=percent(completed, enrolled),
    )


def _cells(values: list[object]) -> list[Cell]:
    return [
        value if value is None or isinstance(value, int | float) else str(value) for value in values
    ]


def _row_out(row: Row) -> ReportingRowOut:
    link = ReportingLinkOut(level=row.link[0], code=row.link[1]) if row.link else None
    return ReportingRowOut(cells=_cells(row.cells), link=link)


def table_out(table: Table) -> ReportingTableOut:
    return ReportingTableOut(
        name=table.name,
        title=str(table.title),
        columns=[
            ReportingColumnOut(key=column.key, label=str(column.label), kind=column.kind)
            for column in table.columns
        ],
        rows=[_row_out(row) for row in table.rows],
        total=None if table.total is None else _cells(table.total),
        note=str(table.note),
    )


@router.get("/kpis", response={200: ReportingKpisOut, **READ_ERRORS}, url_name="reporting_kpis")
def reporting_kpis_endpoint(request: HttpRequest) -> ReportingKpisOut:
    """The headline figures of the caller's own area: the funnel against the target."""
    return kpis_out(dashboard_for(user=request_user(request)))


@router.get(
    "/areas/{level}/{code}",
    response={200: ReportingAreaTablesOut, **READ_ERRORS},
    url_name="reporting_area_tables",
)
def reporting_area_tables_endpoint(
    request: HttpRequest, level: str, code: str
) -> ReportingAreaTablesOut:
    """Every table of an area's dashboard (regency, kecamatan, kelurahan or class) within
    the caller's area; the rows link to the areas below by level and code."""
    dashboard = dashboard_for(user=request_user(request), level=level, code=code)
    return ReportingAreaTablesOut(
        area=area_out(dashboard.area),
        computed_at=dashboard.computed_at,
        stale=dashboard.stale,
        children=[area_out(child) for child in dashboard.children],
        tables=[table_out(table) for table in dashboard.tables],
    )


register_route_access(
    "api-v1",
    {"reporting_kpis": DASHBOARD_READERS, "reporting_area_tables": DASHBOARD_READERS},
)
