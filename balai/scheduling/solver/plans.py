"""A plan (each placed class's instructor, hall, half-day and dates), what it costs, and the
solution a solve returns."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from balai.scheduling.problem import Problem


@dataclass(frozen=True)
class Placement:
    instructor_id: int
    venue_id: int
    dates: tuple[datetime.date, ...]
    slot: int
    travel_km: float  # from the instructor's home, each session


Plan = dict[int, Placement]  # by class id


@dataclass
class Solution:
    placements: Plan
    unscheduled: list[int]
    objective: int
    components: dict[str, float]
    travel_km: float
    travel_lower_bound_km: float
    seconds: float
    status: str
    progress: list[tuple[float, int]] = field(default_factory=list)


def plan_cost(problem: Problem, placements: Plan) -> int:
    """The objective CP-SAT minimises, for a whole plan."""
    weights = problem.weights
    unscheduled = len(problem.classes) - len(placements)
    travel = sum(
        round(p.travel_km * weights.travel_per_km_session) * len(p.dates)
        for p in placements.values()
    )
    return weights.unscheduled * unscheduled + travel + weights.load_balance * _busiest(placements)


def _busiest(placements: Plan) -> int:
    loads: dict[int, int] = defaultdict(int)
    for placement in placements.values():
        loads[placement.instructor_id] += len(placement.dates)
    return max(loads.values(), default=0)


def plan_solution(problem: Problem, placements: Plan, *, status: str) -> Solution:
    """`placements` as a solution, with its cost and the cost's components."""
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
