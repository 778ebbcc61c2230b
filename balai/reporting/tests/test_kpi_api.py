"""The KPI API on the hand-made city of balai.testing.reporting: the headline figures of the
caller's own area, each area's tables, scoped exactly like the dashboards."""

from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.regions.models import Kelurahan
from balai.testing.clients import bearer
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.reporting import ReportingCity, make_reporting_city

pytestmark = pytest.mark.django_db

KECAMATAN_TANGERANG = "36.71.01"
KECAMATAN_JATIUWUNG = "36.71.02"
API = "/api/v1/reporting"
# The city's people: 4 registered, 3 enrolled, 2 completed, certified and channelled.
PEOPLE = {"registered": 4, "enrolled": 3, "completed": 2, "certified": 2, "channelled": 2}


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


def kpis_without_time(body: dict[str, Any]) -> dict[str, Any]:
    assert body.pop("computed_at")
    return body


def test_a_kelurahan_operator_reads_the_kpis_of_their_kelurahan(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    response = bearer(users_by_role[Role.KELURAHAN_OPERATOR]).get(f"{API}/kpis")
    assert response.status_code == 200
    assert kpis_without_time(response.json()) == {
        "area": {"level": "kelurahan", "code": SUKARASA, "name": "Sukarasa"},
        "stale": False,
        **PEOPLE,
        "target": 100,
        "target_percent": 3.0,  # 3 of 100
        "completion_rate_percent": 66.7,  # 2 of 3
    }


def test_the_kecamatan_and_the_city_count_the_same_people_against_larger_targets(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    # Kecamatan Tangerang has 8 kelurahan, the city 104: targets of 800 and 10,400.
    assert Kelurahan.objects.filter(kecamatan_id=KECAMATAN_TANGERANG).count() == 8
    kecamatan = bearer(users_by_role[Role.KECAMATAN_OPERATOR]).get(f"{API}/kpis").json()
    assert kecamatan["area"]["code"] == KECAMATAN_TANGERANG
    assert {key: kecamatan[key] for key in PEOPLE} == PEOPLE
    assert (kecamatan["target"], kecamatan["target_percent"]) == (800, 0.4)  # 3 of 800
    for role in (Role.ADMIN, Role.VIEWER):
        regency = bearer(users_by_role[role]).get(f"{API}/kpis").json()
        assert regency["area"] == {"level": "regency", "code": "36.71", "name": "Kota Tangerang"}
        assert {key: regency[key] for key in PEOPLE} == PEOPLE
        assert (regency["target"], regency["target_percent"]) == (10_400, 0.0)  # 3 of 10,400
        assert regency["completion_rate_percent"] == 66.7


def test_an_areas_tables_come_with_rows_and_links_to_the_areas_below(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KECAMATAN_OPERATOR])
    body = client.get(f"{API}/areas/kecamatan/{KECAMATAN_TANGERANG}").json()
    assert body["area"]["code"] == KECAMATAN_TANGERANG
    assert len(body["children"]) == 8
    tables = {table["name"]: table for table in body["tables"]}
    assert {"funnel", "channels", "ranking", "by_programme", "by_sex"} <= set(tables)
    funnel = tables["funnel"]
    assert funnel["columns"][1] == {"key": "people", "label": "Orang", "kind": "count"}
    assert [row["cells"][1:] for row in funnel["rows"]] == [
        [4, 100.0],
        [4, 100.0],
        [3, 75.0],
        [3, 75.0],
        [3, 75.0],
        [3, 75.0],
        [2, 50.0],
        [2, 50.0],
        [2, 50.0],
    ]
    first = tables["ranking"]["rows"][0]
    assert first == {
        "cells": ["Sukarasa", 4, 3, 100, 3.0, 2, 2, 2],
        "link": {"level": "kelurahan", "code": SUKARASA},
    }
    assert {row["link"]["code"] for row in tables["ranking"]["rows"]} == {
        child["code"] for child in body["children"]
    }


def test_a_kelurahan_drills_down_to_its_class(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    body = client.get(f"{API}/areas/kelurahan/{SUKARASA}").json()
    [ranking] = [table for table in body["tables"] if table["name"] == "ranking"]
    assert [row["link"] for row in ranking["rows"]] == [{"level": "class", "code": city.class_id}]
    classroom = client.get(f"{API}/areas/class/{city.class_id}").json()
    [stages] = [table for table in classroom["tables"] if table["name"] == "class_stages"]
    assert [row["cells"][1] for row in stages["rows"]] == [3, 3, 2, 2, 2]


@pytest.mark.parametrize(
    ("role", "level", "code"),
    [
        (Role.KECAMATAN_OPERATOR, "kecamatan", KECAMATAN_JATIUWUNG),
        (Role.KECAMATAN_OPERATOR, "regency", "36.71"),
        (Role.KECAMATAN_OPERATOR, "kelurahan", KERONCONG),
        (Role.KELURAHAN_OPERATOR, "kelurahan", BABAKAN),
        (Role.KELURAHAN_OPERATOR, "kecamatan", KECAMATAN_TANGERANG),
        (Role.ADMIN, "province", "36"),
    ],
)
def test_an_area_outside_the_callers_is_not_found(
    city: ReportingCity, users_by_role: dict[str, User], role: str, level: str, code: str
) -> None:
    response = bearer(users_by_role[role]).get(f"{API}/areas/{level}/{code}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.INSTRUCTOR, Role.EMPLOYER])
def test_a_role_without_dashboards_is_refused(
    city: ReportingCity, users_by_role: dict[str, User], role: str
) -> None:
    client = bearer(users_by_role[role])
    assert client.get(f"{API}/kpis").status_code == 403
    assert client.get(f"{API}/areas/regency/36.71").status_code == 403


@pytest.mark.parametrize("path", ["/kpis", f"/areas/kecamatan/{KECAMATAN_TANGERANG}"])
def test_the_api_takes_a_fixed_number_of_queries(
    city: ReportingCity, users_by_role: dict[str, User], path: str, django_assert_num_queries: Any
) -> None:
    client = bearer(users_by_role[Role.KECAMATAN_OPERATOR])
    # The token and its user, and the token's last use; the area (which carries the areas
    # above it), its kelurahan and the latest refresh (dashboard_for); the programmes' names.
    with django_assert_num_queries(6):
        response = client.get(f"{API}{path}")
    assert response.status_code == 200
