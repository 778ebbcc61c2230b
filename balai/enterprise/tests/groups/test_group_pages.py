"""The pages of business groups: scoped lists and details, a member's own group, adding a
member found by name, and suggestions founded with one button."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.enterprise.groups import business_interest_declare
from balai.enterprise.models import BusinessGroup, BusinessInterest, GroupMembership
from balai.registry.models import Person
from balai.testing.enterprise import make_group, make_residents

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_operator_of_another_kelurahan_gets_404(
    kota_tangerang: None, keroncong_operator: User
) -> None:
    team = make_group()
    response = signed_in(keroncong_operator).get(f"/groups/{team.group.pk}/")
    assert response.status_code == 404


def test_a_member_sees_their_group_and_a_non_member_does_not(kota_tangerang: None) -> None:
    team = make_group()
    (outsider,) = make_residents(1)
    member = signed_in(team.users[3])
    assert member.get(f"/groups/{team.group.pk}/").status_code == 200
    mine = member.get("/groups/mine/")
    assert team.group.name in mine.content.decode()
    assert outsider.user is not None
    assert signed_in(outsider.user).get(f"/groups/{team.group.pk}/").status_code == 404


def test_a_member_reaches_the_group_statement_from_their_group(kota_tangerang: None) -> None:
    team = make_group()
    member = signed_in(team.users[3])
    page = member.get("/groups/mine/").content.decode()
    statement = f"/groups/{team.group.pk}/statement/"
    assert f'href="{statement}"' in page
    assert member.get(statement).status_code == 200


def test_the_list_shows_the_area_groups_in_a_fixed_number_of_queries(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        make_group(name=f"Kelompok {number}")
    client = signed_in(users_by_role[Role.KELURAHAN_OPERATOR])
    with django_assert_max_num_queries(12):
        response = client.get("/groups/")
    assert response.content.decode().count('data-testid="group"') == 6


def test_an_operator_finds_a_resident_by_name_and_adds_them(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    team = make_group()
    (newcomer,) = make_residents(1)
    client = signed_in(users_by_role[Role.KELURAHAN_OPERATOR])
    found = client.post(
        f"/groups/{team.group.pk}/members/", {"action": "find", "text": newcomer.full_name}
    )
    assert str(newcomer.public_id) in found.content.decode()
    client.post(
        f"/groups/{team.group.pk}/members/",
        {"action": "add", "person": str(newcomer.public_id), "role": "member"},
    )
    assert GroupMembership.objects.filter(group=team.group, person=newcomer, left_on=None).exists()
    page = client.get(f"/groups/{team.group.pk}/").content.decode()
    assert newcomer.full_name in page


def test_a_person_in_another_group_is_refused_with_a_message(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    first = make_group(name="Pertama")
    second = make_group(name="Kedua")
    client = signed_in(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.post(
        f"/groups/{second.group.pk}/members/",
        {"action": "add", "person": str(first.people[2].public_id), "role": "member"},
        follow=True,
    )
    assert "Pertama" in response.content.decode()
    assert response.status_code == 200


def test_a_participant_declares_interest_and_founds_a_group(kota_tangerang: None) -> None:
    (person,) = make_residents(1)
    assert person.user is not None
    client = signed_in(person.user)
    client.post(
        "/groups/interest/", {"step": "record", "business_type": "craft", "wants_group": "on"}
    )
    assert BusinessInterest.objects.get(person=person).business_type == "craft"
    client.post("/groups/new/", {"name": "Kriya Kita", "business_type": "craft"})
    group = BusinessGroup.objects.get(name="Kriya Kita")
    assert GroupMembership.objects.get(group=group).role == "leader"


def test_staff_found_a_suggested_group_with_one_button(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    people: list[Person] = make_residents(5)
    for person in people:
        business_interest_declare(
            by=operator, person=person, business_type="food", wants_group=True
        )
    client = signed_in(operator)
    page = client.get("/groups/suggestions/").content.decode()
    assert page.count('data-testid="suggestion"') == 1
    client.post(
        "/groups/new/",
        {
            "name": "Dapur Sukarasa",
            "business_type": "food",
            "kelurahan": people[0].domicile_kelurahan_id,
            "people": ",".join(str(person.public_id) for person in people),
        },
    )
    group = BusinessGroup.objects.get(name="Dapur Sukarasa")
    assert group.status == "active"
    assert GroupMembership.objects.filter(group=group, left_on=None).count() == 5
