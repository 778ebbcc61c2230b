"""The main menu: residents see what they came for; the API's documentation is for staff."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.testing.clients import client_for

pytestmark = pytest.mark.django_db
MENU = re.compile(r'<nav class="main".*?</nav>', re.DOTALL)


def menu_links(client: Client) -> list[str]:
    menu = MENU.search(client.get(reverse("reporting:home")).content.decode())
    assert menu is not None
    return re.findall(r'href="([^"]+)"', menu[0])


def test_residents_and_visitors_see_no_link_to_the_api_documentation(
    users_by_role: dict[str, User],
) -> None:
    docs = reverse("api-v1:openapi-view")
    for client in (Client(), client_for(users_by_role[Role.PARTICIPANT])):
        links = menu_links(client)
        assert reverse("intake:batch_choice") in links and docs not in links
    # Still open to whoever has the address (integrators).
    assert Client().get(docs).status_code == 200


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.ADMIN, True),
        (Role.KECAMATAN_OPERATOR, True),
        (Role.KELURAHAN_OPERATOR, True),
        (Role.INSTRUCTOR, False),
        (Role.EMPLOYER, False),
        (Role.VIEWER, False),
    ],
)
def test_only_staff_see_the_link_to_the_api_documentation(
    users_by_role: dict[str, User], role: Role, shown: bool
) -> None:
    links = menu_links(client_for(users_by_role[role]))
    assert (reverse("api-v1:openapi-view") in links) is shown


def test_a_resident_sees_no_api_tokens_link_and_staff_do(users_by_role: dict[str, User]) -> None:
    tokens = f'href="{reverse("accounts:api_tokens")}"'
    resident = client_for(users_by_role[Role.PARTICIPANT])
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    assert tokens not in resident.get(reverse("reporting:home")).content.decode()
    assert tokens in operator.get(reverse("reporting:home")).content.decode()
    assert resident.get(reverse("accounts:api_tokens")).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.ADMIN, Role.KELURAHAN_OPERATOR, Role.INSTRUCTOR, Role.EMPLOYER, Role.VIEWER]
)
def test_only_residents_and_visitors_see_the_link_to_register_for_training(
    users_by_role: dict[str, User], role: Role
) -> None:
    links = menu_links(client_for(users_by_role[role]))
    assert reverse("intake:batch_choice") not in links
    # The job vacancies stay in everyone's menu: an employer compares theirs.
    assert reverse("placement:vacancies") in links
