"""Checks made before solving. Some inputs make a class impossible whatever the solver does
(refused, nothing stored); others make the whole plan too tight, which is said in words an
admin can act on before the solver leaves classes unscheduled."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from balai.catalogue.availability import SLOTS, slots_per_week
from balai.scheduling.patterns import PATTERNS
from balai.scheduling.problem import InstructorInput, Problem
from balai.scheduling.solver import instructor_capacity


def input_problems(problem: Problem) -> list[str]:
    """What makes some class impossible to hold: refused before solving."""
    problems = []
    qualified = defaultdict(list)
    for instructor in problem.instructors:
        if slots_per_week(instructor.availability) == 0:
            problems.append(
                _("%(name)s has no half-day of the week available.") % {"name": instructor.label}
            )
        for programme_id in instructor.programme_ids:
            qualified[programme_id].append(instructor)
    longest_fit = max(
        (
            len(dates)
            for pattern in PATTERNS
            if (dates := problem.window.dates(pattern, 0, len(problem.window.teaching_days)))
        ),
        default=len(problem.window.teaching_days),
    )
    by_programme: dict[int, list[str]] = defaultdict(list)
    for item in problem.classes:
        by_programme[item.programme_id].append(item.label)
        if item.sessions > longest_fit:
            problems.append(
                _(
                    "%(class)s needs %(sessions)s sessions but the window has only %(days)s "
                    "teaching days."
                )
                % {"class": item.label, "sessions": item.sessions, "days": longest_fit}
            )
        if not item.venue_ids:
            problems.append(_("%(class)s has no venue in its kelurahan.") % {"class": item.label})
    for programme_id, labels in by_programme.items():
        if not qualified[programme_id]:
            problems.append(
                _("No instructor is qualified for %(programme)s (%(count)s classes).")
                % {
                    "programme": problem.programme_names.get(programme_id, programme_id),
                    "count": len(labels),
                }
            )
    return problems


def capacity_warnings(problem: Problem) -> list[str]:
    """Where demand exceeds what the qualified instructors or the halls can give in the
    window. Instructors teaching several programmes are counted for each, so a programme that
    passes may still compete with another for the same people."""
    warnings = []
    needed: dict[int, int] = defaultdict(int)
    classes: dict[int, int] = defaultdict(int)
    for item in problem.classes:
        needed[item.programme_id] += item.sessions
        classes[item.programme_id] += 1
    for programme_id, sessions in sorted(needed.items()):
        staff = [i for i in problem.instructors if programme_id in i.programme_ids]
        available = sum(instructor_capacity(i, problem) for i in staff)
        if sessions > available:
            warnings.append(
                _(
                    "%(programme)s: %(classes)s classes need %(sessions)s sessions but the "
                    "%(staff)s qualified instructors can give at most %(available)s in the window."
                )
                % {
                    "programme": problem.programme_names.get(programme_id, programme_id),
                    "classes": classes[programme_id],
                    "sessions": sessions,
                    "staff": len(staff),
                    "available": available,
                }
            )
    warnings += _half_day_warnings(problem)
    hall_sessions: dict[tuple[int, ...], int] = defaultdict(int)
    for item in problem.classes:
        hall_sessions[item.venue_ids] += item.sessions
    days = len(problem.window.teaching_days)
    for venue_ids, sessions in hall_sessions.items():
        slots = sum(
            round(slots_per_week(problem.venue_availability[venue_id]) / 12 * days * 2)
            for venue_id in venue_ids
        )
        if venue_ids and sessions > slots:
            warnings.append(
                _(
                    "The halls of one kelurahan (venues %(venues)s) are asked for %(sessions)s "
                    "sessions but have %(slots)s half-days in the window."
                )
                % {"venues": ", ".join(map(str, venue_ids)), "sessions": sessions, "slots": slots}
            )
    return warnings


def _half_day_warnings(problem: Problem) -> list[str]:
    """Each class keeps one half-day, so one half-day of an instructor holds only the classes
    that fit in it one after another: two classes of 24 sessions do not fit one half-day of
    an eight-week window, however few sessions the instructor teaches otherwise."""
    warnings = []
    classes: dict[int, int] = defaultdict(int)
    shortest: dict[int, int] = {}
    for item in problem.classes:
        classes[item.programme_id] += 1
        shortest[item.programme_id] = min(item.sessions, shortest.get(item.programme_id, 10**6))
    for programme_id, count in sorted(classes.items()):
        sessions = shortest[programme_id]
        staff = [i for i in problem.instructors if programme_id in i.programme_ids]
        most = sum(_classes_held(instructor, sessions, problem) for instructor in staff)
        if count > most:
            warnings.append(
                _(
                    "%(programme)s: %(classes)s classes each keep one half-day for %(sessions)s "
                    "sessions, but the %(staff)s qualified instructors can hold at most %(most)s "
                    "of them in the window (one half-day has %(days)s teaching days)."
                )
                % {
                    "programme": problem.programme_names.get(programme_id, programme_id),
                    "classes": count,
                    "sessions": sessions,
                    "staff": len(staff),
                    "most": most,
                    "days": len(problem.window.teaching_days),
                }
            )
    return warnings


def _classes_held(instructor: InstructorInput, sessions: int, problem: Problem) -> int:
    """Most classes of `sessions` the instructor can hold one after another in each of their
    half-days (each class meets at most once a day)."""
    held = 0
    for slot in range(SLOTS):
        days = sum(1 for day in problem.window.teaching_days if instructor.free(day, slot))
        held += days // sessions
    return held
