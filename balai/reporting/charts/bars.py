"""Horizontal bars: a funnel's stages, a breakdown's groups, areas ranked against their
target. Horizontal because the names are long Indonesian place and programme names: each is
written above its bars, with the full width of a phone to itself. A row has a fixed height,
so a list of 104 kelurahan makes a taller chart, never smaller text."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balai.reporting.charts.drawing import (
    CAPTION_HEIGHT,
    NO_FIGURE,
    REFERENCE_COLOUR,
    SERIES_COLOURS,
    WIDTH,
    Series,
    coordinate,
    figure,
    largest_value,
    series_colour,
    text,
)

VALUE_SPACE = 60  # room right of the longest bar for its figure ("10.400", "100,0%")
BAR_SPACE = WIDTH - VALUE_SPACE
# A figure's width per character, a little over a digit's at 13 units: longer figures
# ("Rp 76.000.000") shorten every bar rather than run off the phone's screen.
FIGURE_CHARACTER_WIDTH = 7.5
BAR_HEIGHT = 12
BAR_GAP = 2
LABEL_HEIGHT = 15
ROW_GAP = 3
# A second, third and fourth series is striped, dotted or cross-striped as well as coloured.
PATTERN_SHAPES = (
    '<rect width="3" height="6" fill="{colour}"/>',
    '<circle cx="3" cy="3" r="1.8" fill="{colour}"/>',
    '<rect width="2" height="6" fill="{colour}"/><rect width="6" height="2" fill="{colour}"/>',
)

Marker = tuple[float, str]


def bar_chart(
    kind: str, key: str, labels: list[str], series: list[Series], target: int | None
) -> tuple[float, list[str], str]:
    """Return the chart's height, its SVG pieces and its summary sentence."""
    marker: Marker | None = None
    if kind == "funnel" and target:
        marker = (target, _("Target: %(target)s") % {"target": figure(target, "count")})
    elif kind == "ranking" and series[0].kind == "percent":
        marker = (100, figure(100, "percent"))
    scale = (max(largest_value(series), marker[0] if marker else 0) or 1) * (
        BAR_SPACE / _bar_space(series)
    )
    body: list[str] = []
    top = 0.0
    if len(series) > 1:
        body.append(_pattern_definitions(key, len(series)))
        body.extend(_legend(key, series))
        top += CAPTION_HEIGHT * len(series)
    if marker:
        top += CAPTION_HEIGHT
    row_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    row_tops = [top + index * row_height for index in range(len(labels))]
    body.append(
        "<g>"
        + "".join(text(0, y + 12, label) for y, label in zip(row_tops, labels, strict=True))
        + "</g>"
    )
    for number, one in enumerate(series):
        offset = LABEL_HEIGHT + number * (BAR_HEIGHT + BAR_GAP)
        body.append(_bars(key, number, one, [y + offset for y in row_tops], scale))
    height = top + len(labels) * row_height
    if marker:
        body.append(_marker_line(marker, scale, top, height))
    return height, body, _summary(kind, labels, series[0], marker)


def _bar_space(series: list[Series]) -> float:
    """The width the bars may fill: the chart's less room for the longest figure."""
    longest = max(
        (len(figure(value, one.kind)) for one in series for value in one.values if value),
        default=0,
    )
    return WIDTH - max(VALUE_SPACE, longest * FIGURE_CHARACTER_WIDTH + 6)


def bar_length(value: float, scale: float) -> float:
    """A bar's length: proportional to its value, the largest (or the target) filling the
    bar space; a negative value draws as nothing."""
    return max(value, 0) / scale * BAR_SPACE


def _fill(key: str, number: int) -> str:
    if number % len(SERIES_COLOURS) == 0:
        return series_colour(number)
    return f"url(#chart-{key}-pattern-{number})"


def _bars(key: str, number: int, series: Series, bar_tops: list[float], scale: float) -> str:
    """One series' bars, each followed by its figure; nothing to divide by: no bar, a dash."""
    bars, figures = [], []
    for bar_top, value in zip(bar_tops, series.values, strict=True):
        baseline = bar_top + BAR_HEIGHT - 1.5
        if value is None:
            figures.append(text(0, baseline, NO_FIGURE))
            continue
        length = bar_length(value, scale)
        bars.append(
            f'<rect y="{coordinate(bar_top)}" width="{coordinate(length)}" height="{BAR_HEIGHT}"/>'
        )
        figures.append(text(length + 4, baseline, figure(value, series.kind)))
    return (
        f'<g fill="{_fill(key, number)}" stroke="{series_colour(number)}" '
        f'data-series="{number}">{"".join(bars)}</g><g>{"".join(figures)}</g>'
    )


def _pattern_definitions(key: str, count: int) -> str:
    patterns = []
    for number in range(1, count):
        slot = number % len(SERIES_COLOURS)
        if slot == 0:
            continue
        shape = PATTERN_SHAPES[(slot - 1) % len(PATTERN_SHAPES)].format(colour=SERIES_COLOURS[slot])
        patterns.append(
            f'<pattern id="chart-{key}-pattern-{number}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">{shape}</pattern>'
        )
    return "<defs>" + "".join(patterns) + "</defs>"


def _legend(key: str, series: list[Series]) -> list[str]:
    return [
        f'<rect y="{number * CAPTION_HEIGHT + 2}" width="12" height="12" '
        f'fill="{_fill(key, number)}" stroke="{series_colour(number)}"/>'
        + text(18, number * CAPTION_HEIGHT + 13, one.label)
        for number, one in enumerate(series)
    ]


def _marker_line(marker: Marker, scale: float, top: float, height: float) -> str:
    """The target (or 100%) as a dashed vertical line, captioned above the bars."""
    value, caption = marker
    x = bar_length(value, scale)
    return (
        f'<line x1="{coordinate(x)}" x2="{coordinate(x)}" y1="{coordinate(top - 4)}" '
        f'y2="{coordinate(height)}" stroke="{REFERENCE_COLOUR}" stroke-width="2" '
        'stroke-dasharray="4 3"/>'
        + text(x, top - 6, caption, anchor="end" if x > WIDTH / 2 else "")
    )


def _summary(kind: str, labels: list[str], series: Series, marker: Marker | None) -> str:
    known = series.known(labels)
    if not known:
        return _("No figures to draw yet.")
    if kind == "funnel":
        summary = _("Stages from %(first_label)s (%(first)s) to %(last_label)s (%(last)s).") % {
            "first_label": known[0][0],
            "first": figure(known[0][1], series.kind),
            "last_label": known[-1][0],
            "last": figure(known[-1][1], series.kind),
        }
        return f"{summary} {marker[1]}." if marker else summary
    highest = max(known, key=lambda pair: pair[1])
    lowest = min(known, key=lambda pair: pair[1])
    return _(
        "Of %(count)s, the highest is %(label)s (%(value)s) "
        "and the lowest %(low_label)s (%(low_value)s)."
    ) % {
        "count": number_format(len(labels)),
        "label": highest[0],
        "value": figure(highest[1], series.kind),
        "low_label": lowest[0],
        "low_value": figure(lowest[1], series.kind),
    }
