"""The CP-SAT model of a neighbourhood: some classes to place again, the rest of the plan fixed
around them."""

from __future__ import annotations

import datetime
from collections import defaultdict

from ortools.sat.python import cp_model

from balai.scheduling.problem import ClassInput, Problem
from balai.scheduling.solver.occupancy import Bookings
from balai.scheduling.solver.options import Option
from balai.scheduling.solver.plans import Placement, Plan

SlotKey = tuple[int, datetime.date, int]  # (instructor or venue, date, half-day)
WORKERS = 8  # more than the cores: the portfolio then includes the neighbourhood searches


class TimetableModel:
    """One Boolean per (class, option), plus one for "unscheduled"."""

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
        # What the classes outside the model (fixed) have taken.
        self.bookings = Bookings(problem)

    def block(self, placement: Placement) -> None:
        """Hold a class outside the model where the plan put it."""
        self.bookings.take(placement)

    def blocked_by(self, option: Option) -> bool:
        """Whether `option` needs a half-day a class outside holds (the weekly limits are the
        model's constraints)."""
        return self.bookings.clashes(option)

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
            for day in option.dates:
                self.instructor_uses[(option.instructor_id, day, option.slot)].append(variable)
                self.venue_uses[(option.venue_id, day, option.slot)].append(variable)
            for week, count in self.bookings.sessions_by_week(option.dates).items():
                self.weekly[(option.instructor_id, week)].append((count, variable))
            self.load[option.instructor_id].append((len(option.dates), variable))
            self.travel.append((round(option.travel_km * per_km) * len(option.dates), variable))
            if hint is not None:
                self.model.add_hint(variable, _same(hint, option))

    def add_limits(self, hint: Plan) -> None:
        """The constraints between the classes, and the objective; `hint` is the plan's
        placements of the classes inside."""
        for group in (*self.instructor_uses.values(), *self.venue_uses.values()):
            if len(group) > 1:
                self.model.add_at_most_one(group)
        for (instructor_id, week), terms in self.weekly.items():
            room = self.bookings.room(instructor_id, week)
            if sum(count for count, _ in terms) > room:
                self.model.add(sum(count * variable for count, variable in terms) <= room)
        # The busiest instructor may be one outside the model: their load is a floor.
        self.busiest = self.model.new_int_var(self.bookings.busiest(), 10_000, "busiest")
        # A complete hint (every variable) is taken as the first solution at once.
        self.model.add_hint(self.busiest, self.bookings.busiest(adding=hint.values()))
        for instructor_id, terms in self.load.items():
            load = sum(count * variable for count, variable in terms)
            self.model.add(load + self.bookings.load(instructor_id) <= self.busiest)
        weights = self.problem.weights
        self.model.minimize(
            sum(weights.unscheduled * variable for variable in self.unscheduled.values())
            + sum(cost * variable for cost, variable in self.travel)
            + weights.load_balance * self.busiest
        )

    def placements(self, solver: cp_model.CpSolver) -> Plan:
        """The classes inside as `solver` placed them (those left unscheduled absent)."""
        placements = {}
        for class_id, pairs in self.options.items():
            picked = [option for option, variable in pairs if solver.value(variable)]
            if picked:
                placements[class_id] = picked[0].placement()
        return placements


def _same(placement: Placement, option: Option) -> bool:
    return (
        placement.instructor_id == option.instructor_id
        and placement.venue_id == option.venue_id
        and placement.dates == option.dates
        and placement.slot == option.slot
    )
