"""Charts drawn on the server as SVG, from the same table a dashboard shows beside them.

Plain SVG with no script, stylesheet or font of its own, so a chart shows without JavaScript,
weighs little on a phone and prints in the monthly PDF. Every figure is also written as text
on the chart, and series differ by pattern or dash as well as colour, so colour is never the
only cue.
"""

from __future__ import annotations

import re

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from balai.reporting.charts.bars import bar_chart
from balai.reporting.charts.drawing import (
    CAPTION_HEIGHT,
    Series,
    label_text,
    numeric,
    svg_document,
    text,
)
from balai.reporting.charts.lines import line_chart
from balai.reporting.tables import Table


def chart_svg(table: Table) -> SafeString:
    """Return `table` drawn as its chart says, as inline SVG with a title and a one-sentence
    summary for screen readers, or an empty string for a table with no chart."""
    chart = table.chart
    if chart is None:
        return SafeString("")
    labels = [label_text(row.cells[chart.label_column]) for row in table.rows]
    series = [
        Series(
            str(table.columns[index].label),
            table.columns[index].kind,
            [numeric(row.cells[index]) for row in table.rows],
        )
        for index in chart.value_columns
    ]
    # An id fragment: one page shows several charts, each needing its own ids.
    key = re.sub(r"[^A-Za-z0-9_-]", "-", table.name)
    if not labels or not series:
        nothing = _("No figures to draw yet.")
        return svg_document(key, table.title, nothing, 2 * CAPTION_HEIGHT, [text(0, 22, nothing)])
    if chart.kind == "line":
        height, body, summary = line_chart(labels, series)
    else:
        height, body, summary = bar_chart(chart.kind, key, labels, series, chart.target)
    return svg_document(key, table.title, summary, height, body)
