"""Checking an allocation without trusting the algorithm that made it.

Written separately from `deferred_acceptance` (no shared helpers) so that a bug in one is
not repeated in the other: it looks only at the inputs and the final placement.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


def over_capacity(offering: IntArray, capacity: IntArray) -> IntArray:
    """Return the offerings holding more applicants than seats."""
    placed = offering[offering >= 0]
    counts = np.bincount(placed, minlength=capacity.size)
    return np.flatnonzero(counts > capacity)


def unranked_placements(offering: IntArray, choices: IntArray) -> IntArray:
    """Return applicants placed in an offering they did not rank."""
    placed = np.flatnonzero(offering >= 0)
    ranked = (choices[placed] == offering[placed, None]).any(axis=1)
    unranked: IntArray = placed[~ranked]
    return unranked


def justified_envy(
    offering: IntArray, choices: IntArray, priority: IntArray, capacity: IntArray
) -> IntArray:
    """Return applicants who rank some offering above their placement that either has a free
    seat or holds someone of lower priority there (a blocking pair)."""
    applicants, list_length = choices.shape
    admitted_worst = np.full(capacity.size, -1, dtype=np.int64)
    counts = np.zeros(capacity.size, dtype=np.int64)
    for admitted in np.flatnonzero(offering >= 0).tolist():
        place = int(offering[admitted])
        column = int(np.flatnonzero(choices[admitted] == place)[0])
        counts[place] += 1
        admitted_worst[place] = max(admitted_worst[place], int(priority[admitted, column]))
    envious = []
    for applicant in range(applicants):
        for column in range(list_length):
            place = int(choices[applicant, column])
            if place < 0 or place == offering[applicant]:
                break
            has_room = counts[place] < capacity[place]
            if has_room or priority[applicant, column] < admitted_worst[place]:
                envious.append(applicant)
                break
    return np.array(envious, dtype=np.int64)
