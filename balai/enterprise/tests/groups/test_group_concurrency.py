"""Members joining at once, on PostgreSQL: the group's lock keeps it within its most
members, and the database's partial unique constraint keeps a person in one group, with a
clear refusal instead of a database error."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from balai.accounts.models import Role
from balai.enterprise.groups import group_member_add
from balai.enterprise.models import GroupMembership
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.enterprise import make_group, make_residents
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import SUKARASA


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_joining_a_nearly_full_group_at_once_fill_it_exactly(
    kota_tangerang: None, settings: Any
) -> None:
    skip_unless_postgresql()
    settings.BUSINESS_GROUP_MAX_MEMBERS = 10
    team = make_group(members=8)
    newcomers = make_residents(6)
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA))

    def join(number: int) -> str:
        group_member_add(group=team.group, person=newcomers[number], by=operator)
        return "joined"

    outcomes = Counter(run_concurrently(len(newcomers), join))

    assert outcomes == {"joined": 2, "group_full": 4}
    assert GroupMembership.objects.filter(group=team.group, left_on=None).count() == 10


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_person_added_to_many_groups_at_once_joins_one(kota_tangerang: None) -> None:
    skip_unless_postgresql()
    teams = [make_group(members=3, name=f"Kelompok {number}") for number in range(6)]
    (person,) = make_residents(1)
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA))

    def join(number: int) -> str:
        group_member_add(group=teams[number].group, person=person, by=operator)
        return "joined"

    outcomes = Counter(run_concurrently(len(teams), join))

    assert outcomes == {"joined": 1, "person_in_another_group": 5}
    assert GroupMembership.objects.filter(person=person, left_on=None).count() == 1
