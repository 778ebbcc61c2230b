"""The dashboards' data generator: rows that pass every constraint and a funnel that counts them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from balai.intake.models import Application, Offer
from balai.intake.models.applications import ApplicationStatus
from balai.intake.models.offers import OfferStatus
from balai.placement.models import Placement
from balai.registry.models import Person
from balai.reporting.models import AreaSummary
from balai.reporting.refresh import summaries_refresh
from balai.training.models import ATTENDED, Attendance, Certificate, Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db


def generate(participants: int, *extra: str) -> str:
    output = StringIO()
    call_command(
        "generate_reporting_data", "--participants", str(participants), "--seed", "7", *extra,
        stdout=output,
    )  # fmt: skip
    return output.getvalue()


def test_the_funnel_after_a_refresh_counts_what_was_generated(kota_tangerang: None) -> None:
    generate(50)
    summaries_refresh()
    attending = (
        Attendance.objects.filter(status__in=ATTENDED).values("enrolment_id").distinct().count()
    )
    expected = {
        "registered": Person.objects.count(),
        "eligible": Application.objects.filter(status=ApplicationStatus.ELIGIBLE).count(),
        "offered": Offer.objects.count(),
        "accepted": Offer.objects.filter(status=OfferStatus.ACCEPTED).count(),
        "enrolled": Enrolment.objects.count(),
        "attending": attending,
        "completed": Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).count(),
        "certified": Certificate.objects.count(),
        "channelled": Placement.objects.values("person_id").distinct().count(),
    }
    figures = AreaSummary.objects.get(level="regency", code="36.71").figures["funnel"]
    assert expected["registered"] == 50
    assert expected["enrolled"] > 0
    assert {stage: figures["total"].get(stage, 0) for stage in expected} == expected


def test_people_are_spread_over_every_kelurahan_of_the_regency(kota_tangerang: None) -> None:
    generate(8)
    assert Person.objects.values("domicile_kelurahan_id").distinct().count() == 8
    assert Person.objects.filter(domicile_kelurahan__code__startswith="36.71.").count() == 8


def test_it_refuses_a_database_holding_people_unless_forced(kota_tangerang: None) -> None:
    generate(5)
    with pytest.raises(CommandError):
        generate(5)
    generate(5, "--force")
    assert Person.objects.count() == 10
