"""Placements and local recruitment over the API: the pages' services, the same area scope
and the same refusals, in the API's error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.placement.models import Placement, PlacementChannel, PlacementKind
from balai.placement.outcomes import placement_record
from balai.testing.clients import bearer
from balai.testing.placement import Graduates
from balai.testing.places import KERONCONG, SUKARASA
from balai.training.models import Enrolment

pytestmark = pytest.mark.django_db
BASE = "/api/v1/placement/placements/"


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def _body(enrolment: Enrolment, **changes: object) -> dict[str, Any]:
    assert enrolment.left_on is not None
    return {
        "enrolment_id": enrolment.pk,
        "kind": "wage",
        "employer_name": "Bengkel Jaya",
        "starts_on": enrolment.left_on.isoformat(),
        "income_band": "1m_2m",
        **changes,
    }


def _placed(enrolment: Enrolment, by: User) -> Placement:
    assert enrolment.left_on is not None
    return placement_record(
        enrolment=enrolment,
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.OPERATOR,
        employer_name=f"Usaha {enrolment.pk}",
        starts_on=enrolment.left_on,
        by=by,
    )


def test_staff_record_a_placement_and_end_it(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    enrolment = graduates.enrolments[0]

    created = _post(client, "", _body(enrolment))
    assert created.status_code == 201, created.content
    answer = created.json()
    assert answer["channel"] == "operator"
    assert answer["person_name"] == enrolment.person.full_name
    assert "nik" not in json.dumps(answer).lower()
    ended = _post(client, f"{answer['id']}/end", {"ends_on": timezone.localdate().isoformat()})

    assert ended.status_code == 200
    assert ended.json()["ends_on"] == timezone.localdate().isoformat()


def test_a_graduate_reports_their_own_placement(graduates: Graduates) -> None:
    client = bearer(graduates.users[0])

    created = _post(client, "", _body(graduates.enrolments[0]))
    refused = _post(client, "", _body(graduates.enrolments[1]))

    assert created.status_code == 201
    assert created.json()["channel"] == "self"
    assert refused.status_code == 404
    assert Placement.objects.count() == 1
    listed = client.get(BASE).json()
    assert [item["id"] for item in listed["items"]] == [created.json()["id"]]


def test_refusals_answer_in_the_error_shape_and_record_nothing(
    graduates: Graduates, elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    enrolment = graduates.enrolments[0]
    assert enrolment.left_on is not None
    too_early = enrolment.left_on.replace(year=enrolment.left_on.year - 1).isoformat()

    outside = _post(client, "", _body(elsewhere))
    early = _post(client, "", _body(enrolment, starts_on=too_early))
    unknown_kind = _post(client, "", _body(enrolment, kind="lottery"))

    assert outside.status_code == 404
    assert early.status_code == 400
    assert early.json()["code"] == "placement_before_training_end"
    assert unknown_kind.status_code == 422
    assert not Placement.objects.exists()


def test_the_list_is_scoped_filtered_and_takes_fixed_queries(
    graduates: Graduates,
    elsewhere: Enrolment,
    users_by_role: dict[str, User],
    keroncong_operator: User,
) -> None:
    admin = users_by_role[Role.ADMIN]
    _placed(elsewhere, admin)
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])

    def listed(query: str = "") -> list[int]:
        response = client.get(f"{BASE}{query}")
        assert response.status_code == 200
        return [item["enrolment_id"] for item in response.json()["items"]]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            listed()
        return len(captured)

    assert listed() == []
    _placed(graduates.enrolments[0], admin)
    few = queries()
    _placed(graduates.enrolments[1], admin)
    assert queries() == few
    assert sorted(listed()) == sorted(e.pk for e in graduates.enrolments[:2])
    assert listed("?kind=self") == []
    assert listed(f"?kelurahan_code={KERONCONG}") == []  # outside the area: nothing
    assert len(listed(f"?kelurahan_code={SUKARASA}")) == 2
    other = bearer(keroncong_operator).get(BASE).json()
    assert [item["enrolment_id"] for item in other["items"]] == [elsewhere.pk]


def test_an_operator_recruits_graduates_of_their_area_over_the_api(
    graduates: Graduates, elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KECAMATAN_OPERATOR])
    first, second, _third = graduates.enrolments

    opened = _post(
        client,
        "recruitments",
        {
            "title": "Juru parkir",
            "kind": "local_work",
            "employer_name": "Dishub",
            "kelurahan_code": SUKARASA,
            "openings": 1,
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert opened.status_code == 201, opened.content
    recruitment_id = opened.json()["id"]
    candidates = client.get(f"{BASE}recruitments/{recruitment_id}/candidates").json()
    proposed = {item["enrolment_id"] for item in candidates["items"]}
    assert {first.pk, second.pk} <= proposed
    assert elsewhere.pk not in proposed
    path = f"recruitments/{recruitment_id}/select"

    outside = _post(client, path, {"enrolment_ids": [elsewhere.pk]})
    twice = _post(client, path, {"enrolment_ids": [first.pk, first.pk]})
    too_many = _post(client, path, {"enrolment_ids": [first.pk, second.pk]})
    chosen = _post(client, path, {"enrolment_ids": [first.pk]})

    assert outside.status_code == 404
    assert twice.json()["code"] == "graduate_chosen_twice"
    assert too_many.json()["code"] == "openings_exceeded"
    assert chosen.status_code == 200
    assert [item["enrolment_id"] for item in chosen.json()["placements"]] == [first.pk]
    assert chosen.json()["placements"][0]["channel"] == "local"
    listed = client.get(f"{BASE}recruitments").json()["items"]
    assert [(item["id"], item["chosen"]) for item in listed] == [(recruitment_id, 1)]


def test_a_recruitment_outside_the_area_is_refused_over_the_api(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])

    response = _post(
        client,
        "recruitments",
        {
            "title": "X",
            "kind": "government",
            "employer_name": "Y",
            "kelurahan_code": KERONCONG,
            "openings": 1,
            "starts_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 400
    assert response.json()["code"] == "kelurahan_outside_area"


def test_roles_without_placements_are_refused(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    for role in (Role.EMPLOYER, Role.VIEWER, Role.INSTRUCTOR):
        assert bearer(users_by_role[role]).get(BASE).status_code == 403
    assert bearer(users_by_role[Role.PARTICIPANT]).get(f"{BASE}recruitments").status_code == 403
