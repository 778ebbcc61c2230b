"""A dashboard's table as a file people download: .xlsx or .csv, the same rows the page shows.

Each file reads from the top: the table's title and its area, when its figures were
computed, the column headings, the rows, the total if there is one, and the table's note.
Counts, money and percentages stay numbers (a percentage as 0 to 100, as its heading says)
so that people can sort and sum them; every text cell goes through the one escaping helper,
as a kelurahan or programme name typed as a formula must come out as text.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.core.spreadsheet_cells import csv_rows_write, sheet_row_append
from balai.reporting.models import AreaSummary
from balai.reporting.tables import Table

BOLD = Font(bold=True)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel refuses longer sheet names


def computed_at_text(computed_at: datetime.datetime) -> str:
    """`computed_at` in the city's time, as people read it (e.g. 3 Desember 2026 16:13 WIB)."""
    moment = timezone.localtime(computed_at)
    return f"{date_format(moment, 'j F Y H:i')} {moment.tzname()}"


def _heading_rows(
    table: Table, area: AreaSummary, computed_at: datetime.datetime
) -> list[list[object]]:
    return [
        [table.title, area.name],
        [_("Computed at"), computed_at_text(computed_at)],
        [column.label for column in table.columns],
    ]


def table_xlsx(table: Table, area: AreaSummary, computed_at: datetime.datetime) -> bytes:
    """Return `table` of `area` as an .xlsx workbook of one sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name[:SHEET_TITLE_LENGTH])
    title, moment, header = _heading_rows(table, area, computed_at)
    sheet_row_append(sheet, title, font=BOLD)
    sheet_row_append(sheet, moment)
    sheet_row_append(sheet, header, font=BOLD)
    for row in table.rows:
        sheet_row_append(sheet, row.cells)
    if table.total is not None:
        sheet_row_append(sheet, table.total, font=BOLD)
    if table.note:
        sheet_row_append(sheet, [table.note])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def table_csv(table: Table, area: AreaSummary, computed_at: datetime.datetime) -> bytes:
    """Return `table` of `area` as CSV in UTF-8 with a byte-order mark, which Excel needs to
    read Indonesian text (and any name with accents) as UTF-8 rather than its local code page."""
    lines = _heading_rows(table, area, computed_at)
    lines.extend(row.cells for row in table.rows)
    if table.total is not None:
        lines.append(table.total)
    if table.note:
        lines.append([table.note])
    stream = io.StringIO()
    csv_rows_write(stream, lines)
    return stream.getvalue().encode("utf-8-sig")


class ExportFormat(NamedTuple):
    content_type: str
    write: Callable[[Table, AreaSummary, datetime.datetime], bytes]


EXPORT_FORMATS = {
    "xlsx": ExportFormat(XLSX_CONTENT_TYPE, table_xlsx),
    "csv": ExportFormat("text/csv; charset=utf-8", table_csv),
}


def export_file_name(
    area: AreaSummary, table: Table, computed_at: datetime.datetime, file_format: str
) -> str:
    """Return the download's name: balai-<level>-<code>-<table>-<YYYYMMDD>.<format>.

    Only codes and the table's stable name go in, never a person's or a place's name, so the
    name is ASCII and says nothing about anybody."""
    day = timezone.localtime(computed_at).strftime("%Y%m%d")
    return f"balai-{area.level}-{area.code}-{table.name}-{day}.{file_format}"
