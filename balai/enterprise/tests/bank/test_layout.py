"""Layout BJB-CSV-1: the transfer file reads back with Python's csv module, and its text
cannot run as a formula; a statement is read whole or refused with every faulty row."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import override_settings

from balai.enterprise.bank.adapters import (
    LAYOUTS,
    BjbCsvLayout,
    StatementFileError,
    TransferLine,
    bank_layout,
)
from balai.testing.bank import paid_row, returned_row, statement_csv


def transfer_line(**changes: object) -> TransferLine:
    fields: dict[str, object] = {
        "reference": "TB001-0000001",
        "bank_code": "014",
        "account_number": "0012345678",
        "account_holder": "Siti Rahma",
        "amount": 500_000,
        "remark": "Hibah usaha TB001-0000001",
    }
    fields.update(changes)
    return TransferLine(**fields)  # type: ignore[arg-type]


def test_the_transfer_file_reads_back_with_the_csv_module() -> None:
    lines = [transfer_line(), transfer_line(reference="TB001-0000002", account_holder="Budi, S.E.")]

    content = BjbCsvLayout().transfer_file(lines)

    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert rows[0] == list(BjbCsvLayout.transfer_header)
    assert rows[1] == [
        "TB001-0000001",
        "014",
        "0012345678",
        "Siti Rahma",
        "500000",
        "Hibah usaha TB001-0000001",
    ]
    assert rows[2][3] == "Budi, S.E."
    assert len(rows) == 3


def test_a_holder_name_written_as_a_formula_comes_out_as_text() -> None:
    content = BjbCsvLayout().transfer_file([transfer_line(account_holder='=HYPERLINK("x")')])

    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))

    assert rows[1][3] == '\'=HYPERLINK("x")'


def test_a_statement_is_read_into_lines() -> None:
    content = statement_csv([paid_row("TB1", 500_000, "2026-01-05"), returned_row("TB2", 500_000)])

    first, second = BjbCsvLayout().statement_lines(content)

    assert (first.line_number, first.reference, first.amount, first.succeeded) == (
        2,
        "TB1",
        500_000,
        True,
    )
    assert first.value_date is not None and first.value_date.isoformat() == "2026-01-05"
    assert (second.succeeded, second.failure_reason) == (False, "Nama tidak sesuai")


def test_a_statement_with_faulty_rows_is_refused_whole_naming_each_row() -> None:
    content = statement_csv(
        [
            paid_row("TB1", 500_000),
            ("TB2", "500000.50", "BERHASIL", "X", "", ""),
            ("", "500000", "BERHASIL", "X", "", ""),
            ("TB4", "500000", "MUNGKIN", "X", "", "kemarin"),
        ]
    )

    with pytest.raises(StatementFileError) as refused:
        list(BjbCsvLayout().statement_lines(content))

    found = {(error.row, error.column) for error in refused.value.rows}
    assert found == {(3, "amount"), (4, "reference"), (5, "status"), (5, "value_date")}
    assert refused.value.details["row_error_count"] == 4


def test_a_statement_lacking_a_column_is_refused() -> None:
    with pytest.raises(StatementFileError) as refused:
        list(BjbCsvLayout().statement_lines(b"reference,amount\nTB1,500000\n"))

    assert {error.column for error in refused.value.rows} == {
        "status",
        "bank_reference",
        "reason",
        "value_date",
    }


class OtherBankLayout(BjbCsvLayout):
    name = "OTHER-1"


def test_a_second_bank_is_a_class_named_in_the_settings() -> None:
    with override_settings(BANK_LAYOUT=f"{__name__}.OtherBankLayout"):
        layout = bank_layout()

    assert layout.name == "OTHER-1"
    assert LAYOUTS["OTHER-1"] is OtherBankLayout
