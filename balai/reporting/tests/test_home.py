from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import KERONCONG, SUKARASA
from balai.testing.roles import HEADINGS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", Role.values)
def test_each_role_has_its_own_home_page(
    role: str, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[role])
    page = client.get("/").content.decode()
    assert HEADINGS[Role(role)] in page


def test_the_menu_shows_only_what_the_role_may_open(
    users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.PARTICIPANT])
    page = client.get("/").content.decode()
    assert "/persons/" not in page
    assert "/jobs-and-audit/audit/" not in page
    client.force_login(users_by_role[Role.ADMIN])
    page = client.get("/").content.decode()
    assert "/persons/" in page and "/jobs-and-audit/audit/" in page


def test_an_operator_counts_only_residents_of_their_area(
    users_by_role: dict[str, User], client: Any
) -> None:
    PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG))
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.get("/")
    assert response.context["person_count"] == 1


def test_the_resident_list_masks_niks(users_by_role: dict[str, User], client: Any) -> None:
    person = PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.get("/persons/").content.decode()
    assert person.full_name in page
    assert person.nik_masked in page


def test_the_admin_home_takes_a_fixed_number_of_queries(
    users_by_role: dict[str, User], client: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(users_by_role[Role.ADMIN])
    # Counts of each kind of waiting work (applications, duplicates, absences, corrections,
    # companies to verify) are one query each, however many there are; the graduates
    # channelled, by kind, one; the dashboard's headline, read from its summary, one.
    with django_assert_max_num_queries(19):
        client.get("/")
