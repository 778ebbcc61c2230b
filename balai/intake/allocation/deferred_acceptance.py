"""Applicant-proposing deferred acceptance with one lottery for all ties (DA-STB).

As in the New York City high-school match (Abdulkadiroglu, Pathak & Roth 2009): no applicant
can gain by misreporting their choices (strategy-proofness for applicants), and no applicant
prefers a seat held by someone of lower priority there (stability). A min-cost assignment
would optimise a total instead and leave applicants with justified envy.

Everything is arrays, so a national run (a million applicants) is a few dozen sorts:

- `choices[a, r]`: the offering applicant `a` ranked `r`-th (0 best), -1 past their list.
- `capacity[o]`: seats of offering `o`.
- `priority[a, r]`: applicant `a`'s priority at `choices[a, r]`, lower is better, all
  different within an offering (the lottery breaks ties; see `priority_keys`).

Each round, every applicant without a seat proposes to their next choice; every offering keeps
the best proposals up to its capacity among those it holds and the new ones, and rejects the
rest, who propose further down their lists in the next round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

UNPLACED = -1

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Allocation:
    """`offering[a]`: where applicant `a` was placed (UNPLACED if nowhere); `rank[a]`: which
    of their choices that was (0 best; the list length if unplaced); `rounds`: how many
    rounds of proposals it took."""

    offering: IntArray
    rank: IntArray
    rounds: int


def priority_keys(
    *, tier: IntArray, points: IntArray, lottery: IntArray, maximum_points: int
) -> IntArray:
    """Return one sortable key per (applicant, choice): tier first (0 = same kelurahan,
    1 = same kecamatan, 2 = elsewhere), then more points, then the lottery number.

    `tier` and `points` are per (applicant, choice) and per applicant; `lottery` is a
    permutation of 0..n-1, one number per applicant for every offering (single tie-breaking).
    """
    applicants = np.int64(len(lottery))
    points_rank = (np.int64(maximum_points) - points.astype(np.int64))[:, None]
    return (tier.astype(np.int64) * (maximum_points + 1) + points_rank) * applicants + lottery[
        :, None
    ].astype(np.int64)


def deferred_acceptance(*, choices: IntArray, priority: IntArray, capacity: IntArray) -> Allocation:
    """Return the applicant-optimal stable allocation (see the module's note)."""
    _check_lists(choices)
    applicants, list_length = choices.shape
    next_rank = np.zeros(applicants, dtype=np.int64)
    held = np.zeros(applicants, dtype=bool)
    rounds = 0
    proposing = np.flatnonzero(choices[:, 0] >= 0)
    while proposing.size:
        rounds += 1
        kept = _one_round(choices, priority, capacity, next_rank, held, proposing)
        rejected = np.setdiff1d(proposing, kept, assume_unique=True)
        held_before = np.flatnonzero(held)
        bumped = np.setdiff1d(held_before, kept, assume_unique=True)
        held[:] = False
        held[kept] = True
        movers = np.concatenate([rejected, bumped])
        next_rank[movers] += 1
        still_listed = next_rank[movers] < list_length
        movers = movers[still_listed]
        proposing = movers[choices[movers, next_rank[movers]] >= 0]
    offering = np.full(applicants, UNPLACED, dtype=np.int64)
    placed = np.flatnonzero(held)
    offering[placed] = choices[placed, next_rank[placed]]
    rank = np.where(held, next_rank, list_length)
    return Allocation(offering=offering, rank=rank, rounds=rounds)


def _check_lists(choices: IntArray) -> None:
    # An offering listed twice would carry two priorities for one applicant there.
    for later in range(1, choices.shape[1]):
        for earlier in range(later):
            repeated = (choices[:, later] == choices[:, earlier]) & (choices[:, later] >= 0)
            if repeated.any():
                raise ValueError("an applicant lists the same offering twice")


def _one_round(
    choices: IntArray,
    priority: IntArray,
    capacity: IntArray,
    next_rank: IntArray,
    held: NDArray[np.bool_],
    proposing: IntArray,
) -> IntArray:
    """Return the applicants each offering keeps among those it held and the new proposals."""
    candidates = np.concatenate([np.flatnonzero(held), proposing])
    ranks = next_rank[candidates]
    offerings = choices[candidates, ranks]
    keys = priority[candidates, ranks]
    order = np.lexsort((keys, offerings))
    offerings, candidates = offerings[order], candidates[order]
    # Position of each candidate within its offering's sorted block.
    block_start = np.flatnonzero(np.r_[True, offerings[1:] != offerings[:-1]])
    block_sizes = np.diff(np.r_[block_start, offerings.size])
    position = np.arange(offerings.size) - np.repeat(block_start, block_sizes)
    kept: IntArray = candidates[position < capacity[offerings]]
    return kept
