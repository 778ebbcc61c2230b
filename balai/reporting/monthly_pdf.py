"""The monthly report's PDF (reportlab, A4, Helvetica): a title page with the headline
figures, the funnel and the kecamatan ranking as charts drawn from the dashboard's own tables,
the table per kecamatan, every other table of the city's dashboard, and the remarks.

Callers render it inside `translation.override("id")`: every word here goes through gettext.
"""

from __future__ import annotations

import datetime
import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from balai.reporting.dashboard import Dashboard
from balai.reporting.funnel import STAGES, TARGET_STAGE
from balai.reporting.tables import Column, Table, percent

MARGIN = 2 * cm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
# Okabe-Ito: told apart with any colour vision, and in greyscale print.
BAR = colors.HexColor("#0072B2")
TARGET = colors.HexColor("#D55E00")
NO_FIGURE = "\u2013"  # an en dash, as the dashboard shows a share with nothing to divide by
HEADER = colors.HexColor("#E8EEF4")
_STYLES = getSampleStyleSheet()
TITLE = ParagraphStyle("report-title", parent=_STYLES["Title"], fontName="Helvetica-Bold")
HEADING = ParagraphStyle("report-heading", parent=_STYLES["Heading2"], fontName="Helvetica-Bold")
BODY = ParagraphStyle("report-body", parent=_STYLES["BodyText"], fontName="Helvetica")
CELL = ParagraphStyle("report-cell", parent=BODY, fontSize=7.5, leading=9)
CELL_HEAD = ParagraphStyle("report-cell-head", parent=CELL, fontName="Helvetica-Bold")
FIGURE = ParagraphStyle("report-figure", parent=BODY, fontSize=12, leading=17)


def monthly_report_pdf(*, dashboard: Dashboard, month: datetime.date, remarks: str) -> bytes:
    """The report of `month` made from the city's `dashboard`, as PDF bytes."""
    buffer = io.BytesIO()
    title = _("Monthly report of the training programme")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title} {dashboard.area.name} {date_format(month, 'F Y')}",
        author="Balai",
        invariant=True,
    )
    story: list[Flowable] = [*_title_page(dashboard, month, title), PageBreak()]
    funnel = dashboard.table("funnel")
    story.extend(_section(funnel, _funnel_chart(funnel)))
    ranking = next((table for table in dashboard.tables if table.name == "ranking"), None)
    if ranking is not None:
        story.append(PageBreak())
        story.extend(_section(ranking, _ranking_chart(ranking)))
    for table in dashboard.tables:
        if table.name not in {"funnel", "ranking"}:
            story.extend(_section(table, None))
    story.append(Paragraph(escape(_("Remarks")), HEADING))
    for paragraph in (remarks.strip() or _("No remarks.")).split("\n\n"):
        story.append(Paragraph(escape(paragraph).replace("\n", "<br/>"), BODY))
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


def _title_page(dashboard: Dashboard, month: datetime.date, title: str) -> list[Flowable]:
    computed_at = timezone.localtime(dashboard.computed_at)
    flowables: list[Flowable] = [
        Spacer(1, 3 * cm),
        Paragraph(escape(title), TITLE),
        Paragraph(escape(dashboard.area.name), TITLE),
        Paragraph(escape(date_format(month, "F Y")), TITLE),
        Spacer(1, 0.6 * cm),
        Paragraph(
            escape(
                _("Figures computed at %(moment)s.")
                % {"moment": date_format(computed_at, "j F Y, H:i T")}
            ),
            BODY,
        ),
        Spacer(1, 1 * cm),
        Paragraph(escape(_("Headline figures")), HEADING),
    ]
    flowables.extend(Paragraph(escape(line), FIGURE) for line in headline_figures(dashboard))
    return flowables


def headline_figures(dashboard: Dashboard) -> list[str]:
    """Registered, enrolled against the target, completed, certified and channelled."""
    funnel = dashboard.table("funnel")
    people = {stage: row.cells[1] for stage, row in zip(STAGES, funnel.rows, strict=True)}
    target = int(funnel.extra.get("target", 0))  # type: ignore[call-overload]
    enrolled = int(people[TARGET_STAGE])  # type: ignore[call-overload]
    share = percent(enrolled, target)
    return [
        f"{STAGES['registered']}: {_count(people['registered'])}",
        f"{STAGES[TARGET_STAGE]}: {_count(enrolled)} "
        + _("of the target of %(target)s (%(share)s%%)")
        % {"target": _count(target), "share": _number(share)},
        f"{STAGES['completed']}: {_count(people['completed'])}",
        f"{STAGES['certified']}: {_count(people['certified'])}",
        f"{STAGES['channelled']}: {_count(people['channelled'])}",
    ]


def _section(table: Table, chart: Drawing | None) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph(escape(table.title), HEADING)]
    if chart is not None:
        parts.extend([chart, Spacer(1, 0.3 * cm)])
    parts.append(_pdf_table(table))
    if table.note:
        parts.append(Paragraph(escape(table.note), BODY))
    parts.append(Spacer(1, 0.5 * cm))
    # A small table stays with its heading; a long one may run on to the next page.
    return [KeepTogether(parts)] if len(table.rows) <= 20 else parts


def _pdf_table(table: Table) -> PdfTable:
    header = [Paragraph(escape(column.label), CELL_HEAD) for column in table.columns]
    rows = [
        [
            Paragraph(escape(_cell(value, column)), CELL)
            for value, column in zip(row.cells, table.columns, strict=False)
        ]
        for row in table.rows
    ]
    if table.total is not None:
        rows.append(
            [
                Paragraph(escape(_cell(value, column)), CELL_HEAD)
                for value, column in zip(table.total, table.columns, strict=False)
            ]
        )
    first = CONTENT_WIDTH * (0.3 if len(table.columns) > 4 else 0.45)
    others = (CONTENT_WIDTH - first) / max(1, len(table.columns) - 1)
    pdf_table = PdfTable(
        [header, *rows],
        colWidths=[first, *([others] * (len(table.columns) - 1))],
        repeatRows=1,
    )
    pdf_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return pdf_table


def _cell(value: object, column: Column) -> str:
    if value is None:
        return NO_FIGURE
    if column.kind in {"count", "rupiah"} and isinstance(value, int):
        text = _count(value)
        return f"Rp {text}" if column.kind == "rupiah" else text
    if column.kind in {"percent", "number"} and isinstance(value, int | float):
        return _number(value)
    return str(value)


def _count(value: object) -> str:
    return number_format(value, force_grouping=True)  # type: ignore[arg-type]


def _number(value: float | None) -> str:
    return NO_FIGURE if value is None else number_format(value, decimal_pos=1, force_grouping=True)


def _funnel_chart(table: Table) -> Drawing:
    """The stages as horizontal bars, longest first, with the target as a line if it fits."""
    bars = [(str(row.cells[0]), float(row.cells[1] or 0)) for row in table.rows]  # type: ignore[arg-type]
    target = table.chart.target if table.chart is not None else None
    return _horizontal_bars(bars, target=target, unit="")


def _ranking_chart(table: Table) -> Drawing:
    """Each kecamatan's share of its target, in the ranking's order."""
    column = table.chart.value_columns[0] if table.chart is not None else 4
    bars = [(str(row.cells[0]), float(row.cells[column] or 0)) for row in table.rows]  # type: ignore[arg-type]
    return _horizontal_bars(bars, target=None, unit="%")


def _horizontal_bars(bars: list[tuple[str, float]], *, target: int | None, unit: str) -> Drawing:
    row_height, label_width, value_width = 14, 5.5 * cm, 1.8 * cm
    plot_width = CONTENT_WIDTH - label_width - value_width
    height = row_height * len(bars) + 16
    drawing = Drawing(CONTENT_WIDTH, height)
    largest = max([value for _label, value in bars] + [1.0])
    show_target = target is not None and target <= largest * 4
    if show_target:
        largest = max(largest, float(target or 0))
    for index, (label, value) in enumerate(bars):
        y = height - 16 - (index + 1) * row_height + 3
        drawing.add(
            String(
                label_width - 4,
                y + 2,
                label[:40],
                fontName="Helvetica",
                fontSize=7.5,
                textAnchor="end",
            )
        )
        bar = Rect(label_width, y, plot_width * value / largest, row_height - 4)
        bar.fillColor, bar.strokeColor = BAR, None
        drawing.add(bar)
        drawing.add(
            String(
                label_width + plot_width * value / largest + 3,
                y + 2,
                f"{_count(int(value)) if not unit else _number(value)}{unit}",
                fontName="Helvetica",
                fontSize=7.5,
            )
        )
    if show_target and target:
        x = label_width + plot_width * target / largest
        drawing.add(
            Line(x, 0, x, height - 8, strokeColor=TARGET, strokeWidth=1.5, strokeDashArray=[3, 2])
        )
        drawing.add(
            String(
                x,
                height - 7,
                _("Target: %(target)s") % {"target": _count(target)},
                fontName="Helvetica",
                fontSize=7.5,
                textAnchor="middle",
                fillColor=TARGET,
            )
        )
    return drawing


def _page_number(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(A4[0] / 2, 1.2 * cm, _("Page %(number)s") % {"number": document.page})
    canvas.restoreState()
