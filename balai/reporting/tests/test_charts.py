"""The server-drawn charts: read back with a real XML parser, bar lengths and points checked
against figures worked out by hand (bars fill 300 of the 360 units, the largest value or the
target filling them; a line's plot is 150 units high from y=10)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.utils import translation

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.reporting.charts import chart_svg
from balai.reporting.charts.drawing import NO_FIGURE, PALETTE
from balai.reporting.dashboard import dashboard_for
from balai.reporting.tables import Chart, Column, ColumnKind, Row, Table
from balai.testing.reporting import make_reporting_city

SVG = "{http://www.w3.org/2000/svg}"


def table(
    chart: Chart | None,
    rows: list[list[object]],
    kinds: tuple[ColumnKind, ...] = ("count",),
    title: str = "Figures",
) -> Table:
    columns = [Column("name", "Name", "text")] + [
        Column(f"value_{index}", f"Value {index}", kind) for index, kind in enumerate(kinds)
    ]
    return Table("figures", title, columns, [Row(cells) for cells in rows], chart=chart)


def fromstring(drawn: str) -> ElementTree.Element:
    """A real XML parser: what it accepts, a browser's SVG parser accepts too."""
    return ElementTree.fromstring(drawn)  # noqa: S314 - our own output, not a stranger's file


def parsed(figures: Table) -> ElementTree.Element:
    with translation.override("id"):
        return fromstring(str(chart_svg(figures)))


def bar_widths(svg: ElementTree.Element, series: int = 0) -> list[float]:
    group = svg.find(f"{SVG}g[@data-series='{series}']")
    assert group is not None
    return [float(bar.get("width", "")) for bar in group.iter(f"{SVG}rect")]


def texts(svg: ElementTree.Element) -> list[str]:
    return [element.text or "" for element in svg.iter(f"{SVG}text")]


def test_a_funnel_draws_one_bar_per_stage_in_proportion_with_its_count_written_on_it() -> None:
    svg = parsed(table(Chart("funnel"), [["Terdaftar", 12480], ["Layak", 6240], ["Lulus", 3120]]))
    assert bar_widths(svg) == [300, 150, 75]
    assert {"Terdaftar", "12.480", "6.240", "3.120"} <= set(texts(svg))


def test_a_funnel_with_a_target_scales_to_it_and_marks_it_with_a_line() -> None:
    svg = parsed(table(Chart("funnel", target=10400), [["Terdaftar", 5200], ["Layak", 2600]]))
    assert bar_widths(svg) == [150, 75]
    line = svg.find(f"{SVG}line")
    assert line is not None and line.get("x1") == "300"
    assert "Target: 10.400" in texts(svg)


def test_grouped_bars_draw_each_series_on_one_scale_with_a_legend() -> None:
    svg = parsed(
        table(Chart("bars", value_columns=(1, 2)), [["A", 1, 4], ["B", 2, 0]], ("count", "count"))
    )
    assert bar_widths(svg, 0) == [75, 150]
    assert bar_widths(svg, 1) == [300, 0]
    assert {"Value 0", "Value 1"} <= set(texts(svg))
    assert len(svg.findall(f"{SVG}defs/{SVG}pattern")) == 1


def test_a_ranking_is_a_percent_of_target_with_a_hundred_percent_line() -> None:
    rows: list[list[object]] = [["Sukarasa", 150.0], ["Sukasari", 100.0], ["Babakan", 50.0]]
    svg = parsed(table(Chart("ranking"), rows, ("percent",)))
    assert bar_widths(svg) == [300, 200, 100]
    line = svg.find(f"{SVG}line")
    assert line is not None and line.get("x1") == "200"
    assert {"150%", "100%", "50%"} <= set(texts(svg))


def test_nothing_to_divide_by_draws_no_bar_but_a_dash() -> None:
    svg = parsed(table(Chart("ranking"), [["Sukarasa", 45.6], ["Babakan", None]], ("percent",)))
    assert len(bar_widths(svg)) == 1
    assert NO_FIGURE in texts(svg) and "45,6%" in texts(svg)


def test_a_line_draws_a_point_per_week_on_a_percent_axis() -> None:
    rows: list[list[object]] = [["M1", 50.0], ["M2", 75.0], ["M3", 100.0], ["M4", 0.0]]
    svg = parsed(table(Chart("line"), rows, ("percent",)))
    points = svg.findall(f"{SVG}g[@data-series='0']/{SVG}circle")
    assert [point.get("cy") for point in points] == ["85", "47.5", "10", "160"]
    assert [point.get("cx") for point in points] == ["44", "140", "236", "332"]
    assert {"0%", "25%", "50%", "75%", "100%"} <= set(texts(svg))
    assert len(svg.findall(f"{SVG}polyline")) == 1


def test_a_line_breaks_where_a_week_has_nothing_to_divide_by() -> None:
    rows: list[list[object]] = [
        ["M1", 50.0],
        ["M2", 75.0],
        ["M3", None],
        ["M4", 20.0],
        ["M5", 30.0],
    ]
    svg = parsed(table(Chart("line"), rows, ("percent",)))
    assert len(svg.findall(f"{SVG}g[@data-series='0']/{SVG}circle")) == 4
    assert len(svg.findall(f"{SVG}polyline")) == 2


def test_long_figures_shorten_the_bars_so_that_they_stay_inside_the_chart() -> None:
    rows: list[list[object]] = [["Tangerang", 76_000_000], ["Benda", 38_000_000]]
    svg = parsed(table(Chart("bars"), rows, ("rupiah",)))
    # "Rp 76.000.000": 13 characters at 7.5 units, 6 units apart from its bar.
    assert bar_widths(svg) == [256.5, 128.2]
    assert {"Rp 76.000.000", "Rp 38.000.000"} <= set(texts(svg))


def test_a_week_is_named_under_the_axis_as_the_reader_writes_its_monday() -> None:
    rows: list[list[object]] = [["2026-09-28", 50.0], ["2026-10-05", 75.0]]
    svg = parsed(table(Chart("line"), rows, ("percent",)))
    assert {"28 Sep", "5 Okt"} <= set(texts(svg))


@pytest.mark.parametrize("kind", ["funnel", "bars", "line", "ranking"])
def test_a_hostile_label_stays_text(kind: str) -> None:
    label = '<script>alert("&")</script>'
    svg = parsed(table(Chart(kind), [[label, 3], ["B", 1]], title='"& <b>'))  # type: ignore[arg-type]
    assert not any(element.tag.endswith("script") for element in svg.iter())
    assert label in texts(svg)
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == '"& <b>'


@pytest.mark.parametrize("kind", ["funnel", "bars", "line", "ranking"])
def test_every_colour_comes_from_the_colour_blind_safe_palette(kind: str) -> None:
    rows: list[list[object]] = [["A", 30.0, 10.0, None], ["B", 60.0, None, 5.0], ["C", 90.0, 20, 1]]
    chart = Chart(kind, value_columns=(1, 2, 3), target=100)  # type: ignore[arg-type]
    svg = parsed(table(chart, rows, ("percent", "percent", "percent")))
    patterns = {f"url(#{pattern.get('id')})" for pattern in svg.iter(f"{SVG}pattern")}
    colours = {
        element.get(attribute)
        for element in svg.iter()
        for attribute in ("fill", "stroke")
        if element.get(attribute) is not None
    }
    assert colours - patterns - {"none"} <= set(PALETTE)


@pytest.mark.parametrize("kind", ["funnel", "bars", "line", "ranking"])
def test_a_chart_is_an_accessible_image_that_scales_to_a_phone(kind: str) -> None:
    svg = parsed(table(Chart(kind), [["A", 3], ["B", 1]]))  # type: ignore[arg-type]
    assert svg.get("role") == "img" and svg.get("width") == "100%"
    assert (svg.get("viewBox") or "").startswith("0 0 360 ")
    description = svg.find(f"{SVG}desc")
    assert description is not None and description.text
    # Text of 13 units in a 360-unit view is about 11.9 px on a 328 px phone column.
    assert svg.get("font-size") == "13"
    assert all(element.get("font-size") is None for element in svg.iter() if element is not svg)


def test_a_ranking_of_104_kelurahan_grows_taller_and_stays_small() -> None:
    rows: list[list[object]] = [
        [f"Kelurahan Karang Tengah Nomor {index}", index * 1.3] for index in range(104)
    ]
    figures = table(Chart("ranking"), rows, ("percent",))
    with translation.override("id"):
        drawn = str(chart_svg(figures))
    svg = fromstring(drawn)
    assert len(bar_widths(svg)) == 104
    height = float((svg.get("viewBox") or "").split()[3])
    assert height >= 104 * 32
    assert len(drawn.encode()) < 20_000
    assert not re.search(r"<script|style=|@import|href=\"http", drawn)


def test_a_table_without_a_chart_draws_nothing() -> None:
    assert chart_svg(table(None, [["A", 1]])) == ""


def test_a_table_without_rows_says_so() -> None:
    svg = parsed(table(Chart("bars"), []))
    assert svg.find(f"{SVG}rect") is None
    assert texts(svg) == ["Belum ada angka untuk digambar."]


@pytest.mark.django_db
def test_every_chart_of_the_city_dashboard_parses_with_its_own_ids(
    programmes: list[Programme], users_by_role: dict[str, User]
) -> None:
    make_reporting_city(programmes)
    dashboard = dashboard_for(user=users_by_role[Role.VIEWER])
    with translation.override("id"):
        drawn = [str(chart_svg(figures)) for figures in dashboard.tables if figures.chart]
    assert drawn
    ids = [identifier for svg in drawn for identifier in re.findall(r' id="([^"]+)"', svg)]
    assert len(ids) == len(set(ids))
    for svg in drawn:
        fromstring(svg)
