"""The timetable solver, in steps as measured to work at city scale.

1. Instructors: a min-cost flow sends each class's sessions to qualified instructors, paying
   for travel (home to the class's kelurahan, per session) and for load above an even share,
   within what each instructor can teach in the window; each class takes the instructor
   carrying most of it. The same flow paying for travel alone may split classes and ignores
   the calendar, so its travel is a lower bound for any plan, against which the gap is told.
2. A first plan: the better of two first-fit passes (the flow's instructor first; the nearest
   instructors first). Every later step starts from it and keeps only what costs less, so a
   plan is always at hand (and is what a stopped solve returns).
3. Large-neighbourhood search: one programme at a time (its classes want the same
   instructors), CP-SAT re-solves its classes with each one's nearest qualified instructors
   and every weekly pattern, start week and hall, the rest of the plan fixed and the current
   plan as the hint; each class may also stay "unscheduled" at a large penalty. Rounds go on
   until one changes nothing or the time is up. Each sub-model is small enough to be solved
   well in a second or two, where one model of the whole city was not.
4. Repair: each class still unscheduled has its neighbourhood (its programme's and its
   kelurahan's classes, every qualified instructor) solved again.
5. Re-staffing: with every class's days and hall fixed, a CP-SAT model chooses each class's
   instructor again among all the qualified ones; a last local search hands classes to
   nearer instructors who are free.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from balai.catalogue.availability import slots_per_week
from balai.scheduling.patterns import PATTERNS, Pattern
from balai.scheduling.problem import ClassInput, InstructorInput, Problem, distance_km

ALTERNATIVE_INSTRUCTORS = 3  # besides the flow's choice, in the first plan
NEIGHBOURHOOD_INSTRUCTORS = 6  # nearest qualified instructors per class in the search (at first)
NEIGHBOURHOOD_CLASSES = 40  # a programme with more classes is searched in parts
NEIGHBOURHOOD_SECONDS = 3.0  # at most, per sub-model (at first)
WORKERS = 8  # more than the cores: the portfolio then includes the neighbourhood searches
SlotKey = tuple[int, datetime.date, int]  # (instructor or venue, date, half-day)


@dataclass(frozen=True)
class Option:
    instructor_id: int
    venue_id: int
    pattern: Pattern
    start_week: int
    dates: tuple[datetime.date, ...]
    travel_km: float


@dataclass(frozen=True)
class Placement:
    class_id: int
    instructor_id: int
    venue_id: int
    pattern: str
    dates: tuple[datetime.date, ...]
    slot: int
    travel_km: float


@dataclass
class Solution:
    placements: dict[int, Placement]
    unscheduled: list[int]
    objective: int
    components: dict[str, float]
    travel_km: float
    travel_lower_bound_km: float
    seconds: float
    status: str
    progress: list[tuple[float, int]] = field(default_factory=list)


Progress = Callable[[float, int], bool]  # (seconds, best objective) -> keep going?


def instructor_capacity(instructor: InstructorInput, problem: Problem) -> int:
    """Most sessions `instructor` can teach in the window: their weekly limit, or their
    weekly half-days if fewer, each week, less the days they are away."""
    per_week = min(instructor.max_per_week, slots_per_week(instructor.availability))
    days = problem.window.teaching_days
    away = sum(1 for day in days if instructor.absent_on(day))
    share_away = away / len(days) if days else 1
    return int(per_week * problem.window.weeks * (1 - share_away))


def assign_instructors(
    problem: Problem, *, load_balance: int, precision: int = 1
) -> tuple[dict[int, int], float]:
    """Step 1: each class's instructor by min-cost flow, paying `load_balance` per session
    above an even share; returns them and the flow's travel (km, summed over sessions).
    Costs are whole numbers: `precision` scales them all, so that rounding the travel costs
    matters less."""
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    class_node = {item.id: 2 + index for index, item in enumerate(problem.classes)}
    base = 2 + len(problem.classes)
    instructor_node = {item.id: base + index for index, item in enumerate(problem.instructors)}
    total = sum(item.sessions for item in problem.classes)
    weights = problem.weights
    qualified = qualified_instructors(problem)
    even_share = total / max(1, len(problem.instructors))
    for item in problem.classes:
        flow.add_arc_with_capacity_and_unit_cost(source, class_node[item.id], item.sessions, 0)
        # The way out for a class nobody can take: as costly as leaving it unscheduled.
        flow.add_arc_with_capacity_and_unit_cost(
            class_node[item.id],
            sink,
            item.sessions,
            weights.unscheduled * precision // item.sessions,
        )
        for instructor in qualified[item.programme_id]:
            km = distance_km(instructor.home, item.location)
            flow.add_arc_with_capacity_and_unit_cost(
                class_node[item.id],
                instructor_node[instructor.id],
                item.sessions,
                round(km * weights.travel_per_km_session * precision),
            )
    for instructor in problem.instructors:
        capacity = instructor_capacity(instructor, problem)
        even = min(capacity, int(even_share))
        node = instructor_node[instructor.id]
        # Load up to an even share is free; above it costs, which spreads the work.
        flow.add_arc_with_capacity_and_unit_cost(node, sink, even, 0)
        flow.add_arc_with_capacity_and_unit_cost(
            node, sink, capacity - even, load_balance * precision
        )
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    carried: dict[int, dict[int, int]] = defaultdict(dict)
    node_instructor = {node: item for item, node in instructor_node.items()}
    node_class = {node: item for item, node in class_node.items()}
    travel = 0.0
    locations = {item.id: item.location for item in problem.classes}
    homes = {item.id: item.home for item in problem.instructors}
    for arc in range(flow.num_arcs()):
        tail, head, amount = flow.tail(arc), flow.head(arc), flow.flow(arc)
        if amount and tail in node_class and head in node_instructor:
            class_id, instructor_id = node_class[tail], node_instructor[head]
            carried[class_id][instructor_id] = amount
            travel += amount * distance_km(homes[instructor_id], locations[class_id])
    chosen = {
        class_id: max(amounts, key=lambda instructor_id: amounts[instructor_id])
        for class_id, amounts in carried.items()
    }
    return chosen, travel


def travel_lower_bound(problem: Problem) -> float:
    """Least travel (km, summed over sessions) of any plan holding every class the flow can
    staff: the flow paying for travel alone, free to split classes and blind to the calendar.
    Its costs are counted in metres (at the default weight), so rounding shifts the bound by
    less than a metre a session."""
    return assign_instructors(problem, load_balance=0, precision=100)[1]


def qualified_instructors(problem: Problem) -> dict[int, list[InstructorInput]]:
    qualified: dict[int, list[InstructorInput]] = defaultdict(list)
    for instructor in problem.instructors:
        for programme_id in instructor.programme_ids:
            qualified[programme_id].append(instructor)
    return qualified


def class_options(
    item: ClassInput, instructors: list[InstructorInput], problem: Problem
) -> list[Option]:
    """Every way to hold `item` with one of `instructors` that breaks no rule on its own."""
    return list(iter_class_options(item, instructors, problem))


def iter_class_options(
    item: ClassInput, instructors: list[InstructorInput], problem: Problem
) -> Iterator[Option]:
    """The options of `item`, instructors outermost (in their order of preference, as a
    first-fit plan wants them), made only as far as they are read."""
    window = problem.window
    weeks = [
        (pattern, start_week, dates)
        for pattern in PATTERNS
        for start_week in range(window.weeks)
        if (dates := window.dates(pattern, start_week, item.sessions)) is not None
        and dates[0] >= window.first_monday + datetime.timedelta(weeks=start_week)
    ]
    for instructor in instructors:
        km = distance_km(instructor.home, item.location)
        for pattern, start_week, dates in weeks:
            if len(pattern.weekdays) > instructor.max_per_week or not all(
                instructor.free(day, pattern.slot) for day in dates
            ):
                continue
            for venue_id in item.venue_ids:
                if all(problem.venue_free(venue_id, day, pattern.slot) for day in dates):
                    yield Option(instructor.id, venue_id, pattern, start_week, tuple(dates), km)


def solve(
    problem: Problem, *, time_limit: float = 60.0, progress: Progress | None = None
) -> Solution:
    """Staff and place every class it can; see the module's docstring for how."""
    started = time.perf_counter()
    deadline = started + time_limit
    chosen, _ = assign_instructors(problem, load_balance=problem.weights.load_balance)
    candidates = _candidates(problem, chosen)
    options = {
        item.id: class_options(item, candidates[item.id], problem) for item in problem.classes
    }
    search = _Search(problem, _first_plan(problem, options), progress, started)
    # Most of the time to search; then repair what is left, and re-staff.
    improve_by_programme(search, started + time_limit * 0.8)
    repair(search, started + time_limit * 0.9)
    if not search.stopped:
        search.offer(restaff(problem, search.plan, deadline))
        search.offer(_swap_to_nearer(problem, search.plan))
    solution = _plan_solution(problem, search.plan, status=search.status())
    solution.travel_lower_bound_km = travel_lower_bound(problem)
    solution.seconds = time.perf_counter() - started
    solution.progress = search.trail
    return solution


class _Search:
    """The best plan so far: every step offers its plan, and the cheaper one is kept. It
    reports each improvement and learns from the report whether to stop."""

    def __init__(
        self,
        problem: Problem,
        plan: dict[int, Placement],
        progress: Progress | None,
        started: float,
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

    def offer(self, plan: dict[int, Placement]) -> bool:
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


def improve_by_programme(search: _Search, deadline: float) -> None:
    """Step 3: re-solve one programme's classes at a time (in parts, if many), each with its
    nearest qualified instructors, in rounds. A round that changes nothing widens the search
    (more instructors per class, more time per sub-model) while time is left."""
    problem = search.problem
    groups = _programme_groups(problem)
    qualified = qualified_instructors(problem)
    widest = max((len(staff) for staff in qualified.values()), default=0)
    reach, seconds = NEIGHBOURHOOD_INSTRUCTORS, NEIGHBOURHOOD_SECONDS

    def nearest(item: ClassInput) -> list[InstructorInput]:
        ranked = sorted(
            qualified[item.programme_id],
            key=lambda instructor: distance_km(instructor.home, item.location),
        )
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


def _programme_groups(problem: Problem) -> list[list[ClassInput]]:
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


def repair(search: _Search, deadline: float) -> None:
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


def _resolve_neighbourhood(
    search: _Search,
    neighbours: list[ClassInput],
    instructors: Callable[[ClassInput], list[InstructorInput]],
    deadline: float,
    seconds: float,
) -> dict[int, Placement] | None:
    """The plan with `neighbours` solved again (each with `instructors`, every pattern, start
    week and hall), the rest fixed; None if CP-SAT found nothing in time."""
    problem, placements = search.problem, search.plan
    inside = {other.id for other in neighbours}
    fixed = {key: value for key, value in placements.items() if key not in inside}
    built = _TimetableModel(problem)
    for placement in fixed.values():
        built.block(placement)
    for other in neighbours:
        options = [
            option
            for option in class_options(other, instructors(other), problem)
            if not built.blocked_by(option)
        ]
        built.add_class(other, options, placements.get(other.id))
    built.add_limits({key: value for key, value in placements.items() if key in inside})
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, min(seconds, deadline - time.perf_counter()))
    solver.parameters.num_workers = WORKERS
    solver.parameters.cp_model_probing_level = 0
    status = solver.solve(built.model, _StopWhenAsked(search))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {**fixed, **built.read(solver).placements}


class _StopWhenAsked(cp_model.CpSolverSolutionCallback):
    """Asks whether to go on at each solution the sub-model finds (a stop asked for while a
    sub-model runs is heard within its next solution or its time limit)."""

    def __init__(self, search: _Search) -> None:
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


def restaff(
    problem: Problem, placements: dict[int, Placement], deadline: float
) -> dict[int, Placement]:
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
    problem: Problem, placements: dict[int, Placement]
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
            if not _teaches_all(instructor, placement):
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
    limits = {item.id: item.max_per_week for item in problem.instructors}
    for (instructor_id, week), terms in weekly.items():
        room = limits[instructor_id] - problem.week_load.get((instructor_id, week), 0)
        if len(terms) > room:
            model.add(sum(variable for _, variable in terms) <= room)
    model.minimize(sum(cost * variable for cost, variable in travel))
    return model, chosen


def _teaches_all(instructor: InstructorInput, placement: Placement) -> bool:
    return all(instructor.free(day, placement.slot) for day in placement.dates)


def _swap_to_nearer(problem: Problem, placements: dict[int, Placement]) -> dict[int, Placement]:
    """A last local search: each class, the farthest-travelled first, is handed to a nearer
    qualified instructor who is free at every one of its sessions (dates, half-day and hall
    unchanged), until no such swap is left."""
    classes = {item.id: item for item in problem.classes}
    busy: set[tuple[int, datetime.date, int]] = set()
    weekly: dict[tuple[int, int], int] = defaultdict(int, problem.week_load)
    for placement in placements.values():
        for day in placement.dates:
            busy.add((placement.instructor_id, day, placement.slot))
            weekly[(placement.instructor_id, problem.window.week_of(day))] += 1
    qualified = qualified_instructors(problem)
    result = dict(placements)
    improved = True
    while improved:
        improved = False
        for class_id in sorted(
            result, key=lambda key: -result[key].travel_km * len(result[key].dates)
        ):
            placement = result[class_id]
            item = classes[class_id]
            for instructor in sorted(
                qualified[item.programme_id],
                key=lambda candidate: distance_km(candidate.home, item.location),
            ):
                km = distance_km(instructor.home, item.location)
                if km >= placement.travel_km - 0.01:
                    break  # nobody nearer is left
                if _free_for(instructor, placement, busy, weekly, problem):
                    for day in placement.dates:
                        week = problem.window.week_of(day)
                        busy.discard((placement.instructor_id, day, placement.slot))
                        weekly[(placement.instructor_id, week)] -= 1
                        busy.add((instructor.id, day, placement.slot))
                        weekly[(instructor.id, week)] += 1
                    result[class_id] = replace(placement, instructor_id=instructor.id, travel_km=km)
                    improved = True
                    break
    return result


def _free_for(
    instructor: InstructorInput,
    placement: Placement,
    busy: set[tuple[int, datetime.date, int]],
    weekly: dict[tuple[int, int], int],
    problem: Problem,
) -> bool:
    per_week: dict[int, int] = defaultdict(int)
    for day in placement.dates:
        if (instructor.id, day, placement.slot) in busy or not instructor.free(day, placement.slot):
            return False
        per_week[problem.window.week_of(day)] += 1
    return all(
        weekly[(instructor.id, week)] + count <= instructor.max_per_week
        for week, count in per_week.items()
    )


def _candidates(problem: Problem, chosen: dict[int, int]) -> dict[int, list[InstructorInput]]:
    """Each class's instructors to choose from: the flow's choice first, then the nearest
    other qualified instructors."""
    qualified = qualified_instructors(problem)
    by_id = {item.id: item for item in problem.instructors}
    candidates = {}
    for item in problem.classes:
        nearest = sorted(
            qualified[item.programme_id],
            key=lambda instructor: distance_km(instructor.home, item.location),
        )
        first = [by_id[chosen[item.id]]] if item.id in chosen else []
        others = [instructor for instructor in nearest if instructor not in first]
        candidates[item.id] = (first + others)[: ALTERNATIVE_INSTRUCTORS + 1]
    return candidates


class FirstFit:
    """A quick plan to start from: each class in turn takes its first option that still fits
    (options come instructor by instructor, in order of preference)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.used: set[tuple[str, int, datetime.date, int]] = set()
        self.weekly: dict[tuple[int, int], int] = defaultdict(int, problem.week_load)
        self.limits = {item.id: item.max_per_week for item in problem.instructors}
        self.placements: dict[int, Placement] = {}
        self.options: dict[int, Option] = {}
        self.travel_km = 0.0

    def place(self, item: ClassInput, options: Iterable[Option]) -> bool:
        for option in options:
            if self._fits(option):
                self._take(item, option)
                return True
        return False

    def _fits(self, option: Option) -> bool:
        slot = option.pattern.slot
        if any(
            ("i", option.instructor_id, day, slot) in self.used
            or ("v", option.venue_id, day, slot) in self.used
            for day in option.dates
        ):
            return False
        limit = self.limits[option.instructor_id]
        return all(
            self.weekly[(option.instructor_id, week)] + count <= limit
            for week, count in self._weeks(option).items()
        )

    def _weeks(self, option: Option) -> dict[int, int]:
        loads: dict[int, int] = defaultdict(int)
        for day in option.dates:
            loads[self.problem.window.week_of(day)] += 1
        return loads

    def _take(self, item: ClassInput, option: Option) -> None:
        slot = option.pattern.slot
        for day in option.dates:
            self.used.add(("i", option.instructor_id, day, slot))
            self.used.add(("v", option.venue_id, day, slot))
        for week, count in self._weeks(option).items():
            self.weekly[(option.instructor_id, week)] += count
        self.options[item.id] = option
        self.travel_km += option.travel_km * len(option.dates)
        self.placements[item.id] = Placement(
            class_id=item.id,
            instructor_id=option.instructor_id,
            venue_id=option.venue_id,
            pattern=option.pattern.label,
            dates=option.dates,
            slot=slot,
            travel_km=option.travel_km,
        )


def _first_plan(problem: Problem, options: dict[int, list[Option]]) -> dict[int, Placement]:
    """The better of two first-fit plans: longest classes first with their candidates (the
    flow's instructor first), and classes in order with every qualified instructor, nearest
    first. The chosen options join the model, so that CP-SAT can keep the plan."""
    flow_first = FirstFit(problem)
    for item in sorted(problem.classes, key=lambda item: -item.sessions):
        flow_first.place(item, options[item.id])
    qualified = qualified_instructors(problem)
    nearest_first = FirstFit(problem)
    for item in problem.classes:
        everyone = sorted(
            qualified[item.programme_id],
            key=lambda instructor: distance_km(instructor.home, item.location),
        )
        nearest_first.place(item, iter_class_options(item, everyone, problem))
    plans = [flow_first, nearest_first]
    best = min(plans, key=lambda plan: (-len(plan.placements), plan.travel_km))
    for class_id, option in best.options.items():
        if option not in options[class_id]:
            options[class_id].append(option)
    return best.placements


class _TimetableModel:
    """The CP-SAT model: one Boolean per (class, option), plus one for "unscheduled"."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.options: dict[int, list[tuple[Option, cp_model.IntVar]]] = {}
        self.unscheduled: dict[int, cp_model.IntVar] = {}
        self.instructor_uses: dict[SlotKey, list[cp_model.IntVar]] = defaultdict(list)
        self.venue_uses: dict[SlotKey, list[cp_model.IntVar]] = defaultdict(list)
        self.weekly: dict[tuple[int, int], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        self.load: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        self.travel: list[tuple[int, cp_model.IntVar]] = []
        # Half-days and loads taken by the classes outside the model (a neighbourhood's).
        self.taken: set[tuple[str, int, datetime.date, int]] = set()
        self.base_weekly: dict[tuple[int, int], int] = defaultdict(int, problem.week_load)
        self.base_load: dict[int, int] = defaultdict(int)

    def block(self, placement: Placement) -> None:
        for day in placement.dates:
            self.taken.add(("i", placement.instructor_id, day, placement.slot))
            self.taken.add(("v", placement.venue_id, day, placement.slot))
            self.base_weekly[(placement.instructor_id, self.problem.window.week_of(day))] += 1
        self.base_load[placement.instructor_id] += len(placement.dates)

    def blocked_by(self, option: Option) -> bool:
        slot = option.pattern.slot
        return any(
            ("i", option.instructor_id, day, slot) in self.taken
            or ("v", option.venue_id, day, slot) in self.taken
            for day in option.dates
        )

    def add_class(self, item: ClassInput, options: list[Option], hint: Placement | None) -> None:
        pairs = [(option, self.model.new_bool_var("")) for option in options]
        self.options[item.id] = pairs
        self.unscheduled[item.id] = self.model.new_bool_var("")
        self.model.add_exactly_one(
            [variable for _, variable in pairs] + [self.unscheduled[item.id]]
        )
        self.model.add_hint(self.unscheduled[item.id], hint is None)
        per_km = self.problem.weights.travel_per_km_session
        for option, variable in pairs:
            slot = option.pattern.slot
            per_week: dict[int, int] = defaultdict(int)
            for day in option.dates:
                self.instructor_uses[(option.instructor_id, day, slot)].append(variable)
                self.venue_uses[(option.venue_id, day, slot)].append(variable)
                per_week[self.problem.window.week_of(day)] += 1
            for week, count in per_week.items():
                self.weekly[(option.instructor_id, week)].append((count, variable))
            self.load[option.instructor_id].append((len(option.dates), variable))
            self.travel.append((round(option.travel_km * per_km) * len(option.dates), variable))
            if hint is not None:
                self.model.add_hint(variable, _same(hint, option))

    def add_limits(self, hint: dict[int, Placement]) -> None:
        for group in (*self.instructor_uses.values(), *self.venue_uses.values()):
            if len(group) > 1:
                self.model.add_at_most_one(group)
        limits = {item.id: item.max_per_week for item in self.problem.instructors}
        for (instructor_id, week), terms in self.weekly.items():
            room = limits[instructor_id] - self.base_weekly[(instructor_id, week)]
            if sum(count for count, _ in terms) > room:
                self.model.add(sum(count * variable for count, variable in terms) <= room)
        # The busiest instructor may be one outside the model: their load is a floor.
        self.busiest = self.model.new_int_var(
            max(self.base_load.values(), default=0), 10_000, "busiest"
        )
        hinted_load = defaultdict(int, self.base_load)
        for placement in hint.values():
            hinted_load[placement.instructor_id] += len(placement.dates)
        # A complete hint (every variable) is taken as the first solution at once.
        self.model.add_hint(self.busiest, max(hinted_load.values(), default=0))
        for instructor_id, terms in self.load.items():
            load = sum(count * variable for count, variable in terms)
            self.model.add(load + self.base_load[instructor_id] <= self.busiest)
        weights = self.problem.weights
        self.model.minimize(
            sum(weights.unscheduled * variable for variable in self.unscheduled.values())
            + sum(cost * variable for cost, variable in self.travel)
            + weights.load_balance * self.busiest
        )

    def read(self, solver: cp_model.CpSolver) -> Solution:
        placements = {}
        unscheduled = []
        for class_id, pairs in self.options.items():
            picked = [option for option, variable in pairs if solver.value(variable)]
            if not picked:
                unscheduled.append(class_id)
                continue
            option = picked[0]
            placements[class_id] = Placement(
                class_id=class_id,
                instructor_id=option.instructor_id,
                venue_id=option.venue_id,
                pattern=option.pattern.label,
                dates=option.dates,
                slot=option.pattern.slot,
                travel_km=option.travel_km,
            )
        travel = sum(p.travel_km * len(p.dates) for p in placements.values())
        return Solution(
            placements=placements,
            unscheduled=unscheduled,
            objective=int(solver.objective_value),
            components={
                "unscheduled_classes": len(unscheduled),
                "travel_km": round(travel, 1),
                "busiest_instructor_sessions": solver.value(self.busiest),
            },
            travel_km=travel,
            travel_lower_bound_km=0.0,
            seconds=0.0,
            status="",
        )


def _same(placement: Placement, option: Option) -> bool:
    return (
        placement.instructor_id == option.instructor_id
        and placement.venue_id == option.venue_id
        and placement.dates == option.dates
        and placement.slot == option.pattern.slot
    )


def plan_cost(problem: Problem, placements: dict[int, Placement]) -> int:
    """The objective CP-SAT minimises, for a whole plan."""
    weights = problem.weights
    unscheduled = len(problem.classes) - len(placements)
    travel = sum(
        round(p.travel_km * weights.travel_per_km_session) * len(p.dates)
        for p in placements.values()
    )
    return weights.unscheduled * unscheduled + travel + weights.load_balance * _busiest(placements)


def _busiest(placements: dict[int, Placement]) -> int:
    loads: dict[int, int] = defaultdict(int)
    for placement in placements.values():
        loads[placement.instructor_id] += len(placement.dates)
    return max(loads.values(), default=0)


def _plan_solution(problem: Problem, placements: dict[int, Placement], *, status: str) -> Solution:
    travel = sum(p.travel_km * len(p.dates) for p in placements.values())
    return Solution(
        placements=placements,
        unscheduled=[item.id for item in problem.classes if item.id not in placements],
        objective=plan_cost(problem, placements),
        components={
            "unscheduled_classes": len(problem.classes) - len(placements),
            "travel_km": round(travel, 1),
            "busiest_instructor_sessions": _busiest(placements),
        },
        travel_km=travel,
        travel_lower_bound_km=0.0,
        seconds=0.0,
        status=status,
    )
