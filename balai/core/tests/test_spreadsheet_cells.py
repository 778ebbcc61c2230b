"""Every spreadsheet Balai writes holds text as text: read back, no cell is a formula, text
that would start one carries OWASP's single quote, and identity numbers are digits as text."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from balai.core.spreadsheet_cells import (
    csv_rows_write,
    identity_number,
    inert_text,
    sheet_row_append,
)

HYPERLINK = '=HYPERLINK("http://x","y")'
# OWASP's CSV injection page: cells must not begin with these.
DANGEROUS = [HYPERLINK, "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
NIK = "3671014903950001"


def read_back(workbook: Workbook) -> Worksheet:
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


@pytest.mark.parametrize("write_only", [False, True])
def test_text_that_would_start_a_formula_is_written_as_escaped_text(write_only: bool) -> None:
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Data")
    sheet_row_append(sheet, [*DANGEROUS, "Siti Aminah", 12, 2.5, datetime.date(2026, 1, 2)])
    if not write_only:
        workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook has
    cells = next(read_back(workbook).iter_rows())
    assert [cell.data_type for cell in cells] == ["s"] * 7 + ["n", "n", "d"]
    assert [cell.value for cell in cells[:7]] == [
        "'" + HYPERLINK,
        "'+1+1",
        "'-2+3+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'\t=1+1",
        "'\n=1+1",  # XML reads a carriage return back as a line feed
        "Siti Aminah",
    ]


def test_identity_numbers_are_text_with_the_text_format() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet_row_append(
        sheet,
        [
            identity_number(NIK),
            identity_number(3671014903950001),
            identity_number(3.67101490395e15),  # as Excel held a NIK typed as a number
            identity_number("+62 812 3456 7890"),
        ],
    )
    cells = next(read_back(workbook).iter_rows())
    assert [cell.value for cell in cells] == [NIK, NIK, "3671014903950000", "'+62 812 3456 7890"]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in cells)
    assert len(str(cells[0].value)) == 16


def test_characters_an_xlsx_cannot_hold_are_dropped_instead_of_failing() -> None:
    assert inert_text("Siti\x00\x07 Aminah") == "Siti Aminah"
    assert inert_text("\x01=1+1") == "'=1+1"


def test_a_csv_quotes_every_field_and_escapes_text_as_owasp_says() -> None:
    stream = io.StringIO()
    csv_rows_write(stream, [["Nama", "NIK", "Umur"], [HYPERLINK, identity_number(NIK), 30]])
    assert stream.getvalue().startswith('"Nama","NIK","Umur"')
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows[1] == ["'" + HYPERLINK, NIK, "30"]
    for text in DANGEROUS:
        stream = io.StringIO()
        csv_rows_write(stream, [[text]])
        field = next(csv.reader(io.StringIO(stream.getvalue(), newline="")))[0]
        assert field == "'" + text
