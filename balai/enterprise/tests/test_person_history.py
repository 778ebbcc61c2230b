"""A resident's groups and loans appear on the front desk's person page (within the
operator's area) and in the resident's own data download."""

from __future__ import annotations

import pytest

from balai.accounts.models import Role, User
from balai.registry.data_subject import personal_data_of
from balai.registry.history import person_history
from balai.testing.enterprise import make_group, make_group_loans
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db


def test_a_members_group_and_loan_are_on_their_person_page_and_in_their_own_data(
    users_by_role: dict[str, User],
) -> None:
    team = make_group(name="Kelompok Melati")
    make_group_loans(team)

    history = person_history(person=team.leader, user=users_by_role[Role.KELURAHAN_OPERATOR])
    data = personal_data_of(user=team.users[0])

    rows = {section.name: table.rows for section, table in history}["enterprise"]
    assert rows[0][1] == "Kelompok Melati (Ketua)"
    assert "Rp1.000.000" in rows[1][1]
    assert data is not None
    entries = {name: entries for name, _title, entries in data.sections}["enterprise"]
    assert [entry.as_json().get("principal") for entry in entries][-1] == 1_000_000


def test_an_operator_of_another_kelurahan_sees_none_of_it(users_by_role: dict[str, User]) -> None:
    team = make_group()
    make_group_loans(team)
    elsewhere = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))

    history = person_history(person=team.leader, user=elsewhere)

    assert {section.name: table.rows for section, table in history}["enterprise"] == []
