from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from balai.core.scoping import scope_to_user
from balai.intake.models import Application, ApplicationChoice, ApplicationStatus, Batch, Offering
from balai.intake.rules import Facts
from balai.registry.models import Person

ACTIVE_STATUSES = [
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SEAT_HELD,
    ApplicationStatus.WAITING,
]


def batch_open_list() -> QuerySet[Batch]:
    """Return the batches whose registration window is open now."""
    now = timezone.now()
    return Batch.objects.filter(registration_opens_at__lte=now, registration_closes_at__gt=now)


def offering_list(*, batch: Batch) -> QuerySet[Offering]:
    """Return a batch's offerings with programme and kelurahan, by kelurahan code."""
    return (
        Offering.objects.filter(batch=batch)
        .select_related("programme", "kelurahan__kecamatan")
        .order_by("kelurahan__code", "programme__name")
    )


def application_by_idempotency_key(key: str) -> Application | None:
    return Application.objects.filter(idempotency_key=key).first()


def application_list(*, user: object) -> QuerySet[Application]:
    """Return the applications `user` may see, with person, batch and ranked choices."""
    applications = Application.objects.select_related(
        "batch",
        "person__domicile_kelurahan",
        "held_offering__programme",
    ).prefetch_related(
        Prefetch(
            "choices",
            queryset=ApplicationChoice.objects.select_related(
                "offering__programme", "offering__kelurahan"
            ).order_by("rank"),
        )
    )
    return scope_to_user(applications, user)


def facts_for(*, batch: Batch, person: Person) -> Facts:
    """Gather what the eligibility rules need about `person`, beyond their own record."""
    held_elsewhere = Application.objects.filter(
        person=person, status=ApplicationStatus.SEAT_HELD
    ).exclude(batch=batch)
    overlapping = held_elsewhere.filter(
        batch__training_starts_on__lte=batch.training_ends_on,
        batch__training_ends_on__gte=batch.training_starts_on,
    ).exists()
    last_ended: datetime.date | None = held_elsewhere.filter(
        batch__training_ends_on__lt=batch.training_starts_on
    ).aggregate(last=Max("batch__training_ends_on"))["last"]
    family = 0
    if person.kk_hash:
        family = Application.objects.filter(
            Q(batch=batch, person__kk_hash=person.kk_hash, status__in=ACTIVE_STATUSES)
            & ~Q(person=person)
        ).count()
    return Facts(
        domicile_regency_code=person.domicile_kelurahan.kecamatan.regency_id,
        city_regency_code=settings.BALAI_REGENCY_CODE,
        overlapping_seat_held=overlapping,
        last_training_ended_on=last_ended,
        family_applications=family,
    )
