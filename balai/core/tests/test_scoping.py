from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user, scoped_get
from balai.registry.models import DuplicateCandidate, Person
from balai.registry.selectors import duplicate_open_list, person_list
from balai.testing.clients import client_for
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA

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


def test_a_possible_duplicate_is_shown_only_to_who_may_see_both_people(
    users_by_role: dict[str, User],
) -> None:
    sukarasa, babakan, keroncong = kelurahan(SUKARASA), kelurahan(BABAKAN), kelurahan(KERONCONG)
    # Same phone, different NIKs: each pair is queued for review.
    PersonFactory.create(
        domicile_kelurahan=keroncong, full_name="Warga Jatiuwung", phone="081100000011"
    )
    PersonFactory.create(
        domicile_kelurahan=sukarasa, full_name="Warga Sukarasa", phone="081100000011"
    )
    PersonFactory.create(domicile_kelurahan=sukarasa, full_name="Ani Pertama", phone="081200000012")
    PersonFactory.create(domicile_kelurahan=sukarasa, full_name="Ani Kedua", phone="081200000012")
    PersonFactory.create(domicile_kelurahan=babakan, full_name="Budi Babakan", phone="081300000013")
    PersonFactory.create(
        domicile_kelurahan=sukarasa, full_name="Budi Sukarasa", phone="081300000013"
    )

    def pairs(role: Role) -> set[str]:
        candidates = duplicate_open_list(user=users_by_role[role])
        return {candidate.similar_to.full_name for candidate in candidates}

    assert pairs(Role.ADMIN) == {"Warga Jatiuwung", "Ani Pertama", "Budi Babakan"}
    assert pairs(Role.KECAMATAN_OPERATOR) == {"Ani Pertama", "Budi Babakan"}
    assert pairs(Role.KELURAHAN_OPERATOR) == {"Ani Pertama"}
    assert pairs(Role.PARTICIPANT) == set()


def test_a_kelurahan_operator_neither_sees_nor_judges_a_pair_across_kecamatan(
    users_by_role: dict[str, User],
) -> None:
    PersonFactory.create(
        domicile_kelurahan=kelurahan(KERONCONG), full_name="Warga Jatiuwung", phone="081100000011"
    )
    PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), full_name="Warga Sukarasa", phone="081100000011"
    )
    candidate = DuplicateCandidate.objects.get()
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.get("/persons/duplicates/").content.decode()
    assert "Warga Jatiuwung" not in page and "Warga Sukarasa" not in page
    verdict = operator.post(
        f"/persons/duplicates/{candidate.pk}/verdict/", {"verdict": "not_duplicate"}
    )
    assert verdict.status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == "open"
    admin_page = client_for(users_by_role[Role.ADMIN]).get("/persons/duplicates/")
    assert "Warga Jatiuwung" in admin_page.content.decode()
