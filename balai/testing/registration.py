"""A resident's registration as the form, the API and the services receive it."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from django.test import Client

from balai.intake.idempotency import form_key_issue
from balai.intake.models import Batch, Channel
from balai.intake.selectors import offering_list
from balai.intake.services import Submission
from balai.registry.models import EmploymentStatus, Sex
from balai.registry.nik import nik_compose
from balai.registry.services import PersonData
from balai.testing.factories import kelurahan
from balai.testing.places import SUKARASA

NIK = "3671014903950001"  # a woman born 09-03-1995, first registered in Kecamatan Tangerang


def registration_form(batch: Batch, **changes: Any) -> dict[str, Any]:
    """The public form filled in by Siti Aminah of Sukarasa, choosing one of its offerings."""
    first_offering = offering_list(batch=batch).filter(kelurahan=SUKARASA).first()
    assert first_offering is not None
    data = {
        "nik": NIK,
        "kk_number": "",
        "full_name": "Siti Aminah",
        "birth_date": "1995-03-09",
        "sex": "P",
        "phone": "0812-3456-7890",
        "email": "",
        "address": "Jl. Mawar 1, RT 001/RW 002",
        "domicile_kelurahan": SUKARASA,
        "education": "senior",
        "employment_status": "laid_off",
        "income_band": "below_1m",
        "has_disability": "no",
        "is_household_head": "no",
        "interest_activity": "cooking",
        "interest_goal": "business",
        "choice_1": str(first_offering.pk),
        "consent": "on",
        "idempotency_key": form_key_issue(),
    }
    return {**data, **changes}


def registration_payload(batch: Batch, **changes: Any) -> dict[str, Any]:
    """The same registration as the API receives it."""
    first_offering = offering_list(batch=batch).filter(kelurahan=SUKARASA).first()
    assert first_offering is not None
    data = {
        "batch_code": batch.code,
        "idempotency_key": uuid.uuid4().hex,
        "nik": NIK,
        "full_name": "Siti Aminah",
        "birth_date": "1995-03-09",
        "sex": "P",
        "phone": "081234567890",
        "address": "Jl. Mawar 1",
        "domicile_kelurahan_code": SUKARASA,
        "employment_status": "laid_off",
        "choices": [first_offering.pk],
        "consent": True,
    }
    return {**data, **changes}


def application_post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/applications/", json.dumps(body), content_type="application/json")


BIRTH_DATE = datetime.date(1995, 3, 9)


def person_data(serial: int = 1, **changes: Any) -> PersonData:
    fields: dict[str, Any] = {
        "nik": nik_compose(
            region_code="36.71.01", birth_date=BIRTH_DATE, sex=Sex.FEMALE, serial=serial
        ),
        "full_name": f"Siti Aminah {serial}",
        "birth_date": BIRTH_DATE,
        "sex": Sex.FEMALE,
        "domicile_kelurahan": kelurahan(SUKARASA),
        "phone": "0812 3456 7890",
        "employment_status": EmploymentStatus.UNEMPLOYED,
    }
    return PersonData(**{**fields, **changes})


def submission(batch: Batch, data: PersonData, **changes: Any) -> Submission:
    fields: dict[str, Any] = {
        "batch": batch,
        "person": data,
        "choices": list(offering_list(batch=batch)[:3]),
        "interests": {"activity": "cooking", "goal": "business"},
        "consent_given": True,
        "channel": Channel.SELF,
        "idempotency_key": uuid.uuid4().hex,
    }
    return Submission(**{**fields, **changes})
