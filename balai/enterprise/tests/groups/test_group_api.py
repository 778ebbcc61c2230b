"""Business groups over the API: the pages' services, scoped, with no NIK in the answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.testing.clients import bearer
from balai.testing.enterprise import make_group, make_residents
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
BASE = "/api/v1/enterprise/groups/"


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def test_staff_found_a_group_add_members_and_change_roles(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    people = make_residents(3)
    created = _post(
        client, "", {"name": "Maju", "business_type": "food", "kelurahan_code": SUKARASA}
    )
    assert created.status_code == 201, created.content
    group_id = created.json()["id"]
    assert created.json()["status"] == "forming"
    for person, role in zip(people, ["leader", "treasurer", "member"], strict=True):
        answer = _post(
            client, f"{group_id}/members", {"person_id": str(person.public_id), "role": role}
        )
        assert answer.status_code == 200, answer.content
    changed = _post(client, f"{group_id}/members/{people[2].public_id}/role", {"role": "leader"})
    roles = {m["name"]: m["role"] for m in changed.json()["members"]}
    assert roles[people[2].full_name] == "leader"
    assert roles[people[0].full_name] == "member"
    removed = _post(client, f"{group_id}/members/{people[0].public_id}/remove", {})
    assert len(removed.json()["members"]) == 2
    assert "nik" not in json.dumps(removed.json()).lower()


def test_a_second_group_for_one_person_is_a_clear_400(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    first = make_group(name="Pertama")
    second = make_group(name="Kedua")
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    answer = _post(
        client, f"{second.group.pk}/members", {"person_id": str(first.people[2].public_id)}
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "person_in_another_group"


def test_an_operator_of_another_kelurahan_gets_404(
    kota_tangerang: None, keroncong_operator: User
) -> None:
    team = make_group()
    assert bearer(keroncong_operator).get(f"{BASE}{team.group.pk}").status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for number in range(8):
        make_group(name=f"Kelompok {number}")
    client = bearer(users_by_role[Role.ADMIN])
    with django_assert_max_num_queries(8):
        answer = client.get(BASE)
    assert answer.json()["count"] == 8
    assert {item["member_count"] for item in answer.json()["items"]} == {5}


def test_interest_and_suggestions(kota_tangerang: None, users_by_role: dict[str, User]) -> None:
    people = make_residents(5)
    for person in people:
        assert person.user is not None
        answer = _post(bearer(person.user), "interest", {"business_type": "beauty"})
        assert answer.status_code == 200, answer.content
    suggestions = bearer(users_by_role[Role.KELURAHAN_OPERATOR]).get(f"{BASE}suggestions")
    (suggestion,) = suggestions.json()
    assert {m["person_id"] for m in suggestion["members"]} == {str(p.public_id) for p in people}
