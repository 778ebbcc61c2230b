"""Rows written through a migration's historical models, for tests of data migrations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.migrations.state import StateApps

from balai.core.encryption import encrypt_text, keyed_hash


def a_kelurahan(apps: StateApps) -> Any:
    """Sukarasa, with its kecamatan, regency and province, as the historic models know them."""
    province = apps.get_model("regions", "Province").objects.create(code="36", name="Banten")
    regency = apps.get_model("regions", "Regency").objects.create(
        code="36.71", name="Kota Tangerang", province=province
    )
    kecamatan = apps.get_model("regions", "Kecamatan").objects.create(
        code="36.71.01", name="Tangerang", name_key="tangerang", regency=regency
    )
    return apps.get_model("regions", "Kelurahan").objects.create(
        code="36.71.01.1001",
        name="Sukarasa",
        name_key="sukarasa",
        kind="kelurahan",
        kecamatan=kecamatan,
    )


def person_row(apps: StateApps, nik: str, place: Any, mask: str, **fields: Any) -> Any:
    return apps.get_model("registry", "Person").objects.create(
        nik_encrypted=encrypt_text(nik),
        nik_hash=keyed_hash(nik),
        nik_masked=mask,
        birth_date=datetime.date(1990, 5, 17),
        sex="P",
        domicile_kelurahan=place,
        **{"full_name": "Warga", **fields},
    )
