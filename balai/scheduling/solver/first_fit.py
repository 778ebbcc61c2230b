"""Step 2 of the solve: a quick first plan, the better of two first-fit passes (see the
package's docstring)."""

from __future__ import annotations

from collections.abc import Iterable

from balai.scheduling.problem import ClassInput, InstructorInput, Problem
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.options import (
    Option,
    iter_class_options,
    nearest_first,
    qualified_instructors,
)
from balai.scheduling.solver.plans import Placement, Plan

ALTERNATIVE_INSTRUCTORS = 3  # besides the flow's choice, in the first plan


class FirstFit:
    """A plan built class by class: each takes its first option that still fits (options come
    instructor by instructor, in order of preference)."""

    def __init__(self, problem: Problem) -> None:
        self.bookings = Bookings(problem)
        self.placements: Plan = {}
        self.travel_km = 0.0

    def place(self, item: ClassInput, options: Iterable[Option]) -> bool:
        """Give `item` the first of `options` that fits; returns whether one did."""
        for option in options:
            if self.bookings.fits(option):
                placement = option.placement()
                self.bookings.take(placement)
                self.placements[item.id] = placement
                self.travel_km += placement.travel_km * len(placement.dates)
                return True
        return False


def first_plan(problem: Problem, chosen: dict[int, int]) -> dict[int, Placement]:
    """The better of two first-fit plans: longest classes first with their candidates (the
    flow's instructor, `chosen`, first), and classes in order with every qualified
    instructor, nearest first."""
    candidates = _candidates(problem, chosen)
    flow_first = FirstFit(problem)
    for item in sorted(problem.classes, key=lambda item: -item.sessions):
        flow_first.place(item, iter_class_options(item, candidates[item.id], problem))
    qualified = qualified_instructors(problem)
    nearest = FirstFit(problem)
    for item in problem.classes:
        everyone = nearest_first(qualified[item.programme_id], item)
        nearest.place(item, iter_class_options(item, everyone, problem))
    best = min((flow_first, nearest), key=lambda plan: (-len(plan.placements), plan.travel_km))
    return best.placements


def _candidates(problem: Problem, chosen: dict[int, int]) -> dict[int, list[InstructorInput]]:
    """Each class's instructors to choose from: the flow's choice first, then the nearest
    other qualified instructors."""
    qualified = qualified_instructors(problem)
    by_id = {item.id: item for item in problem.instructors}
    candidates = {}
    for item in problem.classes:
        first = [by_id[chosen[item.id]]] if item.id in chosen else []
        others = [
            instructor
            for instructor in nearest_first(qualified[item.programme_id], item)
            if instructor not in first
        ]
        candidates[item.id] = (first + others)[: ALTERNATIVE_INSTRUCTORS + 1]
    return candidates
