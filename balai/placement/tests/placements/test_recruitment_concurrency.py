"""Operators choosing graduates for one recruitment at the same moment never fill more than
its openings, nor choose one graduate twice (PostgreSQL: the writers truly run together)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.placement.models import Placement, Recruitment
from balai.placement.recruitment import recruitment_create, recruitment_select
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.factories import kelurahan
from balai.testing.placement import Graduates
from balai.testing.places import SUKARASA


def _open(by: User, openings: int) -> Recruitment:
    return recruitment_create(
        by=by,
        title="Petugas posyandu",
        kind=Recruitment.Kind.GOVERNMENT_PROGRAMME,
        employer_name="Dinas Kesehatan",
        kelurahan=kelurahan(SUKARASA),
        openings=openings,
        starts_on=timezone.localdate(),
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_operators_choosing_at_once_never_exceed_the_openings(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    skip_unless_postgresql()
    operators = [users_by_role[Role.KELURAHAN_OPERATOR], users_by_role[Role.KECAMATAN_OPERATOR]]
    recruitment = _open(operators[0], openings=2)
    enrolments = graduates.enrolments

    def choose(number: int) -> str:
        recruitment_select(
            recruitment=recruitment,
            enrolment_ids=[enrolments[number].pk],
            by=operators[number % 2],
        )
        return "chosen"

    outcomes = run_concurrently(3, choose)

    assert sorted(outcomes) == ["chosen", "chosen", "openings_exceeded"]
    assert Placement.objects.filter(recruitment=recruitment).count() == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_graduate_chosen_by_two_operators_at_once_is_placed_once(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    skip_unless_postgresql()
    operators = [users_by_role[Role.KELURAHAN_OPERATOR], users_by_role[Role.KECAMATAN_OPERATOR]]
    recruitment = _open(operators[0], openings=3)
    first = graduates.enrolments[0]

    def choose(number: int) -> str:
        recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk], by=operators[number])
        return "chosen"

    outcomes = run_concurrently(2, choose)

    assert sorted(outcomes) == ["chosen", "graduate_already_chosen"]
    assert Placement.objects.filter(recruitment=recruitment).count() == 1
