"""Batches (gelombang): made with every rule typed, closed for registration, and given their
offerings; each write audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.errors import ApplicationError
from balai.intake.models import Batch, Offering, SeatAssignment

BATCH_AUDIT_POLICY = AuditPolicy(
    fields=[
        "code",
        "name",
        "registration_opens_at",
        "registration_closes_at",
        "training_starts_on",
        "training_ends_on",
        "seat_assignment",
        "choice_count",
        "minimum_age",
        "maximum_age",
        "domicile_in_city_required",
        "months_since_last_training",
        "applicants_per_family",
        "points_unemployed",
        "points_laid_off",
        "points_low_income",
        "points_disability",
        "points_woman_head_of_household",
        "offer_response_days",
    ]
)


@transaction.atomic
def batch_create(  # every rule of a batch is a field of its own
    *,
    code: str,
    name: str,
    registration_opens_at: datetime.datetime,
    registration_closes_at: datetime.datetime,
    training_starts_on: datetime.date,
    training_ends_on: datetime.date,
    seat_assignment: SeatAssignment = SeatAssignment.SELECTION,
    choice_count: int = 3,
    minimum_age: int = 18,
    maximum_age: int = 55,
    domicile_in_city_required: bool = True,
    months_since_last_training: int = 12,
    applicants_per_family: int = 2,
    points_unemployed: int = 3,
    points_laid_off: int = 4,
    points_low_income: int = 2,
    points_disability: int = 2,
    points_woman_head_of_household: int = 2,
    offer_response_days: int = 3,
) -> Batch:
    """Create a batch with its rules (each default is the model's); refuses windows or
    ranges that run backwards. Audited."""
    batch = Batch(
        code=code,
        name=name,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        training_starts_on=training_starts_on,
        training_ends_on=training_ends_on,
        seat_assignment=seat_assignment,
        choice_count=choice_count,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        domicile_in_city_required=domicile_in_city_required,
        months_since_last_training=months_since_last_training,
        applicants_per_family=applicants_per_family,
        points_unemployed=points_unemployed,
        points_laid_off=points_laid_off,
        points_low_income=points_low_income,
        points_disability=points_disability,
        points_woman_head_of_household=points_woman_head_of_household,
        offer_response_days=offer_response_days,
    )
    try:
        batch.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            _("The batch is not valid."), code="invalid_batch", details=error.message_dict
        ) from None
    batch.save()
    audit_record_created(target=batch, policy=BATCH_AUDIT_POLICY, target_label=batch.code)
    return batch


@transaction.atomic
def batch_registration_close(*, batch: Batch) -> Batch:
    """Close registration now (before the planned time), so that selection can start."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    now = timezone.now()
    if batch.registration_closes_at <= now:
        return batch
    if batch.registration_opens_at >= now:
        raise ApplicationError(_("Registration has not opened yet."), code="batch_not_open_yet")
    model_update(
        instance=batch,
        fields={"registration_closes_at": now},
        policy=BATCH_AUDIT_POLICY,
        target_label=batch.code,
    )
    return batch


@transaction.atomic
def offerings_create(*, batch: Batch, rows: list[tuple[Any, Any, Any, int]]) -> int:
    """Offer each (programme, kelurahan, venue, seats) in `batch`; existing ones are kept."""
    Offering.objects.bulk_create(
        [
            Offering(
                batch=batch, programme=programme, kelurahan=kelurahan, venue=venue, seats=seats
            )
            for programme, kelurahan, venue, seats in rows
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return Offering.objects.filter(batch=batch).count()
