"""The home pages count the graduates channelled: the city's for the admin and the
leadership, their area's for an operator; a hire makes the number rise."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.placement.models import PlacementChannel, PlacementKind
from balai.placement.outcomes import placement_record
from balai.placement.placement_selectors import placement_counts
from balai.testing.clients import client_for
from balai.testing.placement import Graduates, make_company
from balai.training.models import Enrolment

pytestmark = pytest.mark.django_db

COUNT = re.compile(r'data-testid="placement-count" data-count="(\d+)"')


def _count_on_home(user: User) -> int:
    page = client_for(user).get("/").content.decode()
    assert "Lulusan tersalurkan" in page
    found = COUNT.search(page)
    assert found is not None
    return int(found.group(1))


def _hire(enrolment: Enrolment, kind: str = PlacementKind.WAGE_EMPLOYMENT) -> None:
    company, (employer,) = make_company()
    placement_record(
        enrolment=enrolment,
        kind=PlacementKind(kind),
        channel=PlacementChannel.VACANCY,
        employer_name=company.name,
        company=company,
        starts_on=timezone.localdate(),
        by=employer,
    )


def test_the_count_rises_on_every_staff_and_leadership_home_after_a_hire(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    homes = [
        users_by_role[role]
        for role in (
            Role.ADMIN,
            Role.VIEWER,
            Role.KECAMATAN_OPERATOR,
            Role.KELURAHAN_OPERATOR,
        )
    ]
    before = [_count_on_home(user) for user in homes]

    _hire(graduates.enrolments[0])

    assert before == [0, 0, 0, 0]
    assert [_count_on_home(user) for user in homes] == [1, 1, 1, 1]


def test_an_operator_counts_only_their_area(
    graduates: Graduates, elsewhere: Enrolment, keroncong_operator: User
) -> None:
    _hire(graduates.enrolments[0])
    _hire(graduates.enrolments[1])
    _hire(elsewhere)

    assert _count_on_home(keroncong_operator) == 1


def test_counts_are_of_graduates_in_all_and_by_kind(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    first, second, _third = graduates.enrolments
    _hire(first)
    _hire(first, PlacementKind.SELF_EMPLOYMENT)  # a job and a business: one graduate
    _hire(second, PlacementKind.SELF_EMPLOYMENT)

    counts = placement_counts(user=users_by_role[Role.VIEWER], for_aggregates=True)

    assert counts.total == 2
    assert {row.kind: row.count for row in counts.by_kind} == {
        "wage": 1,
        "self": 2,
        "group": 0,
        "training": 0,
    }


def test_the_leadership_sees_no_rows_without_aggregating(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    _hire(graduates.enrolments[0])

    assert placement_counts(user=users_by_role[Role.VIEWER]).total == 0
