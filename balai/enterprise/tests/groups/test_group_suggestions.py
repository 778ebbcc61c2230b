"""Suggested groups: a pure function over plain rows, and the selector that feeds it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.accounts.models import Role, User
from balai.enterprise.group_suggestions import (
    Candidate,
    complementary,
    group_suggestion_list,
    group_suggestions_make,
)
from balai.enterprise.groups import business_interest_declare, group_create
from balai.registry.models import Person
from balai.testing.factories import kelurahan
from balai.testing.places import SUKARASA


def candidate(number: int, kelurahan: str = "k1", kecamatan: str = "c1", **kw: object) -> Candidate:
    fields: dict[str, object] = {"business_type": "food", "is_graduate": False}
    fields.update(kw)
    return Candidate(
        person_id=number,
        name=f"Warga {number:03}",
        kelurahan_code=kelurahan,
        kecamatan_code=kecamatan,
        **fields,  # type: ignore[arg-type]
    )


def test_people_of_one_kelurahan_are_grouped_together() -> None:
    people = [candidate(n, "k1") for n in range(5)] + [candidate(n, "k2") for n in range(5, 10)]
    suggestions = group_suggestions_make(people, minimum=5, maximum=10)
    assert all({m.kelurahan_code for m in s.members} == {s.kelurahan_code} for s in suggestions)
    assert len(suggestions) == 2
    assert all(s.same_kelurahan for s in suggestions)


def test_the_few_of_several_kelurahan_are_grouped_by_kecamatan() -> None:
    people = [candidate(n, "k1") for n in range(3)] + [candidate(n, "k2") for n in range(3, 6)]
    (suggestion,) = group_suggestions_make(people, minimum=5, maximum=10)
    assert not suggestion.same_kelurahan
    assert len(suggestion.members) == 6


def test_complementary_kinds_are_grouped_and_unrelated_kinds_are_not() -> None:
    assert complementary("food", "trade")
    assert complementary("fashion", "craft")
    assert not complementary("food", "digital")
    people = [candidate(n, business_type="food") for n in range(3)] + [
        candidate(n, business_type="trade") for n in range(3, 5)
    ]
    people += [candidate(n, business_type="digital") for n in range(5, 8)]
    (suggestion,) = group_suggestions_make(people, minimum=5, maximum=10)
    assert {m.business_type for m in suggestion.members} == {"food", "trade"}
    assert suggestion.business_type == "food"


def test_graduates_are_preferred_when_there_are_too_many() -> None:
    people = [candidate(n, is_graduate=n % 2 == 0) for n in range(7)]
    (suggestion,) = group_suggestions_make(people, minimum=3, maximum=4)[:1]
    assert all(m.is_graduate for m in suggestion.members)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["k1", "k2", "k3"]),
            st.sampled_from(["food", "trade", "craft", "digital"]),
            st.booleans(),
        ),
        max_size=80,
    ),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=6),
)
def test_sizes_stay_within_bounds_and_nobody_is_suggested_twice(
    rows: list[tuple[str, str, bool]], minimum: int, spread: int
) -> None:
    people = [
        candidate(
            n,
            kelurahan,
            "c1" if kelurahan != "k3" else "c2",
            business_type=kind,
            is_graduate=graduate,
        )
        for n, (kelurahan, kind, graduate) in enumerate(rows)
    ]
    suggestions = group_suggestions_make(people, minimum=minimum, maximum=minimum + spread)
    placed = [m.person_id for s in suggestions for m in s.members]
    assert len(placed) == len(set(placed))
    assert all(minimum <= len(s.members) <= minimum + spread for s in suggestions)
    assert all(len({m.kecamatan_code for m in s.members}) == 1 for s in suggestions)


@pytest.mark.django_db
def test_people_already_in_a_group_are_not_suggested(
    residents: list[Person], users_by_role: dict[str, User], settings: object
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    for person in residents[:6]:
        business_interest_declare(
            by=operator, person=person, business_type="food", wants_group=True
        )
    group_create(
        name="Sudah Ada",
        business_type="food",
        business_plan="",
        kelurahan=kelurahan(SUKARASA),
        members=[residents[0]],
        by=operator,
    )
    suggestions = group_suggestion_list(user=operator)
    suggested = {m.person_id for s in suggestions for m in s.members}
    assert suggested == {person.pk for person in residents[1:6]}
