"""Applicants, closed batches and published offers for allocation's tests and later stages'."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from balai.accounts.models import Role, User
from balai.intake.models import Application, Batch, Offering
from balai.intake.services import Submission, application_submit
from balai.registry.services import person_link_account
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.registration import person_data

# Five applicants with distinct points, all ranking the same three one-seat offerings.
PROFILES: list[dict[str, Any]] = [
    {"employment_status": "laid_off", "has_disability": True, "income_band": "below_1m"},
    {"employment_status": "laid_off", "has_disability": True, "income_band": "above_5m"},
    {"employment_status": "laid_off", "income_band": "above_5m"},
    {"employment_status": "unemployed", "income_band": "above_5m"},
    {"employment_status": "employed", "income_band": "above_5m"},
]


Queue = tuple[Batch, list[Offering], list[Application]]


def apply(batch: Batch, serial: int, home: str, offerings: list[Offering], **data: Any) -> None:
    application_submit(
        submission=Submission(
            batch=batch,
            person=person_data(serial, domicile_kelurahan=kelurahan(home), **data),
            choices=offerings,
            interests={},
            consent_given=True,
            channel="self",  # type: ignore[arg-type]
            idempotency_key=uuid.uuid4().hex,
        )
    )


def close(batch: Batch) -> None:
    Batch.objects.filter(pk=batch.pk).update(
        registration_closes_at=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=1)
    )
    batch.refresh_from_db()


def account_for(application: Application) -> User:
    user = UserFactory.create(role=Role.PARTICIPANT)
    person_link_account(person=application.person, user=user)
    return user
