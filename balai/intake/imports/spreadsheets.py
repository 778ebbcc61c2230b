"""Spreadsheets Balai hands to operators: the empty template and the rejected rows."""

from __future__ import annotations

import io

from django.db.models import TextChoices
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from balai.intake.imports.rows import COLUMNS, CheckedRow
from balai.registry.models import Education, EmploymentStatus, IncomeBand

TEXT = "@"  # Excel's Text format: keeps all 16 digits of a NIK


def template_workbook() -> bytes:
    """Return the import template: headers, NIK columns formatted as text, and the options."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # noqa: S101  # a new workbook has one sheet
    sheet.title = "Pendaftar"
    _write_header(sheet, [title for _name, title in COLUMNS])
    for column in ("A", "B", "F"):  # NIK, KK, phone: text, or Excel drops digits
        for row in range(2, 2002):
            sheet[f"{column}{row}"].number_format = TEXT
    options = workbook.create_sheet("Pilihan")
    option_lists: list[tuple[str, type[TextChoices]]] = [
        ("Pendidikan", Education),
        ("Status Pekerjaan", EmploymentStatus),
        ("Penghasilan Keluarga", IncomeBand),
    ]
    with translation.override("id"):
        for index, (title, choices) in enumerate(option_lists, start=1):
            options.cell(row=1, column=index, value=title).font = Font(bold=True)
            for row, label in enumerate(choices.labels, start=2):
                options.cell(row=row, column=index, value=str(label))
    return _saved(workbook)


def rejected_rows_workbook(rows: list[CheckedRow], header: list[str]) -> bytes:
    """Return the rejected rows as they were, with a last column saying what to fix."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # noqa: S101  # a new workbook has one sheet
    sheet.title = "Ditolak"
    _write_header(sheet, ["Baris", *header, "Kesalahan"])
    for row in rows:
        reasons = "; ".join(f"{column}: {reason}" for column, reason in row.problems)
        sheet.append([row.number, *[_cell_text(cell) for cell in row.cells], reasons])
    return _saved(workbook)


def _cell_text(value: object) -> object:
    # Numbers that stood for NIKs go back as text, so that a second trip keeps the digits.
    if isinstance(value, int) and len(str(value)) >= 15:
        return str(value)
    return value


def _write_header(sheet: Worksheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
