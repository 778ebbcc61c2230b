from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.conftest import BABAKAN, KERONCONG, SUKARASA
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user, scoped_get
from balai.factories import PersonFactory, kelurahan
from balai.registry.models import Person
from balai.registry.selectors import person_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def residents(users_by_role: dict[str, User]) -> dict[str, Person]:
    """One resident in Sukarasa and one in Babakan (both Kecamatan Tangerang), one in
    Keroncong (Kecamatan Jatiuwung), and the participant's own record in Keroncong."""
    return {
        "sukarasa": PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA)),
        "babakan": PersonFactory.create(domicile_kelurahan=kelurahan(BABAKAN)),
        "keroncong": PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG)),
        "own": PersonFactory.create(
            domicile_kelurahan=kelurahan(KERONCONG), user=users_by_role[Role.PARTICIPANT]
        ),
    }


def visible(user: User, residents: dict[str, Person]) -> set[str]:
    ids = set(person_list(user=user).values_list("id", flat=True))
    return {label for label, person in residents.items() if person.id in ids}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, {"sukarasa", "babakan", "keroncong", "own"}),
        (Role.KECAMATAN_OPERATOR, {"sukarasa", "babakan"}),
        (Role.KELURAHAN_OPERATOR, {"sukarasa"}),
        (Role.PARTICIPANT, {"own"}),
        (Role.INSTRUCTOR, set()),
        (Role.EMPLOYER, set()),
        (Role.VIEWER, set()),
    ],
)
def test_each_role_sees_the_people_of_its_area_only(
    role: Role, expected: set[str], users_by_role: dict[str, User], residents: dict[str, Person]
) -> None:
    assert visible(users_by_role[role], residents) == expected


def test_viewers_count_the_whole_city_but_see_no_rows(
    users_by_role: dict[str, User], residents: dict[str, Person]
) -> None:
    viewer = users_by_role[Role.VIEWER]
    assert person_list(user=viewer, for_aggregates=True).count() == 4
    assert person_list(user=viewer).count() == 0


def test_an_anonymous_or_deactivated_user_sees_nothing(
    users_by_role: dict[str, User], residents: dict[str, Person]
) -> None:
    admin = users_by_role[Role.ADMIN]
    admin.is_active = False
    assert person_list(user=admin).count() == 0
    assert person_list(user=None).count() == 0


def test_a_row_outside_the_area_is_not_found_rather_than_forbidden(
    users_by_role: dict[str, User], residents: dict[str, Person]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    people = Person.objects.all()
    assert scoped_get(people, operator, pk=residents["sukarasa"].pk) == residents["sukarasa"]
    with pytest.raises(NotFoundError):
        scoped_get(people, operator, pk=residents["keroncong"].pk)


def test_a_model_without_a_declared_scope_cannot_be_scoped(
    users_by_role: dict[str, User],
) -> None:
    with pytest.raises(ImproperlyConfigured, match="declares no area scope"):
        scope_to_user(Programme.objects.all(), users_by_role[Role.ADMIN])


def test_an_admin_sees_only_the_deployments_own_city(
    users_by_role: dict[str, User], residents: dict[str, Person], settings: object
) -> None:
    settings.BALAI_REGENCY_CODE = "36.03"  # type: ignore[attr-defined]
    assert person_list(user=users_by_role[Role.ADMIN]).count() == 0
