"""Cells of every spreadsheet (.xlsx or .csv) Balai writes for people: text that a spreadsheet
program cannot run as a formula, and identity numbers it cannot turn into numbers.

A name typed as `=HYPERLINK(...)` must come out as the text it is. OWASP's advice on CSV
injection is followed for both formats: a text cell that begins with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a single quote in front. In .xlsx the cell is also marked as a
string, because openpyxl stores any string that begins with `=` as a formula.

NIKs, family-card and phone numbers are `IdentityNumber`s: written as text cells with Excel's
Text format, never as numbers (Excel keeps 15 significant digits; a NIK has 16).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_FORMAT = "@"  # Excel's Text number format


@dataclass(frozen=True)
class IdentityNumber:
    """A NIK, family-card or phone number, written as text with the Text format."""

    text: str


def identity_number(value: object) -> IdentityNumber:
    """Return `value` (as typed, or as a spreadsheet held it) as an identity number."""
    if value is None:
        return IdentityNumber("")
    if isinstance(value, float) and value.is_integer():
        return IdentityNumber(str(int(value)))
    return IdentityNumber(str(value).strip())


def inert_text(text: str) -> str:
    """Return `text` so that no spreadsheet program runs it: characters an .xlsx cannot hold
    removed, and a single quote before a leading `=`, `+`, `-`, `@`, tab or carriage return."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


Number = int | float | Decimal
Moment = datetime.date | datetime.time | datetime.timedelta


def sheet_row_append(
    sheet: Worksheet | WriteOnlyWorksheet, values: Iterable[object], *, font: Font | None = None
) -> None:
    """Append `values` to `sheet` (normal or write-only) as inert cells."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)  # a cell not yet placed, as either kind of sheet takes
        if value is None or isinstance(value, Number | Moment):
            cell.value = value  # numbers, booleans and dates keep their kind
        elif isinstance(value, IdentityNumber):
            _text_set(cell, value.text)
            cell.number_format = TEXT_FORMAT
        else:
            _text_set(cell, str(value))
        if font is not None:
            cell.font = font
        cells.append(cell)
    sheet.append(cells)


def _text_set(cell: Cell, text: str) -> None:
    cell.value = inert_text(text)
    cell.data_type = "s"  # a string cell, whatever openpyxl guessed from the text


def csv_rows_write(stream: TextIO, rows: Iterable[Iterable[object]]) -> None:
    """Write `rows` to `stream` as CSV: every field quoted, text made inert."""
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
    for values in rows:
        writer.writerow([_csv_field(value) for value in values])


def _csv_field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Number | datetime.timedelta):
        return str(value)
    if isinstance(value, IdentityNumber):
        return inert_text(value.text)
    return inert_text(str(value))
