"""Desks, groups and loans for the tests of repayments, collections and statements."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.models import Loan
from balai.testing.enterprise import GroupAtWork, make_group, make_group_loans


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]


@pytest.fixture
def team(kota_tangerang: None) -> GroupAtWork:
    """Five members in Sukarasa: leader, treasurer, three members."""
    return make_group(members=5)


@pytest.fixture
def team_loans(team: GroupAtWork, admin: User) -> list[Loan]:
    """Rp1.000.000 to each member 100 days ago: 10 monthly instalments of Rp100.000, three
    of them due by now."""
    return make_group_loans(
        team, disbursed_on=timezone.localdate() - datetime.timedelta(days=100), actor=admin
    )
