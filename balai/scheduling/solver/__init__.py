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

A module for each step (`staffing`, `first_fit`, `neighbourhoods` with the CP-SAT `model`,
`restaffing`); the ways to hold a class are made in `options`, and every step keeps the
half-days and weekly loads its plan has taken in one `occupancy.Bookings`.
"""

from __future__ import annotations

import time

from balai.scheduling.problem import Problem
from balai.scheduling.solver.first_fit import first_plan
from balai.scheduling.solver.neighbourhoods import Progress, Search, improve_by_programme, repair
from balai.scheduling.solver.options import Option, class_options, qualified_instructors
from balai.scheduling.solver.plans import Placement, Solution, plan_solution
from balai.scheduling.solver.restaffing import restaff, swap_to_nearer
from balai.scheduling.solver.staffing import (
    assign_instructors,
    instructor_capacity,
    travel_lower_bound,
)

__all__ = [
    "Option",
    "Placement",
    "Progress",
    "Solution",
    "assign_instructors",
    "class_options",
    "instructor_capacity",
    "qualified_instructors",
    "solve",
    "travel_lower_bound",
]


def solve(
    problem: Problem, *, time_limit: float = 60.0, progress: Progress | None = None
) -> Solution:
    """Staff and place every class it can; see the package's docstring for how."""
    started = time.perf_counter()
    deadline = started + time_limit
    chosen, _ = assign_instructors(problem, load_balance=problem.weights.load_balance)
    search = Search(problem, first_plan(problem, chosen), progress, started)
    # Most of the time to search; then repair what is left, and re-staff.
    improve_by_programme(search, started + time_limit * 0.8)
    repair(search, started + time_limit * 0.9)
    if not search.stopped:
        search.offer(restaff(problem, search.plan, deadline))
        search.offer(swap_to_nearer(problem, search.plan))
    solution = plan_solution(problem, search.plan, status=search.status())
    solution.travel_lower_bound_km = travel_lower_bound(problem)
    solution.seconds = time.perf_counter() - started
    solution.progress = search.trail
    return solution
