"""Residents and operators for the tests of business groups."""

from __future__ import annotations

import pytest

from balai.accounts.models import Role, User
from balai.registry.models import Person
from balai.testing.enterprise import make_residents
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG


@pytest.fixture
def residents(kota_tangerang: None) -> list[Person]:
    """Twelve residents of Sukarasa, each with a participant account."""
    return make_residents(12)


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    """The kelurahan operator of Sukarasa."""
    return users_by_role[Role.KELURAHAN_OPERATOR]


@pytest.fixture
def keroncong_operator(kota_tangerang: None) -> User:
    return UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))
