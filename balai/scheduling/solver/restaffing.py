"""Step 5 of the solve: with every class's days, half-day and hall fixed, its instructor chosen
again (see the package's docstring)."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from balai.scheduling.problem import ClassInput, InstructorInput, Problem, distance_km
from balai.scheduling.solver.model import WORKERS, SlotKey
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.options import nearest_first, qualified_instructors
from balai.scheduling.solver.plans import Placement, Plan

NEARER_BY_KM = 0.01  # a swap must shorten the trip by more than rounding


def restaff(problem: Problem, placements: Plan, deadline: float) -> Plan:
    """With every class's days, half-day and hall fixed, choose its instructor again among
    all the qualified ones to cut travel: a small CP-SAT model (one Boolean per class and
    qualified instructor), started from the current staffing."""
    model, chosen = _restaff_model(problem, placements)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, deadline - time.perf_counter())
    solver.parameters.num_workers = WORKERS
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return placements
    classes = {item.id: item for item in problem.classes}
    homes = {item.id: item.home for item in problem.instructors}
    result = dict(placements)
    for (class_id, instructor_id), variable in chosen.items():
        if solver.value(variable):
            km = distance_km(homes[instructor_id], classes[class_id].location)
            result[class_id] = replace(result[class_id], instructor_id=instructor_id, travel_km=km)
    return result


def _restaff_model(
    problem: Problem, placements: Plan
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]]:
    model = cp_model.CpModel()
    classes = {item.id: item for item in problem.classes}
    qualified = qualified_instructors(problem)
    chosen: dict[tuple[int, int], cp_model.IntVar] = {}
    uses: dict[SlotKey, list[cp_model.IntVar]] = defaultdict(list)
    weekly: dict[tuple[int, int], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    travel = []
    for class_id, placement in placements.items():
        item = classes[class_id]
        choices = []
        for instructor in qualified[item.programme_id]:
            if not teaches_all(instructor, placement):
                continue
            variable = model.new_bool_var("")
            model.add_hint(variable, instructor.id == placement.instructor_id)
            chosen[(class_id, instructor.id)] = variable
            choices.append(variable)
            for day in placement.dates:
                uses[(instructor.id, day, placement.slot)].append(variable)
                weekly[(instructor.id, problem.window.week_of(day))].append((1, variable))
            km = distance_km(instructor.home, item.location)
            per_session = round(km * problem.weights.travel_per_km_session)
            travel.append((per_session * len(placement.dates), variable))
        model.add_exactly_one(choices)
    for group in uses.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    # Every class is in the model: only other batches' sessions are booked beforehand.
    elsewhere = Bookings(problem)
    for (instructor_id, week), terms in weekly.items():
        room = elsewhere.room(instructor_id, week)
        if len(terms) > room:
            model.add(sum(variable for _, variable in terms) <= room)
    model.minimize(sum(cost * variable for cost, variable in travel))
    return model, chosen


def teaches_all(instructor: InstructorInput, placement: Placement) -> bool:
    """Whether the instructor could teach every session of `placement`, taken alone."""
    return all(instructor.free(day, placement.slot) for day in placement.dates)


def swap_to_nearer(problem: Problem, placements: Plan) -> Plan:
    """A last local search: each class, the farthest-travelled first, is handed to a nearer
    qualified instructor who is free at every one of its sessions (dates, half-day and hall
    unchanged), until no such swap is left."""
    classes = {item.id: item for item in problem.classes}
    qualified = qualified_instructors(problem)
    bookings = Bookings(problem)
    for placement in placements.values():
        bookings.take(placement)
    result = dict(placements)
    improved = True
    while improved:
        improved = False
        for class_id in sorted(
            result, key=lambda key: -result[key].travel_km * len(result[key].dates)
        ):
            placement = result[class_id]
            item = classes[class_id]
            staff = qualified[item.programme_id]
            nearer = _nearer_free_instructor(staff, item, placement, bookings)
            if nearer is not None:
                instructor, km = nearer
                bookings.release(placement)
                result[class_id] = replace(placement, instructor_id=instructor.id, travel_km=km)
                bookings.take(result[class_id])
                improved = True
    return result


def _nearer_free_instructor(
    qualified: list[InstructorInput], item: ClassInput, placement: Placement, bookings: Bookings
) -> tuple[InstructorInput, float] | None:
    """The nearest qualified instructor nearer than `placement`'s who could teach it as well,
    with their distance; None if nobody nearer is free."""
    for instructor in nearest_first(qualified, item):
        km = distance_km(instructor.home, item.location)
        if km >= placement.travel_km - NEARER_BY_KM:
            return None
        if teaches_all(instructor, placement) and bookings.instructor_fits(
            instructor.id, placement.slot, placement.dates
        ):
            return instructor, km
    return None
