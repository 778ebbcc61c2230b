"""Spreadsheets Balai hands to operators: the empty template and the rejected rows, written
through `balai.core.spreadsheet_cells` (text stays text, identity numbers stay digits)."""

from __future__ import annotations

import io

from django.db.models import TextChoices
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from balai.core.spreadsheet_cells import (
    TEXT_FORMAT,
    identity_number,
    sheet_row_append,
)
from balai.intake.imports.checked import rejected_rows_opened
from balai.intake.imports.headers import COLUMNS
from balai.intake.models import ImportUpload
from balai.registry.models import Education, EmploymentStatus, IncomeBand

BOLD = Font(bold=True)


def template_workbook() -> bytes:
    """Return the import template: headers, NIK columns formatted as text, and the options."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # noqa: S101  # a new workbook has one sheet
    sheet.title = "Pendaftar"
    sheet_row_append(sheet, [title for _name, title in COLUMNS], font=BOLD)
    for column in ("A", "B", "F"):  # NIK, KK, phone: text, or Excel drops digits
        for row in range(2, 2002):
            sheet[f"{column}{row}"].number_format = TEXT_FORMAT
    options = workbook.create_sheet("Pilihan")
    option_lists: list[tuple[str, type[TextChoices]]] = [
        ("Pendidikan", Education),
        ("Status Pekerjaan", EmploymentStatus),
        ("Penghasilan Keluarga", IncomeBand),
    ]
    with translation.override("id"):
        sheet_row_append(options, [title for title, _choices in option_lists], font=BOLD)
        labels = [[str(label) for label in choices.labels] for _title, choices in option_lists]
        for row in range(max(len(column) for column in labels)):
            sheet_row_append(
                options, [column[row] if row < len(column) else None for column in labels]
            )
    return _saved(workbook)


def rejected_rows_workbook(*, upload: ImportUpload) -> bytes:
    """Return the upload's rejected rows as they were, with a last column saying what to fix."""
    rejected = rejected_rows_opened(upload.rejected_rows_encrypted)
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # noqa: S101  # a new workbook has one sheet
    sheet.title = "Ditolak"
    sheet_row_append(sheet, ["Baris", *rejected.header, "Kesalahan"], font=BOLD)
    identity = set(rejected.identity_columns)
    for row in rejected.rows:
        cells = [
            identity_number(cell) if index in identity and cell not in (None, "") else cell
            for index, cell in enumerate(row.cells)
        ]
        reasons = "; ".join(f"{column}: {reason}" for column, reason in row.problems)
        sheet_row_append(sheet, [row.number, *cells, reasons])
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
