"""The valid rows of a checked file, kept (encrypted) between the check and the saving, so that
saving does not read and check the whole file a second time."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict
from typing import Any

from balai.core.encryption import decrypt_bytes, encrypt_bytes
from balai.intake.imports.rows import CheckedRow
from balai.intake.models import Batch, Offering
from balai.regions.models import Kelurahan
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Sex
from balai.registry.services import PersonData


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
