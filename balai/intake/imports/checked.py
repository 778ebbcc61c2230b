"""What the check of a file keeps (encrypted) for later: its valid rows for the saving, and its
rejected rows for their download, so that neither reads and checks the file a second time."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from typing import Any

from balai.core.encryption import decrypt_bytes, encrypt_bytes
from balai.intake.imports.cells import text_of
from balai.intake.imports.rows import CheckedRow
from balai.intake.models import Batch, Offering
from balai.regions.models import Kelurahan
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Sex
from balai.registry.services import PersonData

# Columns of identity numbers, written back as text (never as numbers that lose digits).
IDENTITY_FIELDS = ("nik", "kk_number", "phone")


@dataclass
class CheckedFile:
    header: list[Any]
    columns: dict[str, int]  # {field: column index}
    rows: list[CheckedRow]


@dataclass
class RejectedRows:
    header: list[str]
    identity_columns: list[int]
    rows: list[CheckedRow]


def valid_rows_sealed(rows: list[CheckedRow]) -> bytes:
    """Return the valid rows' data as encrypted JSON."""
    records = []
    for row in rows:
        if row.valid and row.person is not None:
            person = asdict(row.person)
            person["domicile_kelurahan"] = row.person.domicile_kelurahan.code
            person["birth_date"] = row.person.birth_date.isoformat()
            person["user"] = None
            records.append(
                {
                    "number": row.number,
                    "person": person,
                    "choices": [offering.pk for offering in row.choices],
                }
            )
    return encrypt_bytes(json.dumps(records).encode())


def valid_rows_opened(sealed: bytes | memoryview, batch: Batch) -> list[CheckedRow]:
    """Return the rows sealed by `valid_rows_sealed`, with their kelurahan and offerings."""
    records: list[dict[str, Any]] = json.loads(decrypt_bytes(sealed))
    offerings = Offering.objects.in_bulk({pk for record in records for pk in record["choices"]})
    places = Kelurahan.objects.select_related("kecamatan").in_bulk(
        {record["person"]["domicile_kelurahan"] for record in records}
    )
    rows = []
    for record in records:
        fields = record["person"]
        person = PersonData(
            **{
                **fields,
                "domicile_kelurahan": places[fields["domicile_kelurahan"]],
                "birth_date": datetime.date.fromisoformat(fields["birth_date"]),
                "sex": Sex(fields["sex"]),
                "education": Education(fields["education"]),
                "employment_status": EmploymentStatus(fields["employment_status"]),
                "income_band": IncomeBand(fields["income_band"]),
            }
        )
        rows.append(
            CheckedRow(
                number=record["number"],
                cells=[],
                person=person,
                choices=[offerings[pk] for pk in record["choices"]],
            )
        )
    assert all(offering.batch_id == batch.pk for offering in offerings.values())  # noqa: S101
    return rows


def rejected_rows_sealed(checked: CheckedFile) -> bytes:
    """Return the rejected rows as they were, with their problems and header, as encrypted
    JSON."""
    records = [
        {
            "number": row.number,
            "cells": [_portable(cell) for cell in row.cells],
            "problems": row.problems,
        }
        for row in checked.rows
        if not row.valid
    ]
    identity = sorted(checked.columns[name] for name in IDENTITY_FIELDS if name in checked.columns)
    data = {
        "header": [text_of(cell) for cell in checked.header],
        "identity_columns": identity,
        "rows": records,
    }
    return encrypt_bytes(json.dumps(data).encode())


def _portable(cell: Any) -> Any:
    """Return a cell as JSON holds it: a date as the template asks for one (dd/mm/yyyy)."""
    if cell is None or isinstance(cell, str | int | float):
        return cell
    if isinstance(cell, datetime.date):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


def rejected_rows_opened(sealed: bytes | memoryview) -> RejectedRows:
    """Return the rows sealed by `rejected_rows_sealed` (none for a file checked before they
    were kept)."""
    if not bytes(sealed):
        return RejectedRows(header=[], identity_columns=[], rows=[])
    data: dict[str, Any] = json.loads(decrypt_bytes(sealed))
    rows = [
        CheckedRow(
            number=record["number"],
            cells=record["cells"],
            problems=[(column, reason) for column, reason in record["problems"]],
        )
        for record in data["rows"]
    ]
    return RejectedRows(header=data["header"], identity_columns=data["identity_columns"], rows=rows)
