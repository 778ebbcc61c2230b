"""A table of figures: what a dashboard shows beside each chart, what an export writes and
what the API returns, built once so that the three always agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ColumnKind = Literal["text", "count", "percent", "rupiah", "number"]
ChartKind = Literal["funnel", "bars", "line", "ranking"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "count"


@dataclass(frozen=True)
class Chart:
    """How a table is drawn: which column names each bar or point, which columns are
    plotted, and the target line if there is one."""

    kind: ChartKind
    label_column: int = 0
    value_columns: tuple[int, ...] = (1,)
    target: int | None = None


@dataclass(frozen=True)
class Row:
    """One row's cells, and the dashboard it drills down to (level, code) if any."""

    cells: list[object]
    link: tuple[str, str] | None = None


@dataclass(frozen=True)
class Table:
    """`name` is stable (an export's file name, the API's key); `title` is in the reader's
    language. A percent cell is a number from 0 to 100 or None (nothing to divide by)."""

    name: str
    title: str
    columns: list[Column]
    rows: list[Row]
    total: list[object] | None = None
    chart: Chart | None = None
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def section_of(figures: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the section `name` of a summary's `figures`, empty before it was computed."""
    return figures.get(name, {})  # type: ignore[no-any-return]  # JSON: a dict by construction


def percent(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal; None when `whole` is 0."""
    return round(part * 100 / whole, 1) if whole else None
