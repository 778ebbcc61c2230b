"""Writes of the scheduling app: solving a batch's timetable and storing it with its record.

The classes are planned and the problem read first; the solver runs outside any transaction
(a minute-long write lock would stop registrations on SQLite); the result is then written in
one transaction and checked by the independent validator."""

from __future__ import annotations

import datetime
import math
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import Instructor, Programme, Venue
from balai.core.audit import AuditPolicy, audit_record_created
from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter, stop_requested
from balai.intake.allocation.outcome import published_run
from balai.intake.models import AllocationPlacement, Batch, Offering
from balai.scheduling.capacity import capacity_warnings, input_problems
from balai.scheduling.changes import batch_timetable_lock
from balai.scheduling.explain import unscheduled_explanations
from balai.scheduling.holidays_calendar import holidays_load
from balai.scheduling.models import (
    CalendarFeed,
    ClassSession,
    ClassStatus,
    Holiday,
    InstructorAbsence,
    ScheduleRun,
    ScheduleRunStatus,
    TrainingClass,
)
from balai.scheduling.patterns import Window
from balai.scheduling.problem import (
    ClassInput,
    HalfDays,
    InstructorInput,
    Problem,
    Weights,
)
from balai.scheduling.selectors import batch_weeks
from balai.scheduling.solver import Solution, solve
from balai.scheduling.validator import timetable_check

SCHEDULE_RUN_AUDIT_POLICY = AuditPolicy(
    fields=["batch_id", "status", "classes_scheduled", "classes_unscheduled", "created_by_id"]
)
PROGRESS_INTERVAL = 0.5  # seconds between progress reports while solving


@dataclass(frozen=True)
class PlannedClass:
    offering: Offering
    number: int


def planned_classes(*, batch: Batch) -> list[PlannedClass]:
    """The classes to schedule: from the published allocation (its rombel), or before one,
    as many classes as the offering's seats fill."""
    offerings = {
        offering.pk: offering
        for offering in Offering.objects.filter(batch=batch).select_related(
            "programme", "kelurahan"
        )
    }
    run = published_run(batch_id=batch.pk)
    if run is not None:
        pairs = sorted(
            set(
                AllocationPlacement.objects.filter(run=run)
                .exclude(offering=None)
                .values_list("offering_id", "class_number")
            )
        )
        return [PlannedClass(offerings[offering_id], number or 1) for offering_id, number in pairs]
    return [
        PlannedClass(offering, number)
        for offering in offerings.values()
        for number in range(1, math.ceil(offering.seats / offering.programme.class_size) + 1)
    ]


def problem_for(*, batch: Batch, classes: list[PlannedClass], weights: Weights) -> Problem:
    holidays = frozenset(
        Holiday.objects.filter(
            date__range=(batch.training_starts_on, batch.training_ends_on)
        ).values_list("date", flat=True)
    )
    window = Window(batch.training_starts_on, batch.training_ends_on, holidays)
    venues = list(Venue.objects.prefetch_related("programmes").select_related("kelurahan"))
    halls: dict[str, list[Venue]] = defaultdict(list)
    for venue in venues:
        halls[venue.kelurahan_id].append(venue)
    inputs = []
    for index, planned in enumerate(classes):
        offering = planned.offering
        place = offering.kelurahan
        usable = [
            venue.pk
            for venue in halls[place.code]
            if not venue.programmes.all() or offering.programme in venue.programmes.all()
        ]
        inputs.append(
            ClassInput(
                id=index,
                label=f"{offering} · {_('class')} {planned.number}",
                programme_id=offering.programme_id,
                sessions=offering.programme.session_count,
                venue_ids=tuple(sorted(usable)),
                location=_location(place.latitude, place.longitude),
            )
        )
    elsewhere = _taken_elsewhere(batch)
    week_load: dict[tuple[int, int], int] = defaultdict(int)
    for instructor_id, half_days in elsewhere["instructor"].items():
        for day, _slot in half_days:
            week_load[(instructor_id, window.week_of(day))] += 1
    return Problem(
        window=window,
        classes=inputs,
        instructors=_instructors(elsewhere["instructor"]),
        venue_availability={venue.pk: venue.weekly_availability for venue in venues},
        venue_busy=elsewhere["venue"],
        week_load=dict(week_load),
        programme_names=dict(Programme.objects.values_list("pk", "name")),
        weights=weights,
    )


def _location(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    return None if latitude is None or longitude is None else (latitude, longitude)


def _taken_elsewhere(batch: Batch) -> dict[str, dict[int, HalfDays]]:
    """The half-days instructors and halls already hold in other batches' classes in the
    weeks of this batch's window: a new plan goes around them."""
    taken: dict[str, dict[int, set[tuple[datetime.date, int]]]] = {
        "instructor": defaultdict(set),
        "venue": defaultdict(set),
    }
    # Whole weeks: a session on the Monday before the window starts still counts towards
    # that week's limit.
    for instructor_id, venue_id, day, slot in (
        ClassSession.objects.filter(date__range=batch_weeks(batch))
        .exclude(training_class__batch=batch)
        .values_list("instructor_id", "venue_id", "date", "slot")
    ):
        taken["instructor"][instructor_id].add((day, slot))
        taken["venue"][venue_id].add((day, slot))
    return {
        kind: {key: frozenset(value) for key, value in rows.items()} for kind, rows in taken.items()
    }


def _instructors(busy: dict[int, HalfDays]) -> list[InstructorInput]:
    absences = defaultdict(list)
    for instructor_id, starts_on, ends_on in InstructorAbsence.objects.values_list(
        "instructor_id", "starts_on", "ends_on"
    ):
        absences[instructor_id].append((starts_on, ends_on))
    return [
        InstructorInput(
            id=instructor.pk,
            label=instructor.full_name,
            programme_ids=frozenset(programme.pk for programme in instructor.programmes.all()),
            availability=instructor.weekly_availability,
            max_per_week=instructor.max_sessions_per_week,
            absences=tuple(absences[instructor.pk]),
            busy=busy.get(instructor.pk, frozenset()),
            home=_location(instructor.home_kelurahan.latitude, instructor.home_kelurahan.longitude),
        )
        for instructor in Instructor.objects.select_related("home_kelurahan").prefetch_related(
            "programmes"
        )
    ]


def schedule_solve(
    *,
    batch: Batch,
    created_by: User | None,
    time_limit: float = 60.0,
    weights: Weights | None = None,
    progress: ProgressReporter | None = None,
) -> ScheduleRun:
    """Solve `batch`'s timetable and store it (replacing the previous one) with its record.

    Inputs that make a class impossible are refused with every reason, and nothing is stored.
    """
    weights = weights or Weights()
    _refuse_once_begun(batch)
    classes = planned_classes(batch=batch)
    if not classes:
        raise ApplicationError(_("The batch has no classes to schedule."), code="no_classes")
    # A year nobody loaded the calendar for still gets its national holidays (calendar data,
    # kept even if the solve is refused).
    for year in range(batch.training_starts_on.year, batch.training_ends_on.year + 1):
        if not Holiday.objects.filter(date__year=year).exists():
            holidays_load(year=year)
    problem = problem_for(batch=batch, classes=classes, weights=weights)
    refusals = input_problems(problem)
    if refusals:
        raise ApplicationError(
            _("The timetable cannot be solved: %(reasons)s") % {"reasons": " ".join(refusals)},
            code="schedule_impossible",
            details={"problems": refusals},
        )
    warnings = capacity_warnings(problem)

    solution = _solve_reporting(problem, time_limit, progress)
    reasons = unscheduled_explanations(problem, solution)
    return _store(
        batch,
        classes,
        solution,
        warnings + list(reasons.values()),
        reasons,
        {"time_limit": time_limit, "weights": vars(weights)},
        created_by,
    )


def _refuse_once_begun(batch: Batch) -> None:
    """A solve replaces every session; once some have been held they are history (with their
    attendance), so the timetable is then changed session by session instead."""
    if ClassSession.objects.filter(
        training_class__batch=batch, date__lt=timezone.localdate()
    ).exists():
        raise ApplicationError(
            _(
                "The batch's training has begun: its timetable is no longer solved again. "
                "Move sessions, hand classes over or record absences instead."
            ),
            code="training_begun",
        )


@transaction.atomic
def _store(
    batch: Batch,
    classes: list[PlannedClass],
    solution: Solution,
    explanations: list[str],
    reasons: dict[int, str],
    parameters: dict[str, Any],
    created_by: User | None,
) -> ScheduleRun:
    # Checked again under the lock: while the solver ran, the first session may have become
    # history (a solve begun the evening before), or a change by hand may have been made.
    batch_timetable_lock(batch_id=batch.pk)
    _refuse_once_begun(batch)
    ClassSession.objects.filter(training_class__batch=batch).delete()
    stored = {
        (item.offering_id, item.number): item for item in TrainingClass.objects.filter(batch=batch)
    }
    sessions = []
    for index, planned in enumerate(classes):
        training_class = stored.get((planned.offering.pk, planned.number)) or TrainingClass(
            batch=batch,
            offering=planned.offering,
            number=planned.number,
            programme=planned.offering.programme,
        )
        placement = solution.placements.get(index)
        if placement is None:
            training_class.status = ClassStatus.UNSTAFFED
            training_class.instructor = None
            training_class.venue = None
            training_class.problem = reasons.get(
                index, _("No qualified instructor and hall were free for a whole weekly pattern.")
            )[:300]
        else:
            training_class.status = ClassStatus.SCHEDULED
            training_class.instructor_id = placement.instructor_id
            training_class.venue_id = placement.venue_id
            training_class.problem = ""
        training_class.save()
        if placement is not None:
            sessions += [
                ClassSession(
                    training_class=training_class,
                    number=number,
                    date=day,
                    slot=placement.slot,
                    instructor_id=placement.instructor_id,
                    venue_id=placement.venue_id,
                )
                for number, day in enumerate(placement.dates, start=1)
            ]
    ClassSession.objects.bulk_create(sessions, batch_size=2000)
    # Classes planned before (say, before the allocation was published) and gone now.
    kept = {(planned.offering.pk, planned.number) for planned in classes}
    stale = [item.pk for key, item in stored.items() if key not in kept]
    TrainingClass.objects.filter(pk__in=stale).delete()
    violations = timetable_check(batch=batch)
    run = ScheduleRun.objects.create(
        batch=batch,
        status=ScheduleRunStatus.PARTIAL if solution.unscheduled else ScheduleRunStatus.SOLVED,
        parameters=parameters,
        objective=solution.objective,
        components=solution.components,
        travel_km=round(solution.travel_km, 1),
        travel_lower_bound_km=round(solution.travel_lower_bound_km, 1),
        classes_scheduled=len(solution.placements),
        classes_unscheduled=len(solution.unscheduled),
        explanations=explanations,
        violations=[violation.message for violation in violations],
        seconds=round(solution.seconds, 2),
        created_by=created_by,
    )
    # One entry for the whole timetable: its sessions are the run's, replaced together.
    audit_record_created(target=run, policy=SCHEDULE_RUN_AUDIT_POLICY)
    return run


# Without a savepoint: called inside the caller's transaction (a seat being accepted).
@transaction.atomic(savepoint=False)
def training_class_for(*, offering_id: int, number: int) -> TrainingClass:
    """Return class `number` of an offering, planned now if no timetable has made it yet
    (a seat can be accepted before the timetable is solved; the solve then keeps it)."""
    training_class = TrainingClass.objects.filter(offering_id=offering_id, number=number).first()
    if training_class is not None:
        return training_class
    offering = Offering.objects.select_related("programme").get(pk=offering_id)
    # Made under the timetable's lock: a solve storing its plan meanwhile would otherwise make
    # the same class and fail on it.
    batch_timetable_lock(batch_id=offering.batch_id)
    training_class, _created = TrainingClass.objects.get_or_create(
        offering=offering,
        number=number,
        defaults={"batch_id": offering.batch_id, "programme": offering.programme},
    )
    return training_class


def calendar_feed_for(*, user: User) -> CalendarFeed:
    """The user's live private calendar address, made on first use."""
    feed = CalendarFeed.objects.filter(user=user, revoked_at=None).first()
    return feed or CalendarFeed.objects.create(user=user)


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Revoke the user's calendar address (say, after sharing it by mistake) and make a new one."""
    CalendarFeed.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
    return CalendarFeed.objects.create(user=user)


def _solve_reporting(
    problem: Problem, time_limit: float, progress: ProgressReporter | None
) -> Solution:
    """Solve in a worker thread while this one reports the best cost so far: the solver's
    callbacks run in its own threads, which must not touch the database."""
    best: dict[str, float] = {}
    stopping = threading.Event()

    def remember(seconds: float, objective: int) -> bool:
        best.update(seconds=seconds, objective=objective)
        return not stopping.is_set()  # False: the solver stops, keeping this plan

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(solve, problem, time_limit=time_limit, progress=remember)
        while not future.done():
            wait([future], timeout=PROGRESS_INTERVAL)
            if progress is not None and stop_requested(progress):
                stopping.set()
            if progress is not None and "objective" in best:
                progress(
                    min(99, int(100 * best["seconds"] / time_limit)),
                    100,
                    _("Best plan so far: cost %(objective)s")
                    % {"objective": int(best["objective"])},
                )
        return future.result()
