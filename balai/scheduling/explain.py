"""Why a class could not be scheduled: the smallest set of requirements found to conflict.

For each unscheduled class, its neighbourhood (the classes of its programme, which want the
same instructors, and the classes of its kelurahan, which want the same halls) is modelled
alone, every other class's sessions fixed where the plan put them. Each neighbour gets an
assumption "this class is held"; if CP-SAT proves they cannot all hold, the assumptions it
needed name the classes that conflict. If it finds a way, the plan could hold the class and a
longer solve may find it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from balai.scheduling.problem import ClassInput, Problem
from balai.scheduling.solver import Solution, class_options, qualified_instructors
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.plans import Plan

EXPLAINED_AT_MOST = 10  # classes explained one by one; the rest get the general reason


def unscheduled_explanations(
    problem: Problem, solution: Solution, *, seconds_each: float = 3.0
) -> dict[int, str]:
    """A reason for each of the first unscheduled classes (by class id)."""
    classes = {item.id: item for item in problem.classes}
    return {
        class_id: _explain(problem, solution.placements, classes, classes[class_id], seconds_each)
        for class_id in solution.unscheduled[:EXPLAINED_AT_MOST]
    }


def _explain(
    problem: Problem,
    placements: Plan,
    classes: dict[int, ClassInput],
    item: ClassInput,
    seconds: float,
) -> str:
    neighbours = [
        other
        for other in problem.classes
        if other.programme_id == item.programme_id or set(other.venue_ids) & set(item.venue_ids)
    ]
    model, held = _neighbourhood_model(problem, placements, neighbours)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # the conflict set comes from the single-worker search
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core = set(solver.sufficient_assumptions_for_infeasibility())
        names = sorted(classes[key].label for key, literal in held.items() if literal.index in core)
        if names == [item.label]:
            return _(
                "%(class)s cannot be held: none of its qualified instructors and halls has a "
                "whole weekly pattern free in the window."
            ) % {"class": item.label}
        return _(
            "%(class)s: these %(count)s classes cannot all be held with their qualified "
            "instructors and halls in the window: %(names)s."
        ) % {"class": item.label, "count": len(names), "names": "; ".join(names)}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _(
            "%(class)s: a plan holding it exists but was not found in time; solve again with a "
            "longer time limit."
        ) % {"class": item.label}
    return _("%(class)s: no reason was found in the time given.") % {"class": item.label}


def _neighbourhood_model(
    problem: Problem, placements: Plan, neighbours: list[ClassInput]
) -> tuple[cp_model.CpModel, dict[int, cp_model.IntVar]]:
    """The neighbours with every option, the rest of the plan fixed, and one assumption
    "held" per neighbour."""
    inside = {other.id for other in neighbours}
    fixed = Bookings(problem)
    for class_id, placement in placements.items():
        if class_id not in inside:
            fixed.take(placement)
    model = cp_model.CpModel()
    users: dict[SlotUse, list[cp_model.IntVar]] = defaultdict(list)
    held: dict[int, cp_model.IntVar] = {}
    qualified = qualified_instructors(problem)
    for other in neighbours:
        choices = []
        for option in class_options(other, qualified[other.programme_id], problem):
            if not fixed.clashes(option):
                variable = model.new_bool_var("")
                choices.append(variable)
                for key in _uses(option.instructor_id, option.venue_id, option.slot, option.dates):
                    users[key].append(variable)
        held[other.id] = model.new_bool_var(f"held {other.id}")
        model.add(sum(choices) >= 1).only_enforce_if(held[other.id])
    for group in users.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    model.add_assumptions(list(held.values()))
    return model, held


SlotUse = tuple[str, int, datetime.date, int]


def _uses(
    instructor_id: int, venue_id: int, slot: int, dates: tuple[datetime.date, ...]
) -> list[SlotUse]:
    return [("i", instructor_id, day, slot) for day in dates] + [
        ("v", venue_id, day, slot) for day in dates
    ]
