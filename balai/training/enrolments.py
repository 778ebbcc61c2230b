"""Enrolments: training's record of who is in which class, kept from intake's announcements
(a seat accepted, given up, dropped) and ended by completion."""

from __future__ import annotations

import datetime

from django.db import transaction

from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.intake.events import SeatAccepted, SeatDropped, SeatGivenUp
from balai.scheduling.services import training_class_for
from balai.training.models import Enrolment, EnrolmentStatus

COMPLETED_REASON = "completed"
DROPPED_REASON = "dropped"
ENROLMENT_AUDIT_POLICY = AuditPolicy(
    fields=["person_id", "training_class_id", "joined_on", "status", "left_on", "left_reason"]
)


# Without a savepoint: runs inside intake's transaction, and fails it if it fails.
@transaction.atomic(savepoint=False)
def enrolment_open(event: SeatAccepted) -> Enrolment:
    """Enrol the person who accepted a seat in its class, from the day they accepted."""
    enrolment = Enrolment.objects.create(
        person_id=event.person_id,
        training_class=training_class_for(offering_id=event.offering_id, number=event.class_number),
        offer_id=event.offer_id,
        joined_on=event.on,
    )
    audit_record_created(target=enrolment, policy=ENROLMENT_AUDIT_POLICY)
    return enrolment


@transaction.atomic(savepoint=False)
def enrolment_leave(event: SeatGivenUp | SeatDropped) -> Enrolment:
    """End the enrolment of a seat given up or dropped, on the day it was."""
    enrolment = Enrolment.objects.select_for_update().get(offer_id=event.offer_id)
    if isinstance(event, SeatDropped):
        return _end(enrolment, EnrolmentStatus.DROPPED, on=event.on, reason=DROPPED_REASON)
    return _end(enrolment, EnrolmentStatus.LEFT, on=event.on, reason=str(event.reason))


@transaction.atomic(savepoint=False)
def enrolment_complete(*, enrolment: Enrolment, on: datetime.date) -> Enrolment:
    """Mark an enrolment completed (its certificate issued), as of the class's last day."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return enrolment
    return _end(enrolment, EnrolmentStatus.COMPLETED, on=on, reason=COMPLETED_REASON)


def _end(
    enrolment: Enrolment, status: EnrolmentStatus, *, on: datetime.date, reason: str
) -> Enrolment:
    model_update(
        instance=enrolment,
        fields={"status": status, "left_on": on, "left_reason": reason},
        policy=ENROLMENT_AUDIT_POLICY,
    )
    return enrolment
