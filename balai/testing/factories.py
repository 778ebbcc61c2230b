"""factory_boy factories for tests. They create through the services, as real use does.

Test code only: the demo data has its own generator (balai.demo) and never imports this.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import factory

from balai.accounts.models import Role, User
from balai.accounts.services import user_create
from balai.regions.models import Kelurahan
from balai.registry.models import Person, Sex
from balai.registry.nik import nik_compose
from balai.registry.services import PersonData, person_create

_serials = itertools.count(1)
# Unlike any Indonesian name, so that the similarity validator never refuses it by chance.
TEST_PASSWORD = "Zq7-mangga-lemon-42"  # test accounts only


class UserFactory(factory.Factory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda number: f"user{number}")
    # Not a random name: pages under test show the signed-in user's name beside residents'.
    full_name = factory.Sequence(lambda number: f"Pengguna Uji {number}")
    role = Role.PARTICIPANT
    password = TEST_PASSWORD
    kecamatan = None
    kelurahan = None

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return user_create(**kwargs)


class PersonFactory(factory.Factory[Person]):
    """A resident with a NIK consistent with their birth date and sex."""

    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="id_ID")
    birth_date = datetime.date(1990, 5, 17)
    sex = Sex.FEMALE
    phone = "+6281234567890"
    domicile_kelurahan: Any = None
    user = None
    nik = factory.LazyAttribute(
        lambda person: nik_compose(
            region_code=person.domicile_kelurahan.kecamatan_id,
            birth_date=person.birth_date,
            sex=person.sex,
            serial=next(_serials),
        )
    )

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return person_create(data=PersonData(**kwargs))


def kelurahan(code: str) -> Kelurahan:
    return Kelurahan.objects.select_related("kecamatan").get(code=code)
