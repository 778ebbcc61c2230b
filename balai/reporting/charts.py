"""Charts drawn on the server as SVG, from the same table a dashboard shows beside them.

(Placeholder: the real drawing comes with the charts part; the signature stays.)
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from balai.reporting.tables import Table


def chart_svg(table: Table) -> SafeString:
    """Return `table` drawn as its chart says, as inline SVG with a title for screen readers,
    or an empty string for a table with no chart."""
    if table.chart is None:
        return SafeString("")
    return format_html(
        '<svg role="img" aria-labelledby="chart-{0}" viewBox="0 0 10 10" width="10" height="10">'
        '<title id="chart-{0}">{1}</title></svg>',
        table.name,
        table.title,
    )
