"""A hire and a placement are recorded, and audited, the same way from every route."""

from __future__ import annotations

import pytest
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.core.models import AuditEntry
from balai.placement.models import (
    ApplicationStatus,
    JobApplication,
    Placement,
    PlacementChannel,
    PlacementKind,
)
from balai.placement.outcomes import application_status_set, placement_record
from balai.testing.placement import make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db


def test_a_hire_moves_the_application_and_records_an_audited_placement(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    graduate = make_graduates(programmes, count=1).enrolments[0]
    company, (employer,) = make_company()
    application = JobApplication.objects.create(
        vacancy=make_vacancy(company),
        person=graduate.person,
        enrolment=graduate,
        status_changed_at=timezone.now(),
    )

    application_status_set(application=application, status=ApplicationStatus.HIRED)
    placement = placement_record(
        enrolment=graduate,
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.VACANCY,
        employer_name=company.name,
        company=company,
        application=application,
        starts_on=timezone.localdate(),
        by=employer,
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    assert Placement.objects.get() == placement
    assert placement.person_id == graduate.person_id
    audited = set(AuditEntry.objects.values_list("target_type", flat=True))
    assert {"placement.jobapplication", "placement.placement"} <= audited
