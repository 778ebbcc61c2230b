"""Training's figures in the summaries: attendance week by week, how enrolments ended and
how many were found competent, and how much the instructors teach against what they could.

Every count is made in the database per class (and week, or instructor) and added here to the
class and every area above it (the class's kelurahan, kecamatan and the regency), so a
kecamatan's figure is the sum of its kelurahan's. These follow where the class is held, not
where its participants live as the funnel does (see `sections`); and they count enrolments,
not people: someone enrolled in two classes counts twice. What each figure means:

- attendance: records of present or late ("attended") against every record made (present,
  late, excused, absent), per ISO week keyed by its Monday ("YYYY-MM-DD"), and in total;
- outcomes: completion = completed / enrolments that ended (completed, dropped or left);
  competency = participants found kompeten in every unit of their programme / participants
  assessed in at least one unit. Counts are stored, rates are worked out when shown;
- instructors: sessions held (dated up to today) in each area's classes; at the regency,
  also each instructor's sessions taught against their capacity (see `instructor_capacity`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from balai.catalogue.report_selectors import instructor_facts
from balai.reporting.areas import AreaTree
from balai.reporting.sections import SectionFigures, Tally, summary_section
from balai.scheduling.report_selectors import InstructorWindow, instructor_windows, session_counts
from balai.training.report_selectors import attendance_week_counts, class_outcome_counts

ATTENDANCE_STATUSES = ("present", "late", "excused", "absent")
ENROLMENT_STATUSES = ("enrolled", "completed", "dropped", "left")


@summary_section("attendance")
def attendance_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Attendance records per week and in total, in each class and every area above it."""
    tally = Tally()
    for count in attendance_week_counts():
        areas = tree.class_lineage(count.class_id)
        week = count.week.isoformat()
        by_status = dict(zip(ATTENDANCE_STATUSES, count[2:], strict=True))
        attended = by_status["present"] + by_status["late"]
        recorded = sum(by_status.values())
        tally.add(areas, ("weeks", week, "attended"), attended)
        tally.add(areas, ("weeks", week, "recorded"), recorded)
        for status, amount in (*by_status.items(), ("attended", attended), ("recorded", recorded)):
            tally.add(areas, ("total", status), amount)
    figures = tally.figures()
    empty_total = dict.fromkeys((*ATTENDANCE_STATUSES, "attended", "recorded"), 0)
    for node in tree.nodes.values():
        area = figures.setdefault(node.key, {})
        area.setdefault("weeks", {})
        area["total"] = {**empty_total, **area.get("total", {})}
    return figures


@summary_section("outcomes")
def outcomes_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Enrolments by status, those that ended, and those assessed and found competent."""
    tally = Tally()
    for count in class_outcome_counts():
        areas = tree.class_lineage(count.class_id)
        for status, amount in zip(ENROLMENT_STATUSES, count[1:5], strict=True):
            tally.add(areas, ("enrolments", status), amount)
        tally.add(areas, ("completion", "completed"), count.completed)
        tally.add(areas, ("completion", "ended"), count.completed + count.dropped + count.left)
        tally.add(areas, ("competency", "competent"), count.competent)
        tally.add(areas, ("competency", "assessed"), count.assessed)
    figures = tally.figures()
    for node in tree.nodes.values():
        area = figures.setdefault(node.key, {})
        area["enrolments"] = {**dict.fromkeys(ENROLMENT_STATUSES, 0), **area.get("enrolments", {})}
        area["completion"] = {"completed": 0, "ended": 0, **area.get("completion", {})}
        area["competency"] = {"competent": 0, "assessed": 0, **area.get("competency", {})}
    return figures


@summary_section("instructors")
def instructors_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Sessions held and planned in each area's classes; at the regency, every instructor's
    sessions taught against their capacity (name and counts only)."""
    tally = Tally()
    taught: dict[int, int] = {}
    for count in session_counts(today=today):
        areas = tree.class_lineage(count.class_id)
        tally.add(areas, ("sessions_held",), count.held)
        tally.add(areas, ("sessions_planned",), count.planned)
        taught[count.instructor_id] = taught.get(count.instructor_id, 0) + count.held
    figures = tally.figures()
    for node in tree.nodes.values():
        area = figures.setdefault(node.key, {})
        area.setdefault("sessions_held", 0)
        area.setdefault("sessions_planned", 0)
    weeks = instructor_weeks(instructor_windows(), today)
    instructors = [
        {
            "name": instructor.full_name,
            "sessions": taught.get(instructor.instructor_id, 0),
            "capacity": instructor_capacity(
                instructor.max_sessions_per_week, weeks.get(instructor.instructor_id, set())
            ),
        }
        for instructor in instructor_facts()
    ]
    regency = figures[tree.root]
    regency["instructor_count"] = len(instructors)
    regency["utilisation_bands"] = utilisation_bands(instructors)
    if len(instructors) <= INSTRUCTORS_LISTED:
        regency["instructors"] = instructors
    regency["instructor_sessions"] = sum(item["sessions"] for item in instructors)
    regency["instructor_capacity"] = sum(item["capacity"] for item in instructors)
    return figures


# A city's instructors (Kota Tangerang: 158) are listed by name; a national deployment's tens
# of thousands would make a page nobody reads and a summary every reader has to load, so
# past this many only the count in each band of utilisation is kept.
INSTRUCTORS_LISTED = 500
# (key, lowest share in percent): a band holds the shares from its lowest to the next's.
UTILISATION_BANDS = (("0-24", 0), ("25-49", 25), ("50-74", 50), ("75-99", 75), ("100+", 100))
NO_CAPACITY_BAND = "no_capacity"


def utilisation_bands(instructors: list[dict[str, Any]]) -> dict[str, int]:
    """How many instructors teach each share of their capacity; those with no capacity yet
    (no batch) apart."""
    bands = {key: 0 for key, _lowest in UTILISATION_BANDS} | {NO_CAPACITY_BAND: 0}
    for item in instructors:
        if not item["capacity"]:
            bands[NO_CAPACITY_BAND] += 1
            continue
        share = item["sessions"] * 100 / item["capacity"]
        band = next(key for key, lowest in reversed(UTILISATION_BANDS) if share >= lowest)
        bands[band] += 1
    return bands


def week_monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def instructor_weeks(
    windows: Iterable[InstructorWindow], today: datetime.date
) -> dict[int, set[datetime.date]]:
    """The Mondays of the weeks each instructor's batches trained in, up to today's week
    (a week two batches share counts once)."""
    weeks: dict[int, set[datetime.date]] = {}
    for window in windows:
        monday = week_monday(window.starts_on)
        last = week_monday(min(window.ends_on, today))
        mondays = weeks.setdefault(window.instructor_id, set())
        while monday <= last:
            mondays.add(monday)
            monday += datetime.timedelta(weeks=1)
    return weeks


def instructor_capacity(max_sessions_per_week: int, weeks: set[datetime.date]) -> int:
    """The half-day sessions an instructor could have taught so far: their most sessions a
    week (the catalogue's `max_sessions_per_week`, which the timetable solver also honours)
    times the weeks, up to today's, of the batches they teach in. An instructor given no
    session has no capacity counted: they are listed with 0 of 0."""
    return max_sessions_per_week * len(weeks)
