"""What every chart shares: the colour-blind-safe palette, the sizes, and SVG text and figures
built with escaping.

The viewBox is 360 units wide, the width of a small phone, so 13-unit text never reads smaller
than about 11 px there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from balai.reporting.tables import ColumnKind

# The Okabe-Ito palette, safe for the common kinds of colour blindness. Yellow and sky blue
# are left out: too pale against white for thin bars and lines.
INK = "#000000"
BLUE = "#0072B2"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"
VERMILLION = "#D55E00"
PALETTE = (INK, BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, VERMILLION)
SERIES_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE)
REFERENCE_COLOUR = VERMILLION

WIDTH = 360
FONT_SIZE = 13
CAPTION_HEIGHT = 18  # a legend line, or the caption of a target or 100% line
# What a cell with nothing to divide by shows, here as in the table beside (an en dash).
NO_FIGURE = "\u2013"
LONGEST_LABEL = 44  # characters; the full name stays in the table beside the chart


@dataclass(frozen=True)
class Series:
    """One plotted column: its name (for a legend), its kind (how its figures read) and one
    value per row, None where there was nothing to divide by."""

    label: str
    kind: ColumnKind
    values: list[float | None]

    def known(self, labels: list[str]) -> list[tuple[str, float]]:
        return [
            (label, value)
            for label, value in zip(labels, self.values, strict=True)
            if value is not None
        ]


def series_colour(number: int) -> str:
    return SERIES_COLOURS[number % len(SERIES_COLOURS)]


def largest_value(series: list[Series]) -> float:
    return max((value for one in series for value in one.values if value is not None), default=0)


def svg_document(key: str, title: str, summary: str, height: float, body: list[str]) -> SafeString:
    """The chart's outer element: scales to its container's width, and is announced as one
    image with its title and summary sentence."""
    opening = format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="chart-{0}-title chart-{0}-desc" viewBox="0 0 {1} {2}" width="100%" '
        'font-family="sans-serif" font-size="{3}" fill="{4}">'
        '<title id="chart-{0}-title">{5}</title><desc id="chart-{0}-desc">{6}</desc>',
        key,
        WIDTH,
        coordinate(height),
        FONT_SIZE,
        INK,
        title,
        summary,
    )
    # Every piece of `body` was built by format_html or from numbers and constants only.
    return SafeString(opening + "".join(body) + "</svg>")


def text(x: float, y: float, content: str, anchor: str = "") -> str:
    """A text element; `content` is escaped, so a label like <script> stays text."""
    anchoring = format_html(' text-anchor="{}"', anchor) if anchor else ""
    return format_html(
        '<text x="{}" y="{}"{}>{}</text>', coordinate(x), coordinate(y), anchoring, content
    )


def figure(value: float, kind: ColumnKind) -> str:
    """A figure as the reader writes it (12.480; 45,6%; Rp 1.500.000)."""
    whole = float(value).is_integer()
    if kind == "percent":
        return number_format(value, 0 if whole else 1) + "%"
    if kind == "rupiah":
        return "Rp " + number_format(round(value))
    return number_format(int(value) if whole else value, None if whole else 1)


def numeric(cell: object) -> float | None:
    if isinstance(cell, bool) or not isinstance(cell, int | float | Decimal):
        return None
    return float(cell)


def label_text(cell: object) -> str:
    content = NO_FIGURE if cell is None else str(cell)
    return content if len(content) <= LONGEST_LABEL else content[: LONGEST_LABEL - 1] + "…"


def coordinate(value: float) -> str:
    """A coordinate to one decimal, without a trailing ".0": every byte counts on a phone."""
    return f"{value:.1f}".removesuffix(".0")
