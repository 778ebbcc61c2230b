"""Statements as the bank writes them, for the bank part's tests."""

from __future__ import annotations

from collections.abc import Iterable

HEADER = "reference,amount,status,bank_reference,reason,value_date"


def statement_csv(rows: Iterable[tuple[str, object, str, str, str, str]]) -> bytes:
    """A BJB-CSV-1 statement of `rows` (reference, amount, status, bank ref, reason, date)."""
    lines = [HEADER] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def paid_row(reference: str, amount: int, date: str = "") -> tuple[str, object, str, str, str, str]:
    return (reference, amount, "BERHASIL", f"BJB{reference}", "", date)


def returned_row(reference: str, amount: int) -> tuple[str, object, str, str, str, str]:
    return (reference, amount, "GAGAL", "", "Nama tidak sesuai", "")
