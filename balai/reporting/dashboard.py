"""Reading a dashboard: one area's pre-computed summary, the areas below it, and the tables
built from them, for a reader allowed to see that area.

A dashboard costs the same few queries whatever the number of people behind it, and whatever
its level: the area (which carries the trail above it), its children and the latest refresh,
all read by key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import NotFoundError, PermissionDeniedError
from balai.core.scoping import aggregate_area_of
from balai.reporting.models import AreaSummary, SummaryLevel, SummaryRefresh
from balai.reporting.refresh import is_stale, latest_refresh
from balai.reporting.tables import Table

# The level below each: what a dashboard lists and drills down to.
CHILD_LEVEL = {
    SummaryLevel.REGENCY: SummaryLevel.KECAMATAN,
    SummaryLevel.KECAMATAN: SummaryLevel.KELURAHAN,
    SummaryLevel.KELURAHAN: SummaryLevel.CLASS,
}


class AreaLink(NamedTuple):
    """An area a page links to: its level, code and name."""

    level: str
    code: str
    name: str


@dataclass
class Dashboard:
    """One area's figures as a reader may see them."""

    area: AreaSummary
    trail: list[AreaLink]  # from the reader's own area down to this one's parent
    children: list[AreaSummary]
    refresh: SummaryRefresh | None
    tables: list[Table]

    @property
    def computed_at(self) -> datetime:
        return self.area.computed_at

    @property
    def stale(self) -> bool:
        return is_stale(self.refresh)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(SummaryLevel(self.area.level))

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise NotFoundError(_("Not found, or outside your area."))


TableBuilder = Callable[["Dashboard"], list[Table]]
_TABLE_BUILDERS: list[TableBuilder] = []


def dashboard_tables(build: TableBuilder) -> TableBuilder:
    """Register `build` as a maker of a dashboard's tables, shown in registration order."""
    _TABLE_BUILDERS.append(build)
    return build


def dashboard_for(*, user: User, level: str | None = None, code: str | None = None) -> Dashboard:
    """Return the dashboard of the area (`level`, `code`), or of the reader's own area.

    An area outside the reader's is reported as not found, as rows are; a reader whose role
    reads no area's figures is refused.
    """
    own = aggregate_area_of(user)
    if own is None:
        raise PermissionDeniedError(_("Your role has no dashboard."))
    if level is None or code is None:
        level, code = own
    area = _summary(level, code)
    lineage = [AreaLink(*above) for above in area.lineage] + [
        AreaLink(area.level, area.code, area.name)
    ]
    own_index = next(
        (index for index, item in enumerate(lineage) if (item.level, item.code) == own), None
    )
    if own_index is None:
        raise NotFoundError(_("Not found, or outside your area."))
    dashboard = Dashboard(
        area=area,
        trail=lineage[own_index:-1],
        children=_children(area),
        refresh=latest_refresh(),
        tables=[],
    )
    for build in _TABLE_BUILDERS:
        dashboard.tables.extend(build(dashboard))
    return dashboard


def _summary(level: str, code: str) -> AreaSummary:
    if level not in SummaryLevel.values:
        raise NotFoundError(_("Not found, or outside your area."))
    summary = AreaSummary.objects.filter(level=level, code=code).first()
    if summary is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return summary


def _children(area: AreaSummary) -> list[AreaSummary]:
    child_level = CHILD_LEVEL.get(SummaryLevel(area.level))
    if child_level is None:
        return []
    return list(
        AreaSummary.objects.filter(level=child_level, parent_code=area.code).order_by("name")
    )
