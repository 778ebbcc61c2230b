"""Graduates, places and files for the tests of placements and local recruitment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.registry.models import Person
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.placement import Graduates, make_graduates
from balai.testing.places import KERONCONG
from balai.training.models import Enrolment


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    """Three graduates of tata boga living in Sukarasa (Kecamatan Tangerang)."""
    return make_graduates(programmes, count=3)


@pytest.fixture
def elsewhere(graduates: Graduates) -> Enrolment:
    """The third graduate, moved to Keroncong (Kecamatan Jatiuwung): outside the area of
    the operators of users_by_role."""
    enrolment = graduates.enrolments[2]
    Person.objects.filter(pk=enrolment.person_id).update(domicile_kelurahan=kelurahan(KERONCONG))
    return Enrolment.objects.select_related("person").get(pk=enrolment.pk)


@pytest.fixture
def keroncong_operator(kota_tangerang: None) -> User:
    return UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploaded evidence goes to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
