"""Properties of deferred acceptance over random instances (hypothesis), checked by the
independent checker in `allocation.stability`."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.intake.allocation.deferred_acceptance import (
    UNPLACED,
    deferred_acceptance,
    priority_keys,
)
from balai.intake.allocation.stability import (
    justified_envy,
    over_capacity,
    unranked_placements,
)


@st.composite
def instances(draw: st.DrawFn) -> dict[str, np.ndarray]:
    """Random markets: up to 12 applicants ranking up to 3 of up to 5 offerings."""
    applicants = draw(st.integers(1, 12))
    offerings = draw(st.integers(1, 5))
    list_length = draw(st.integers(1, min(3, offerings)))
    choices = np.full((applicants, list_length), -1, dtype=np.int64)
    for applicant in range(applicants):
        length = draw(st.integers(1, list_length))
        ranked = draw(st.permutations(range(offerings)))[:length]
        choices[applicant, :length] = ranked
    capacity = np.array(
        draw(st.lists(st.integers(0, 3), min_size=offerings, max_size=offerings)), dtype=np.int64
    )
    tier = np.array(
        draw(
            st.lists(
                st.lists(st.integers(0, 2), min_size=list_length, max_size=list_length),
                min_size=applicants,
                max_size=applicants,
            )
        ),
        dtype=np.int64,
    )
    points = np.array(
        draw(st.lists(st.integers(0, 5), min_size=applicants, max_size=applicants)), dtype=np.int64
    )
    lottery = np.array(draw(st.permutations(range(applicants))), dtype=np.int64)
    priority = priority_keys(tier=tier, points=points, lottery=lottery, maximum_points=5)
    return {"choices": choices, "priority": priority, "capacity": capacity}


@given(instances())
@settings(max_examples=300, deadline=None)
def test_no_offering_over_capacity_no_unranked_seat_no_blocking_pair(
    market: dict[str, np.ndarray],
) -> None:
    result = deferred_acceptance(**market)
    assert over_capacity(result.offering, market["capacity"]).size == 0
    assert unranked_placements(result.offering, market["choices"]).size == 0
    assert justified_envy(result.offering, **market).size == 0


@given(instances())
@settings(max_examples=200, deadline=None)
def test_the_same_input_gives_the_same_result(market: dict[str, np.ndarray]) -> None:
    first = deferred_acceptance(**market)
    second = deferred_acceptance(**market)
    assert np.array_equal(first.offering, second.offering)


def true_rank(choices_row: np.ndarray, placed: int) -> int:
    listed = [int(offering) for offering in choices_row if offering >= 0]
    return listed.index(placed) if placed in listed else len(listed)


@given(instances())
@settings(max_examples=150, deadline=None)
def test_no_applicant_gains_by_truncating_or_reordering_their_list(
    market: dict[str, np.ndarray],
) -> None:
    honest = deferred_acceptance(**market)
    choices, priority = market["choices"], market["priority"]
    for applicant in range(choices.shape[0]):
        listed = [int(offering) for offering in choices[applicant] if offering >= 0]
        truthful = true_rank(choices[applicant], int(honest.offering[applicant]))
        key_of = {offering: priority[applicant, column] for column, offering in enumerate(listed)}
        for length in range(1, len(listed) + 1):
            for misreport in itertools.permutations(listed, length):
                lying_choices = choices.copy()
                lying_priority = priority.copy()
                lying_choices[applicant] = -1
                lying_choices[applicant, :length] = misreport
                lying_priority[applicant, :length] = [key_of[offering] for offering in misreport]
                outcome = deferred_acceptance(
                    choices=lying_choices, priority=lying_priority, capacity=market["capacity"]
                )
                gained = true_rank(choices[applicant], int(outcome.offering[applicant]))
                assert gained >= truthful, (applicant, misreport)


def test_a_known_market() -> None:
    # Two seats at offering 0, one at offering 1; applicant 2 has the best priority.
    choices = np.array([[0, 1], [0, 1], [0, -1], [1, 0]], dtype=np.int64)
    priority = np.array([[2, 1], [3, 2], [0, 0], [1, 3]], dtype=np.int64)
    capacity = np.array([2, 1], dtype=np.int64)
    result = deferred_acceptance(choices=choices, priority=priority, capacity=capacity)
    assert result.offering.tolist() == [0, UNPLACED, 0, 1]
    assert result.rank.tolist() == [0, 2, 0, 0]


def test_a_list_naming_an_offering_twice_is_refused() -> None:
    choices = np.array([[0, 0]], dtype=np.int64)
    priority = np.array([[0, 1]], dtype=np.int64)
    with pytest.raises(ValueError, match="twice"):
        deferred_acceptance(
            choices=choices, priority=priority, capacity=np.array([1], dtype=np.int64)
        )
