"""Step 1 of the solve: each class's instructor by min-cost flow, and the travel lower bound
the gap is told against (see the package's docstring)."""

from __future__ import annotations

from collections import defaultdict

from ortools.graph.python import min_cost_flow

from balai.catalogue.availability import slots_per_week
from balai.scheduling.problem import InstructorInput, Problem, distance_km
from balai.scheduling.solver.options import qualified_instructors


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
