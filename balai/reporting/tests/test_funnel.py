"""The funnel's figures on the hand-made city of balai.testing.reporting, at every level."""

from __future__ import annotations

import pytest

from balai.catalogue.models import Programme
from balai.intake.report_selectors import ApplicationFact
from balai.placement.models import PlacementKind
from balai.placement.report_selectors import PlacementKindFact
from balai.regions.models import Kelurahan
from balai.reporting import funnel as funnel_module
from balai.reporting.models import AreaSummary
from balai.testing.places import SUKARASA
from balai.testing.reporting import ReportingCity, make_reporting_city
from balai.training.models import EnrolmentStatus
from balai.training.report_selectors import EnrolmentFact

pytestmark = pytest.mark.django_db

STAGES = {
    "registered": 4,
    "eligible": 4,
    "offered": 3,
    "accepted": 3,
    "enrolled": 3,
    "attending": 3,
    "completed": 2,
    "certified": 2,
    "channelled": 2,
}
KECAMATAN_TANGERANG = "36.71.01"


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


def funnel(level: str, code: str) -> dict:  # type: ignore[type-arg]
    return AreaSummary.objects.get(level=level, code=code).figures["funnel"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("level", "code"),
    [("kelurahan", SUKARASA), ("kecamatan", KECAMATAN_TANGERANG), ("regency", "36.71")],
)
def test_every_level_counts_each_person_once_per_stage(
    city: ReportingCity, level: str, code: str
) -> None:
    figures = funnel(level, code)
    assert figures["total"] == STAGES
    assert figures["channels"] == {"employed": 1, "business_group": 1}


def test_the_breakdowns_add_up_to_the_hand_counted_groups(city: ReportingCity) -> None:
    figures = funnel("kelurahan", SUKARASA)
    assert figures["sex"]["L"]["registered"] == 2
    assert figures["sex"]["L"]["enrolled"] == 1
    assert figures["sex"]["P"]["certified"] == 1
    assert figures["age_band"]["25-34"]["registered"] == 3
    assert figures["age_band"]["15-24"] == {"registered": 1, "eligible": 1}
    assert figures["priority"]["priority"]["registered"] == 4
    tata_boga = str(city.classroom.training_class.programme_id)
    assert figures["programme"][tata_boga] == STAGES


def test_the_target_is_a_hundred_per_kelurahan_of_the_area(city: ReportingCity) -> None:
    in_kecamatan = Kelurahan.objects.filter(kecamatan_id=KECAMATAN_TANGERANG).count()
    in_city = Kelurahan.objects.filter(kecamatan__regency_id="36.71").count()
    assert funnel("kelurahan", SUKARASA)["target"] == 100
    assert funnel("kecamatan", KECAMATAN_TANGERANG)["target"] == 100 * in_kecamatan
    assert funnel("regency", "36.71")["target"] == 100 * in_city


def test_a_class_counts_its_own_participants(city: ReportingCity) -> None:
    assert funnel("class", city.class_id)["total"] == {
        "enrolled": 3,
        "attending": 3,
        "completed": 2,
        "certified": 2,
        "channelled": 2,
    }


def test_a_class_counts_only_the_stages_reached_in_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Person 1 dropped out of class 10 after attending, then completed class 20 with a
    # certificate and found a job: class 10 must not count them completed or channelled.
    enrolments = [
        EnrolmentFact(1, 1, EnrolmentStatus.DROPPED, 10, 7, "k", True, False),
        EnrolmentFact(2, 1, EnrolmentStatus.COMPLETED, 20, 7, "k", True, True),
    ]
    monkeypatch.setattr(
        funnel_module, "application_facts", lambda: [ApplicationFact(1, "seat_held", 0, 7)]
    )
    monkeypatch.setattr(funnel_module, "offer_facts", lambda: [])
    monkeypatch.setattr(funnel_module, "enrolment_facts", lambda: enrolments)
    monkeypatch.setattr(
        funnel_module,
        "placement_facts",
        lambda: [PlacementKindFact(1, PlacementKind.WAGE_EMPLOYMENT)],
    )
    monkeypatch.setattr(funnel_module, "business_group_member_ids", lambda: set())
    path = funnel_module.person_paths()[1]
    assert path.class_stages == {
        10: {"enrolled", "attending"},
        20: {"enrolled", "attending", "completed", "certified", "channelled"},
    }
    assert "channelled" in path.stages


def test_areas_with_nobody_have_a_summary_with_zero_figures(city: ReportingCity) -> None:
    empty = AreaSummary.objects.get(level="kelurahan", code="36.71.02.1001")
    assert empty.figures["funnel"] == {"total": {}, "target": 100}
