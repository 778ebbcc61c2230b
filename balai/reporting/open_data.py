"""Open data: how far residents got in the programme, per kecamatan and sex, for anybody to
read and download, with every count of fewer than five people hidden (see
`balai.reporting.suppression`).

Only aggregates leave: kecamatan rows of the pre-computed summaries, never a kelurahan, a
class, a name or any figure finer than a kecamatan's men and women in one group. The city's
row and the totals column are each table's margins, so they take part in its suppression
like any other cell.

Each table is a group of people by the furthest stage they reached (registered but not in a
class, in a class but not finished, finished but not channelled, channelled), so every
person is in exactly one table. Tables of the funnel's stages themselves would be nested
(everyone enrolled is registered), and a count published in one would bound a count hidden
in another: enrolled B's 5 and 5 with registered B's total of 10 give registered B away, and
with it a small count beside it. Disjoint groups share no person, so no table says anything
about another, and each can be suppressed on its own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from balai.registry.models import Sex
from balai.reporting.models import AreaSummary, SummaryLevel
from balai.reporting.suppression import SMALLEST_PUBLISHED, table_suppress

# (name, title, the stage its people reached, the next stage, which they did not): the
# funnel's stages are nested along this chain, so each difference counts people.
OPEN_GROUPS: tuple[tuple[str, Promise, str, str | None], ...] = (
    ("not_enrolled", _("Registered, not in a class (yet)"), "registered", "enrolled"),
    ("in_class", _("In a class, not completed (yet)"), "enrolled", "completed"),
    ("completed", _("Completed, not channelled (yet)"), "completed", "channelled"),
    ("channelled", _("Channelled into work or a business"), "channelled", None),
)
# Sex is required of every person, so men and women add up to the total.
OPEN_SEXES = (Sex.MALE, Sex.FEMALE)
# Stable names of a CSV's columns, whatever the reader's language.
CSV_COLUMNS = ("area_code", "area", "male", "female", "total", "suppressed")


@dataclass(frozen=True)
class OpenCell:
    """A published count, or None when hidden. Why a cell is hidden is not told: a cell
    known to be hidden only to protect another holds 5 or more, which with the totals can
    give the small one away."""

    value: int | None


@dataclass(frozen=True)
class OpenRow:
    code: str
    name: str
    cells: tuple[OpenCell, ...]  # men, women, total


@dataclass(frozen=True)
class OpenTable:
    name: str
    title: str | Promise
    rows: tuple[OpenRow, ...]
    total: OpenRow


@dataclass(frozen=True)
class OpenData:
    tables: tuple[OpenTable, ...]
    computed_at: datetime.datetime | None
    smallest_published: int = SMALLEST_PUBLISHED

    def table(self, name: str) -> OpenTable | None:
        return next((table for table in self.tables if table.name == name), None)


def open_data() -> OpenData:
    """Return the open tables, one per stage, suppressed (one query)."""
    regency_code = settings.BALAI_REGENCY_CODE
    summaries = list(
        AreaSummary.objects.filter(
            Q(level=SummaryLevel.REGENCY, code=regency_code)
            | Q(level=SummaryLevel.KECAMATAN, parent_code=regency_code)
        )
        .only("level", "code", "name", "figures", "computed_at")
        .order_by("code")  # Kemendagri's order, as BPS publishes kecamatan
    )
    regency = next((item for item in summaries if item.level == SummaryLevel.REGENCY), None)
    kecamatan = [item for item in summaries if item.level == SummaryLevel.KECAMATAN]
    if regency is None or not kecamatan:
        return OpenData(tables=(), computed_at=None)
    tables = tuple(_open_table(group, regency, kecamatan) for group in OPEN_GROUPS)
    return OpenData(tables=tables, computed_at=max(item.computed_at for item in summaries))


def _open_table(
    group: tuple[str, Promise, str, str | None],
    regency: AreaSummary,
    kecamatan: list[AreaSummary],
) -> OpenTable:
    name, title, reached, not_reached = group
    counts = [
        [group_count(area, sex, reached, not_reached) for sex in OPEN_SEXES] for area in kecamatan
    ]
    suppressed = table_suppress(counts)

    def row(index: int, area: AreaSummary) -> OpenRow:
        cells = tuple(
            OpenCell(suppressed.published(index, column)) for column in range(len(OPEN_SEXES) + 1)
        )
        return OpenRow(area.code, area.name, cells)

    return OpenTable(
        name=name,
        title=title,
        rows=tuple(row(index, area) for index, area in enumerate(kecamatan)),
        total=row(len(kecamatan), regency),
    )


def group_count(area: AreaSummary, sex: str, reached: str, not_reached: str | None) -> int:
    """The people of `sex` in `area` who reached the stage `reached` and not `not_reached`."""
    further = _count(area, sex, not_reached) if not_reached else 0
    return _count(area, sex, reached) - further


def _count(area: AreaSummary, sex: str, stage: str) -> int:
    funnel: dict[str, Any] = area.figures.get("funnel", {})
    return int(funnel.get("sex", {}).get(sex, {}).get(stage, 0))


def open_table_csv_rows(table: OpenTable) -> list[list[object]]:
    """Return `table` as CSV rows: a header of stable names, then each kecamatan and the
    city; a hidden count is an empty cell, named in the row's `suppressed` column."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    for row in (*table.rows, table.total):
        values = [cell.value for cell in row.cells]
        hidden = [
            name for name, value in zip(CSV_COLUMNS[2:5], values, strict=True) if value is None
        ]
        rows.append([row.code, row.name, *values, ";".join(hidden)])
    return rows
