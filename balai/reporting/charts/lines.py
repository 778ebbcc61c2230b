"""A line over the weeks: rows along the x axis, each plotted column a line with a point per
known value and a gap where there was nothing to divide by; percents on a 0 to 100 axis."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balai.reporting.charts.drawing import (
    CAPTION_HEIGHT,
    INK,
    WIDTH,
    Series,
    coordinate,
    figure,
    largest_value,
    series_colour,
    text,
)
from balai.reporting.tables import ColumnKind

LEFT = 44  # room for the y axis' figures
RIGHT = 28  # room for half the last week's name
PLOT_HEIGHT = 150
BOTTOM = 30
X_LABELS = 5  # at most this many week names fit under the axis on a phone
# The second series on is dashed as well as coloured.
DASHES = ("", "6 3", "2 3", "8 3 2 3")


def line_chart(labels: list[str], series: list[Series]) -> tuple[float, list[str], str]:
    """Return the chart's height, its SVG pieces and its summary sentence."""
    largest = largest_value(series)
    ticks = axis_ticks(max(largest, 100) if series[0].kind == "percent" else largest)
    top = (CAPTION_HEIGHT * len(series) if len(series) > 1 else 0) + 10.0
    plot_width = WIDTH - LEFT - RIGHT
    if len(labels) > 1:
        xs = [LEFT + index * plot_width / (len(labels) - 1) for index in range(len(labels))]
    else:
        xs = [LEFT + plot_width / 2]

    def y_of(value: float) -> float:
        return top + PLOT_HEIGHT * (1 - max(value, 0) / ticks[-1])

    body = [_axis(ticks, y_of, series[0].kind)]
    every = math.ceil(len(labels) / X_LABELS)
    body.append(
        "<g>"
        + "".join(
            text(xs[index], top + PLOT_HEIGHT + 18, axis_label(labels[index]), anchor="middle")
            for index in range(0, len(labels), every)
        )
        + "</g>"
    )
    for number, one in enumerate(series):
        if len(series) > 1:
            body.append(_legend(number, one))
        body.append(_line(number, one, xs, y_of))
    return top + PLOT_HEIGHT + BOTTOM, body, _summary(labels, series[0])


def axis_label(label: str) -> str:
    """A week's name under the axis: its Monday as the reader writes a day ("21 Sep"), short
    enough that the last one fits the phone's screen; any other label as it is."""
    try:
        return date_format(date.fromisoformat(label), "j M")
    except ValueError:
        return label


def axis_ticks(largest: float) -> list[float]:
    """Round steps (1, 2, 2.5 or 5 times a power of ten, whole numbers past 1), about four,
    from 0 to just past `largest`."""
    if largest <= 0:
        return [0, 1]
    rough = largest / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    if largest >= 1:
        step = max(step, 1)
    return [index * step for index in range(math.ceil(largest / step - 1e-9) + 1)]


def _axis(ticks: list[float], y_of: Callable[[float], float], kind: ColumnKind) -> str:
    grid, captions = [], []
    for tick in ticks:
        y = coordinate(y_of(tick))
        grid.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        captions.append(text(LEFT - 4, y_of(tick) + 4, figure(tick, kind), anchor="end"))
    return f'<g stroke="{INK}" stroke-opacity="0.2">{"".join(grid)}</g><g>{"".join(captions)}</g>'


def _dashing(number: int) -> str:
    dash = DASHES[number % len(DASHES)]
    return f' stroke-dasharray="{dash}"' if dash else ""


def _line(number: int, series: Series, xs: list[float], y_of: Callable[[float], float]) -> str:
    runs: list[list[str]] = [[]]
    points = []
    for x, value in zip(xs, series.values, strict=True):
        if value is None:
            runs.append([])
            continue
        cx, cy = coordinate(x), coordinate(y_of(value))
        runs[-1].append(f"{cx},{cy}")
        points.append(f'<circle cx="{cx}" cy="{cy}" r="3"/>')
    lines = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{series_colour(number)}" '
        f'stroke-width="2"{_dashing(number)}/>'
        for run in runs
        if len(run) > 1
    )
    return f'{lines}<g fill="{series_colour(number)}" data-series="{number}">{"".join(points)}</g>'


def _legend(number: int, series: Series) -> str:
    y = number * CAPTION_HEIGHT + 9
    return (
        f'<line x1="0" x2="24" y1="{y}" y2="{y}" stroke="{series_colour(number)}" '
        f'stroke-width="2"{_dashing(number)}/>' + text(30, y + 4, series.label)
    )


def _summary(labels: list[str], series: Series) -> str:
    known = series.known(labels)
    if not known:
        return _("No figures to draw yet.")
    return _("From %(first)s in %(first_label)s to %(last)s in %(last_label)s.") % {
        "first": figure(known[0][1], series.kind),
        "first_label": known[0][0],
        "last": figure(known[-1][1], series.kind),
        "last_label": known[-1][0],
    }
