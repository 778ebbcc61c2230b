"""Each bank's file layout behind one interface, so that a second bank is a class away.

A `BankLayout` writes the bulk-transfer file the bank's portal takes and reads the statement
it sends back. The layout in use is `settings.BANK_LAYOUT` (a dotted path to the class);
every layout is also registered by its `name` in `LAYOUTS`, so that a file made or read
under one layout is read again under it after the setting changes.

Layout "BJB-CSV-1": a generic Indonesian bank's bulk transfer, as CSV.

Transfer file (what we send), UTF-8, comma-separated, every field quoted, one header row:

    reference,bank_code,account_number,account_holder,amount,remark

- reference: our payment reference (unique per payout attempt, at most 40 characters); the
  bank echoes it on the statement.
- bank_code: the receiving bank's code (e.g. 110 for BJB, 014 for BCA), as text.
- account_number: the receiving account, as text (leading zeros kept).
- account_holder: the name on the account, as we hold it.
- amount: integer Rupiah, digits only, no separators (500000).
- remark: free text for the receiver's statement ("Hibah usaha <reference>").
Text cells that a spreadsheet could run as a formula (starting with =, +, -, @) get a single
quote in front (balai.core.spreadsheet_cells).

Statement (what the bank sends back), same encoding, one header row:

    reference,amount,status,bank_reference,reason,value_date

- reference: our payment reference, as sent.
- amount: integer Rupiah the bank moved (or tried to); digits, optionally grouped with dots
  (1.500.000); a fraction of a Rupiah is refused.
- status: BERHASIL (paid) or GAGAL (returned: wrong account, name mismatch …).
- bank_reference: the bank's own transaction reference (may be empty on GAGAL).
- reason: why a GAGAL transfer was returned (empty on BERHASIL).
- value_date: the date the money moved, YYYY-MM-DD or DD/MM/YYYY (may be empty).
Column names are matched without regard to case or surrounding spaces; extra columns are
ignored. A file with any bad row is refused whole, with every bad row reported.
"""

from __future__ import annotations

import abc
import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.core.money import AmountInvalidError, rupiah_typed
from balai.core.spreadsheet_cells import csv_rows_write

DEFAULT_LAYOUT = "balai.enterprise.bank.adapters.BjbCsvLayout"
# Reported to the person who uploaded a bad statement; the rest are counted.
ROW_ERRORS_SHOWN = 200


@dataclass(frozen=True)
class TransferLine:
    """One payout as it goes out to the bank."""

    reference: str
    bank_code: str
    account_number: str
    account_holder: str
    amount: int
    remark: str


@dataclass(frozen=True)
class StatementEntry:
    """One line of a statement as the bank wrote it, read into our terms."""

    line_number: int
    reference: str
    amount: int
    succeeded: bool
    provider_reference: str
    failure_reason: str
    value_date: datetime.date | None


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row of a statement (row as a spreadsheet numbers it)."""

    row: int
    column: str
    reason: str


class StatementFileError(ApplicationError):
    """A statement that cannot be read: nothing of it is imported."""

    code = "statement_invalid"

    def __init__(self, message: str, *, rows: list[RowError] | None = None) -> None:
        rows = rows or []
        super().__init__(
            message,
            details={
                "rows": [
                    {"row": error.row, "column": error.column, "reason": error.reason}
                    for error in rows[:ROW_ERRORS_SHOWN]
                ],
                "row_error_count": len(rows),
            },
        )
        self.rows = rows


class BankLayout(abc.ABC):
    """A bank's bulk-transfer and statement layout."""

    name: str
    content_type: str
    file_extension: str

    @abc.abstractmethod
    def transfer_file(self, lines: Iterable[TransferLine]) -> bytes:
        """Return the bulk-transfer file of `lines`."""

    @abc.abstractmethod
    def statement_lines(self, content: bytes) -> Iterator[StatementEntry]:
        """Yield the statement's lines, or raise StatementFileError naming every bad row."""


class BjbCsvLayout(BankLayout):
    """Layout "BJB-CSV-1" (see the module's docstring)."""

    name = "BJB-CSV-1"
    content_type = "text/csv"
    file_extension = "csv"
    transfer_header = (
        "reference",
        "bank_code",
        "account_number",
        "account_holder",
        "amount",
        "remark",
    )
    statement_header = ("reference", "amount", "status", "bank_reference", "reason", "value_date")

    def transfer_file(self, lines: Iterable[TransferLine]) -> bytes:
        stream = io.StringIO(newline="")
        rows: list[tuple[object, ...]] = [self.transfer_header]
        rows += [
            (
                line.reference,
                line.bank_code,
                line.account_number,
                line.account_holder,
                line.amount,
                line.remark,
            )
            for line in lines
        ]
        csv_rows_write(stream, rows)
        return stream.getvalue().encode("utf-8")

    def statement_lines(self, content: bytes) -> Iterator[StatementEntry]:
        try:
            rows = list(csv.reader(io.StringIO(_text_of(content), newline="")))
        except csv.Error:
            # A cell past the csv module's limit (128 KiB) or a malformed quote: not a statement.
            raise StatementFileError(_("The statement is not a CSV file the bank makes.")) from None
        if not rows:
            raise StatementFileError(_("The statement is empty."))
        columns = _columns_found(rows[0], self.statement_header)
        entries: list[StatementEntry] = []
        errors: list[RowError] = []
        for row_number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue  # a blank line at the end, as spreadsheet programs leave
            cells = {name: _cell(row, index) for name, index in columns.items()}
            entry, row_errors = _entry_read(row_number, cells)
            errors += row_errors
            if entry is not None:
                entries.append(entry)
        if errors:
            raise StatementFileError(
                _("The statement has %(count)s faulty rows; nothing was imported.")
                % {"count": len(errors)},
                rows=errors,
            )
        if not entries:
            raise StatementFileError(_("The statement has no lines."))
        return iter(entries)


def _text_of(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementFileError(_("The statement is not a UTF-8 CSV file.")) from None
    if "\x00" in text:
        # A NUL byte is never in a bank's CSV (and PostgreSQL refuses it in text).
        raise StatementFileError(_("The statement is not a UTF-8 CSV file."))
    return text


def _columns_found(header: list[str], wanted: tuple[str, ...]) -> dict[str, int]:
    found = {cell.strip().lower(): index for index, cell in enumerate(header)}
    missing = [name for name in wanted if name not in found]
    if missing:
        raise StatementFileError(
            _("The statement lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)},
            rows=[RowError(row=1, column=name, reason=_("Column missing.")) for name in missing],
        )
    return {name: found[name] for name in wanted}


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _entry_read(row: int, cells: dict[str, str]) -> tuple[StatementEntry | None, list[RowError]]:
    errors: list[RowError] = []
    reference = cells["reference"]
    if not reference:
        errors.append(RowError(row, "reference", _("The payment reference is missing.")))
    elif len(reference) > 40:
        errors.append(RowError(row, "reference", _("The payment reference is too long.")))
    amount = 0
    try:
        amount = rupiah_typed(cells["amount"], field="amount")
    except AmountInvalidError as error:
        errors.append(RowError(row, "amount", error.message))
    status = cells["status"].upper()
    if status not in {"BERHASIL", "GAGAL"}:
        errors.append(RowError(row, "status", _("The status is BERHASIL or GAGAL.")))
    value_date = None
    if cells["value_date"]:
        value_date = _date_read(cells["value_date"])
        if value_date is None:
            errors.append(RowError(row, "value_date", _("Write the date as YYYY-MM-DD.")))
    if len(cells["bank_reference"]) > 64:
        errors.append(RowError(row, "bank_reference", _("The bank reference is too long.")))
    if errors:
        return None, errors
    entry = StatementEntry(
        line_number=row,
        reference=reference,
        amount=amount,
        succeeded=status == "BERHASIL",
        provider_reference=cells["bank_reference"],
        failure_reason=cells["reason"][:300],
        value_date=value_date,
    )
    return entry, []


def _date_read(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


LAYOUTS: dict[str, type[BankLayout]] = {BjbCsvLayout.name: BjbCsvLayout}


def bank_layout() -> BankLayout:
    """Return the layout in use (`settings.BANK_LAYOUT`), registering it by its name."""
    layout_class: type[BankLayout] = import_string(
        getattr(settings, "BANK_LAYOUT", DEFAULT_LAYOUT) or DEFAULT_LAYOUT
    )
    LAYOUTS.setdefault(layout_class.name, layout_class)
    return layout_class()


def layout_named(name: str) -> BankLayout:
    """Return the layout a file was made or read under."""
    bank_layout()  # the configured one is registered too
    if name not in LAYOUTS:
        raise ApplicationError(
            _("The bank layout %(name)s is not known.") % {"name": name}, code="layout_unknown"
        )
    return LAYOUTS[name]()
