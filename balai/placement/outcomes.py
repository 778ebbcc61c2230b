"""The two writes every route to work ends in: an application's status moves, and a
placement is recorded. Applications, interviews, local recruitment and tracer surveys all
call these, so that a hire is recorded the same way whichever page it came from."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.placement.models import (
    ApplicationStatus,
    Company,
    JobApplication,
    Placement,
    PlacementChannel,
    PlacementKind,
    Recruitment,
)
from balai.training.models import Enrolment

APPLICATION_AUDIT_POLICY = AuditPolicy(fields=["vacancy_id", "person_id", "status"])
PLACEMENT_AUDIT_POLICY = AuditPolicy(
    fields=[
        "person_id",
        "enrolment_id",
        "kind",
        "channel",
        "company_id",
        "employer_name",
        "starts_on",
        "ends_on",
        "income_band",
    ]
)


@transaction.atomic
def application_status_set(
    *, application: JobApplication, status: ApplicationStatus, reason: str = ""
) -> JobApplication:
    """Move `application` to `status` (audited, the row locked while it changes)."""
    model_update(
        instance=application,
        fields={"status": status, "status_changed_at": timezone.now()},
        policy=APPLICATION_AUDIT_POLICY,
        reason=reason,
    )
    return application


@transaction.atomic
def placement_record(
    *,
    enrolment: Enrolment,
    kind: PlacementKind,
    channel: PlacementChannel,
    employer_name: str,
    starts_on: datetime.date,
    by: User | None,
    company: Company | None = None,
    application: JobApplication | None = None,
    recruitment: Recruitment | None = None,
    income_band: str = "",
    note: str = "",
    evidence: tuple[str, bytes] | None = None,
) -> Placement:
    """Record that the graduate of `enrolment` was placed: audited, in one transaction with
    whatever led to it. Callers check what their route requires (a hire needs a booked
    interview, a local recruitment a graduate of the operator's area). `evidence` is a
    checked file (balai.placement.evidence.evidence_checked): its name and content."""
    placement = Placement(
        person_id=enrolment.person_id,
        enrolment=enrolment,
        kind=kind,
        channel=channel,
        company=company,
        employer_name=employer_name,
        application=application,
        recruitment=recruitment,
        starts_on=starts_on,
        income_band=income_band,
        note=note,
        recorded_by=by,
    )
    if evidence is not None:
        name, content = evidence
        placement.evidence.save(name, ContentFile(content), save=False)
    placement.save()
    audit_record_created(target=placement, policy=PLACEMENT_AUDIT_POLICY)
    return placement
