"""Steps 3 and 4 of the solve: large-neighbourhood search by programme, then repair of the
classes still unscheduled (see the package's docstring)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from balai.scheduling.problem import ClassInput, InstructorInput, Problem
from balai.scheduling.solver.model import WORKERS, TimetableModel
from balai.scheduling.solver.options import class_options, nearest_first, qualified_instructors
from balai.scheduling.solver.plans import Plan, plan_cost

NEIGHBOURHOOD_INSTRUCTORS = 6  # nearest qualified instructors per class in the search (at first)
NEIGHBOURHOOD_CLASSES = 40  # a programme with more classes is searched in parts
NEIGHBOURHOOD_SECONDS = 3.0  # at most, per sub-model (at first)

Progress = Callable[[float, int], bool]  # (seconds, best objective) -> keep going?
Staff = Callable[[ClassInput], list[InstructorInput]]  # a class's instructors to choose from


class Search:
    """The best plan so far: every step offers its plan, and the cheaper one is kept. It
    reports each improvement and learns from the report whether to stop."""

    def __init__(
        self, problem: Problem, plan: Plan, progress: Progress | None, started: float
    ) -> None:
        self.problem = problem
        self.plan = plan
        self.cost = plan_cost(problem, plan)
        self.progress = progress
        self.started = started
        self.trail: list[tuple[float, int]] = []
        self.stopped = False
        self.improvements = 0
        self._report()

    def offer(self, plan: Plan) -> bool:
        """Keep `plan` if it costs less than the best so far; returns whether it did."""
        cost = plan_cost(self.problem, plan)
        if cost >= self.cost:
            return False
        self.plan, self.cost = plan, cost
        self.improvements += 1
        self._report()
        return True

    def keep_going(self, deadline: float) -> bool:
        return not self.stopped and time.perf_counter() < deadline

    def _report(self) -> None:
        elapsed = time.perf_counter() - self.started
        self.trail.append((elapsed, self.cost))
        if self.progress is not None and not self.progress(elapsed, self.cost):
            self.stopped = True

    def status(self) -> str:
        if self.stopped:
            return "stopped"
        return f"improved {self.improvements} times from the first plan"


def improve_by_programme(search: Search, deadline: float) -> None:
    """Step 3: re-solve one programme's classes at a time (in parts, if many), each with its
    nearest qualified instructors, in rounds. A round that changes nothing widens the search
    (more instructors per class, more time per sub-model) while time is left."""
    problem = search.problem
    groups = programme_groups(problem)
    qualified = qualified_instructors(problem)
    widest = max((len(staff) for staff in qualified.values()), default=0)
    reach, seconds = NEIGHBOURHOOD_INSTRUCTORS, NEIGHBOURHOOD_SECONDS

    def nearest(item: ClassInput) -> list[InstructorInput]:
        ranked = nearest_first(qualified[item.programme_id], item)
        near = ranked[:reach]
        current = search.plan.get(item.id)
        # Its present instructor stays among the choices, so the hint is always one of them.
        near += [i for i in ranked if current and i.id == current.instructor_id and i not in near]
        return near

    while search.keep_going(deadline):
        changed = False
        for group in groups:
            if not search.keep_going(deadline):
                break
            found = _resolve_neighbourhood(search, group, nearest, deadline, seconds)
            changed = (found is not None and search.offer(found)) or changed
        if not changed:
            if reach >= widest:
                return
            reach, seconds = reach * 2, seconds * 2


def programme_groups(problem: Problem) -> list[list[ClassInput]]:
    """Each programme's classes, a large programme cut into parts of neighbouring classes
    (west to east), so that every sub-model stays small."""
    by_programme: dict[int, list[ClassInput]] = defaultdict(list)
    for item in problem.classes:
        by_programme[item.programme_id].append(item)
    groups = []
    for classes in by_programme.values():
        classes.sort(key=lambda item: item.location[1] if item.location else 0.0)
        parts = -(-len(classes) // NEIGHBOURHOOD_CLASSES)
        size = -(-len(classes) // parts)
        groups += [classes[start : start + size] for start in range(0, len(classes), size)]
    return groups


def repair(search: Search, deadline: float) -> None:
    """Step 4: for each class still unscheduled, solve its neighbourhood again (the classes of
    its programme, which want the same instructors, and of its kelurahan, which want the same
    halls) with every qualified instructor and every pattern, the rest of the plan fixed."""
    problem = search.problem
    qualified = qualified_instructors(problem)
    for item in problem.classes:
        if item.id in search.plan or not search.keep_going(deadline):
            continue
        neighbours = [
            other
            for other in problem.classes
            if other.programme_id == item.programme_id or set(other.venue_ids) & set(item.venue_ids)
        ]
        found = _resolve_neighbourhood(
            search,
            neighbours,
            lambda other: qualified[other.programme_id],
            deadline,
            NEIGHBOURHOOD_SECONDS,
        )
        if found is not None:
            search.offer(found)


def neighbourhood_model(
    problem: Problem, placements: Plan, neighbours: list[ClassInput], instructors: Staff
) -> TimetableModel:
    """`neighbours` to place again, each with `instructors` and every pattern, start week and
    hall, the rest of `placements` fixed and the present plan as the hint."""
    inside = {other.id for other in neighbours}
    built = TimetableModel(problem)
    for class_id, placement in placements.items():
        if class_id not in inside:
            built.block(placement)
    for other in neighbours:
        options = [
            option
            for option in class_options(other, instructors(other), problem)
            if not built.blocked_by(option)
        ]
        built.add_class(other, options, placements.get(other.id))
    built.add_limits({key: value for key, value in placements.items() if key in inside})
    return built


def _resolve_neighbourhood(
    search: Search,
    neighbours: list[ClassInput],
    instructors: Staff,
    deadline: float,
    seconds: float,
) -> Plan | None:
    """The plan with `neighbours` solved again, the rest fixed; None if CP-SAT found nothing
    in time."""
    built = neighbourhood_model(search.problem, search.plan, neighbours, instructors)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, min(seconds, deadline - time.perf_counter()))
    solver.parameters.num_workers = WORKERS
    solver.parameters.cp_model_probing_level = 0
    status = solver.solve(built.model, _StopWhenAsked(search))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    inside = {other.id for other in neighbours}
    fixed = {key: value for key, value in search.plan.items() if key not in inside}
    return {**fixed, **built.placements(solver)}


class _StopWhenAsked(cp_model.CpSolverSolutionCallback):
    """Asks whether to go on at each solution the sub-model finds (a stop asked for while a
    sub-model runs is heard within its next solution or its time limit)."""

    def __init__(self, search: Search) -> None:
        super().__init__()
        self.search = search

    def on_solution_callback(self) -> None:
        search = self.search
        if search.progress is not None:
            search.stopped = search.stopped or not search.progress(
                time.perf_counter() - search.started, search.cost
            )
        if search.stopped:
            self.stop_search()
