"""A kind of owner declared by an app, not by core, is enforced by area scoping and walked by
the route-walking test.

The app is `balai.core.tests.hiring` (installed in the test run only): its employers own
their company's vacancies and applicants through the kind "test_company", which core knows
nothing of. Nothing in this file or that app changes core.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.scoping import (
    OwnerKind,
    area_scope_of,
    area_scopes_check,
    register_area_scope,
    register_owner_kind,
    scope_to_user,
    scoped_get,
)
from balai.core.tests.hiring.models import Applicant, Company, Vacancy, companies_of
from balai.testing.clients import client_for
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.places import KERONCONG, SUKARASA
from balai.testing.routes import ALL_ROUTES, ANONYMOUS, walk_as

HIRING_ROUTES = [(name, path) for name, path in ALL_ROUTES if name.startswith("test_hiring:")]


@pytest.fixture
def applicants(users_by_role: dict[str, User]) -> dict[str, Applicant]:
    """PT Maju (the employer of `users_by_role`) hires a welder in Keroncong; PT Jaya (another
    employer) a barista in Sukarasa. One Keroncong resident applies to PT Maju; a Sukarasa
    resident and the participant (who lives in Keroncong) to PT Jaya. The participant is
    also listed as a member of PT Maju, which a kind for employers must ignore."""
    maju = Company.objects.create(name="PT Maju")
    maju.members.add(users_by_role[Role.EMPLOYER], users_by_role[Role.PARTICIPANT])
    jaya = Company.objects.create(name="PT Jaya")
    jaya.members.add(UserFactory.create(username="employer-jaya", role=Role.EMPLOYER))
    welder = Vacancy.objects.create(company=maju, title="Juru las", kelurahan=kelurahan(KERONCONG))
    barista = Vacancy.objects.create(company=jaya, title="Barista", kelurahan=kelurahan(SUKARASA))

    def applicant(
        vacancy: Vacancy, full_name: str, place: str, user: User | None = None
    ) -> Applicant:
        person = PersonFactory.create(
            full_name=full_name, domicile_kelurahan=kelurahan(place), user=user
        )
        return Applicant.objects.create(vacancy=vacancy, person=person)

    return {
        "Pelamar Maju": applicant(welder, "Pelamar Maju", KERONCONG),
        "Pelamar Jaya": applicant(barista, "Pelamar Jaya", SUKARASA),
        "Pelamar Sendiri": applicant(
            barista, "Pelamar Sendiri", KERONCONG, users_by_role[Role.PARTICIPANT]
        ),
    }


SEEN_BY_ROLE = [
    (Role.ADMIN, {"Pelamar Maju", "Pelamar Jaya", "Pelamar Sendiri"}),
    (Role.KECAMATAN_OPERATOR, {"Pelamar Jaya"}),
    (Role.KELURAHAN_OPERATOR, {"Pelamar Jaya"}),
    (Role.INSTRUCTOR, set()),
    (Role.PARTICIPANT, {"Pelamar Sendiri"}),
    (Role.EMPLOYER, {"Pelamar Maju"}),
    (Role.VIEWER, set()),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), SEEN_BY_ROLE)
def test_each_role_lists_the_applicants_of_its_area_or_of_what_it_owns(
    role: Role,
    expected: set[str],
    users_by_role: dict[str, User],
    applicants: dict[str, Applicant],
) -> None:
    response = client_for(users_by_role[role]).get("/test-hiring/applicants/")
    assert response.status_code == 200
    assert set(filter(None, response.content.decode().split("\n"))) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), SEEN_BY_ROLE)
def test_each_role_opens_only_the_applicants_it_may_see_and_finds_no_other(
    role: Role,
    expected: set[str],
    users_by_role: dict[str, User],
    applicants: dict[str, Applicant],
) -> None:
    user = users_by_role[role]
    client = client_for(user)
    for full_name, applicant in applicants.items():
        response = client.get(f"/test-hiring/applicants/{applicant.pk}/")
        assert response.status_code == (200 if full_name in expected else 404), full_name
        if full_name in expected:
            assert scoped_get(Applicant.objects.all(), user, pk=applicant.pk) == applicant
        else:
            with pytest.raises(NotFoundError):
                scoped_get(Applicant.objects.all(), user, pk=applicant.pk)


@pytest.mark.django_db
def test_an_employer_sees_the_vacancies_of_their_own_company_only(
    users_by_role: dict[str, User], applicants: dict[str, Applicant]
) -> None:
    employer_of_jaya = User.objects.get(username="employer-jaya")
    assert client_for(users_by_role[Role.EMPLOYER]).get("/test-hiring/vacancies/").content == (
        b"Juru las"
    )
    assert client_for(employer_of_jaya).get("/test-hiring/vacancies/").content == b"Barista"
    admin_sees = client_for(users_by_role[Role.ADMIN]).get("/test-hiring/vacancies/").content
    assert admin_sees == b"Barista\nJuru las"


@pytest.mark.django_db
def test_an_employer_of_no_company_or_deactivated_sees_nothing(
    users_by_role: dict[str, User], applicants: dict[str, Applicant]
) -> None:
    employer = users_by_role[Role.EMPLOYER]
    unemployed = UserFactory.create(username="employer-none", role=Role.EMPLOYER)
    assert companies_of(unemployed).count() == 0
    assert scope_to_user(Applicant.objects.all(), unemployed).count() == 0
    assert scope_to_user(Vacancy.objects.all(), unemployed).count() == 0
    employer.is_active = False
    assert scope_to_user(Applicant.objects.all(), employer).count() == 0


@pytest.fixture
def applicants_name_an_undeclared_kind() -> Iterator[None]:
    """The test app's Applicant scope, naming also a kind of owner that nobody declared."""
    declared = area_scope_of(Applicant)
    owners = {**declared.owners, "test_group": "vacancy__company"}
    register_area_scope(Applicant, dataclasses.replace(declared, owners=owners))
    yield
    register_area_scope(Applicant, declared)


@pytest.mark.django_db
@pytest.mark.usefixtures("applicants_name_an_undeclared_kind")
@pytest.mark.parametrize("role", [ANONYMOUS, *Role.values])
def test_a_scope_naming_an_undeclared_kind_raises_for_every_user_rather_than_show_rows(
    role: str, users_by_role: dict[str, User], applicants: dict[str, Applicant]
) -> None:
    user = None if role == ANONYMOUS else users_by_role[role]
    with pytest.raises(ImproperlyConfigured, match="test_group"):
        scope_to_user(Applicant.objects.all(), user)
    with pytest.raises(ImproperlyConfigured, match="test_group"):
        scoped_get(Applicant.objects.all(), user, pk=applicants["Pelamar Maju"].pk)


@pytest.mark.usefixtures("applicants_name_an_undeclared_kind")
def test_the_system_checks_refuse_to_start_with_a_scope_naming_an_undeclared_kind() -> None:
    errors = area_scopes_check()
    assert [(error.obj, error.id) for error in errors] == [(Applicant, "balai.E001")]
    assert "test_group" in errors[0].msg


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"owners": {"test_company": "vacancy__firm"}}, "firm"),
        ({"kelurahan_path": "vacancy__company"}, "kecamatan"),
        ({"other_kelurahan_paths": ("vacancy__kelurahan__name",)}, "kecamatan"),
    ],
)
def test_the_system_checks_refuse_to_start_with_a_scope_whose_path_leads_nowhere(
    changes: dict[str, Any], complaint: str
) -> None:
    declared = area_scope_of(Applicant)
    register_area_scope(Applicant, dataclasses.replace(declared, **changes))
    try:
        errors = area_scopes_check()
    finally:
        register_area_scope(Applicant, declared)
    assert [(error.obj, error.id) for error in errors] == [(Applicant, "balai.E001")]
    assert complaint in errors[0].msg


def test_every_declared_scope_names_declared_kinds_and_paths_that_exist() -> None:
    assert area_scopes_check() == []


@pytest.mark.django_db
@pytest.mark.usefixtures("applicants_name_an_undeclared_kind")
def test_the_route_walk_fails_on_a_route_reading_a_scope_with_an_undeclared_kind(
    users_by_role: dict[str, User],
) -> None:
    with pytest.raises(ImproperlyConfigured, match="test_group"):
        walk_as(client_for(users_by_role[Role.EMPLOYER]), Role.EMPLOYER, HIRING_ROUTES, {})


def test_the_route_walk_finds_the_test_apps_routes_from_the_resolver() -> None:
    assert {name for name, _path in HIRING_ROUTES} == {
        "test_hiring:vacancy_list",
        "test_hiring:applicant_list",
        "test_hiring:applicant_detail",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANONYMOUS, *Role.values])
def test_the_route_walk_opens_the_test_apps_routes_with_real_rows_for_every_role(
    role: str, users_by_role: dict[str, User], applicants: dict[str, Applicant]
) -> None:
    client = Client() if role == ANONYMOUS else client_for(users_by_role[role])
    samples = {"applicant_id": str(applicants["Pelamar Maju"].pk)}
    assert walk_as(client, role, HIRING_ROUTES, samples) == []


def test_a_kind_of_owner_must_apply_to_known_roles() -> None:
    with pytest.raises(ImproperlyConfigured, match="employers"):
        register_owner_kind(
            OwnerKind(name="test_typo", roles=frozenset({"employers"}), acts_for=companies_of)
        )


def test_a_kind_of_owner_is_declared_once() -> None:
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        register_owner_kind(
            OwnerKind(name="test_company", roles=frozenset({Role.ADMIN}), acts_for=companies_of)
        )


@pytest.mark.django_db
def test_the_test_apps_migrations_match_its_models() -> None:
    # `make lint` checks the project's migrations; the test-only app is not in its settings.
    call_command("makemigrations", "test_hiring", check=True, dry_run=True, verbosity=0)
