"""The Tangerang timetable: 520 classes, 158 instructors, two halls in each of 104 kelurahan,
an eight-week window, Monday to Saturday, mornings and afternoons.

Reports the solver's objective, its components and the travel gap to the min-cost-flow lower
bound at a short and a long time limit, against a greedy first-fit baseline measured in the
same run (each class, in order, takes the nearest qualified instructor and the first weekly
pattern that still fits). Then the scale curve: a quarter, a half, all, and twice the city
(with twice the time limit), each with the time its last improvement came.

Instructors are spread over the programmes as in the demo: enough for every class to keep
one half-day, the rest by sessions (see `instructor_programmes`).
"""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Iterator

from _scratch import start_django

start_django("schedule")

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from balai.catalogue.services import instructor_create, venue_upsert  # noqa: E402
from balai.demo.catalogue_data import CLASS_SIZE  # noqa: E402
from balai.demo.randomness import RandomStreams  # noqa: E402
from balai.demo.scheduling_data import (  # noqa: E402
    demo_locations,
    demo_second_halls,
    instructor_programmes,
    instructors_needed,
)
from balai.demo.seed import demo_programmes  # noqa: E402
from balai.intake.batches import batch_create, offerings_create  # noqa: E402
from balai.regions.selectors import kelurahan_list  # noqa: E402
from balai.scheduling.holidays_calendar import holidays_load  # noqa: E402
from balai.scheduling.patterns import PATTERNS, Pattern  # noqa: E402
from balai.scheduling.problem import InstructorInput, Problem, Weights, distance_km  # noqa: E402
from balai.scheduling.services import planned_classes, problem_for  # noqa: E402
from balai.scheduling.solver import Placement, solve  # noqa: E402
from balai.scheduling.solver.occupancy import Bookings  # noqa: E402

WEEKS = 8
CLASSES_PER_KELURAHAN = 5


def instance(scale: float) -> Problem:
    """The city's timetabling problem at `scale` (kelurahan, classes and instructors)."""
    call_command("flush", "--no-input", verbosity=0)
    call_command("load_regions", "36.71", verbosity=0)
    places = list(kelurahan_list(regency_code="36.71"))
    copies = max(1, round(scale))  # beyond the city: every offering holds more classes
    places = places[: max(4, round(len(places) * min(scale, 1)))]
    programmes = demo_programmes()
    for place in places:
        for hall in range(copies):
            venue_upsert(kelurahan=place, name=f"Aula {hall}", address="", capacity=30)
    demo_second_halls(places)
    demo_locations(places, RandomStreams(1, "locations"))
    chooser = RandomStreams(1, "instructors").chooser
    classes_each = -(-len(places) * CLASSES_PER_KELURAHAN * copies // len(programmes))
    needed = instructors_needed(programmes, classes_each=classes_each, weeks=WEEKS)
    # The city's 158, in proportion; a small part of the city still needs a few per programme.
    count = max(round(158 * len(places) / 104) * copies, sum(needed.values()))
    main_programmes = instructor_programmes(
        count, programmes, classes_each=classes_each, weeks=WEEKS
    )
    for number, programme in enumerate(main_programmes):
        extra = [chooser.choice(programmes)] if chooser.random() < 0.25 else []
        instructor_create(
            full_name=f"Instruktur {number}",
            home_kelurahan=chooser.choice(places),
            programmes={programme, *extra},
            max_sessions_per_week=12,
        )
    starts = datetime.date(2027, 1, 4)
    now = timezone.now()
    batch = batch_create(
        code="jadwal",
        name="Jadwal",
        registration_opens_at=now - datetime.timedelta(days=2),
        registration_closes_at=now - datetime.timedelta(days=1),
        training_starts_on=starts,
        training_ends_on=starts + datetime.timedelta(weeks=WEEKS, days=-2),
    )
    offerings_create(
        batch=batch,
        rows=[
            (
                programmes[(index * CLASSES_PER_KELURAHAN + step) % len(programmes)],
                place,
                None,
                CLASS_SIZE * copies,
            )
            for index, place in enumerate(places)
            for step in range(CLASSES_PER_KELURAHAN)
        ],
    )
    holidays_load(year=2027)
    return problem_for(batch=batch, classes=planned_classes(batch=batch), weights=Weights())


class FirstFit:
    """The baseline: each class, in order, takes the nearest qualified instructor and the
    first weekly pattern, start week and hall that still fit."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.bookings = Bookings(problem)

    def run(self) -> tuple[int, float]:
        """Returns (classes staffed and placed, travel km)."""
        placed, travel = 0, 0.0
        for item in self.problem.classes:
            staff = sorted(
                (i for i in self.problem.instructors if item.programme_id in i.programme_ids),
                key=lambda i: distance_km(i.home, item.location),
            )
            for instructor, pattern, week, venue_id in self._choices(staff, item.venue_ids):
                dates = self.problem.window.dates(pattern, week, item.sessions)
                if dates is not None and self._take(instructor, venue_id, pattern.slot, dates):
                    placed += 1
                    travel += distance_km(instructor.home, item.location) * len(dates)
                    break
        return placed, travel

    def _choices(
        self, staff: list[InstructorInput], venue_ids: tuple[int, ...]
    ) -> Iterator[tuple[InstructorInput, Pattern, int, int]]:
        for instructor in staff:
            for pattern in PATTERNS:
                for week in range(self.problem.window.weeks):
                    for venue_id in venue_ids:
                        yield instructor, pattern, week, venue_id

    def _take(
        self, instructor: InstructorInput, venue_id: int, slot: int, dates: list[datetime.date]
    ) -> bool:
        booking = Placement(instructor.id, venue_id, tuple(dates), slot, travel_km=0.0)
        if any(instructor.absent_on(day) for day in dates) or not self.bookings.fits(booking):
            return False
        self.bookings.take(booking)
        return True


def main() -> None:
    limits = [int(arg) for arg in sys.argv[1:]] or [60, 300]
    problem = instance(1)
    started = time.perf_counter()
    greedy_placed, greedy_travel = FirstFit(problem).run()
    greedy_seconds = time.perf_counter() - started
    print(
        f"greedy first fit: {greedy_placed} of {len(problem.classes)} classes placed, "
        f"travel {greedy_travel:,.0f} km, {greedy_seconds:.1f} s"
    )
    for limit in limits:
        solution = solve(problem, time_limit=limit)
        gap = 100 * (solution.travel_km / solution.travel_lower_bound_km - 1)
        print(
            f"CP-SAT, limit {limit} s: {len(solution.placements)} of {len(problem.classes)} "
            f"placed in {solution.seconds:.1f} s; objective {solution.objective:,}; "
            f"components {solution.components}; travel {solution.travel_km:,.0f} km, lower "
            f"bound {solution.travel_lower_bound_km:,.0f} km, gap {gap:.1f}% (target under 15%); "
            f"greedy travels {100 * (greedy_travel / solution.travel_km - 1):+.0f}% and leaves "
            f"{len(problem.classes) - greedy_placed} unplaced"
        )
    for scale in (0.25, 0.5, 1, 2):
        scaled = instance(scale)
        scaled_limit = limits[0] * max(1, scale)  # twice the city, twice the time
        solution = solve(scaled, time_limit=scaled_limit)
        settled = solution.progress[-1][0] if solution.progress else solution.seconds
        gap = 100 * (solution.travel_km / solution.travel_lower_bound_km - 1)
        print(
            f"scale {scale}: {len(scaled.classes)} classes, {len(scaled.instructors)} "
            f"instructors, limit {scaled_limit:.0f} s: {len(solution.placements)} placed, gap "
            f"{gap:.1f}%, last improvement at {settled:.1f} s, done in {solution.seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
