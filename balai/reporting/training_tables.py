"""Training's tables on a dashboard: attendance week by week, completion and competency
rates with their counts, the areas below side by side, and (for the whole regency) how much
each instructor teaches against their capacity."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balai.reporting.dashboard import Dashboard, dashboard_tables
from balai.reporting.models import SummaryLevel
from balai.reporting.tables import Chart, Column, Row, Table, percent, section_of
from balai.reporting.training_sections import NO_CAPACITY_BAND, UTILISATION_BANDS


@dashboard_tables
def training_tables(dashboard: Dashboard) -> list[Table]:
    """Attendance by week and outcomes everywhere; the areas below side by side; the
    instructors at the regency only; a class's own attendance and sessions."""
    figures = dashboard.area.figures
    level = dashboard.area.level
    tables = [_attendance_table(section_of(figures, "attendance"), level)]
    tables.append(_outcomes_table(section_of(figures, "outcomes")))
    tables.append(_sessions_table(section_of(figures, "instructors")))
    if dashboard.children:
        tables.append(_areas_table(dashboard))
    if level == SummaryLevel.REGENCY:
        tables.append(_instructors_table(section_of(figures, "instructors")))
    return tables


def _attendance_table(attendance: dict[str, Any], level: str) -> Table:
    weeks = attendance.get("weeks", {})
    rows = [
        Row(
            [
                week,
                counts["attended"],
                counts["recorded"],
                percent(counts["attended"], counts["recorded"]),
            ]
        )
        for week, counts in sorted(weeks.items())
    ]
    total = attendance.get("total", {})
    attended, recorded = total.get("attended", 0), total.get("recorded", 0)
    is_class = level == SummaryLevel.CLASS
    return Table(
        name="class_attendance_weekly" if is_class else "attendance_weekly",
        title=_("The class's attendance by week") if is_class else _("Attendance by week"),
        columns=[
            Column("week", _("Week of (Monday)"), "text"),
            Column("attended", _("Present or late")),
            Column("recorded", _("Records")),
            Column("attendance_rate", _("Attendance rate (%)"), "percent"),
        ],
        rows=rows,
        total=[_("Total"), attended, recorded, percent(attended, recorded)],
        chart=Chart("line", value_columns=(3,)),
        note=_(
            "Records of every session held: %(present)s present, %(late)s late, "
            "%(excused)s excused, %(absent)s absent."
        )
        % {status: total.get(status, 0) for status in ("present", "late", "excused", "absent")},
    )


def _outcomes_table(outcomes: dict[str, Any]) -> Table:
    completion = outcomes.get("completion", {})
    competency = outcomes.get("competency", {})
    completed, ended = completion.get("completed", 0), completion.get("ended", 0)
    competent, assessed = competency.get("competent", 0), competency.get("assessed", 0)
    return Table(
        name="outcomes",
        title=_("Completion and competency"),
        columns=[
            Column("measure", _("Measure"), "text"),
            Column("people", _("Participants")),
            Column("out_of", _("Out of")),
            Column("rate", _("Rate (%)"), "percent"),
        ],
        rows=[
            Row(
                [
                    _("Completed, of those whose training ended"),
                    completed,
                    ended,
                    percent(completed, ended),
                ]
            ),
            Row(
                [
                    _("Kompeten in every unit, of those assessed"),
                    competent,
                    assessed,
                    percent(competent, assessed),
                ]
            ),
        ],
        chart=Chart("bars", value_columns=(3,)),
        note=_(
            "Training ended by completing, dropping out or leaving the class; "
            "%(enrolled)s participants are still in class."
        )
        % {"enrolled": outcomes.get("enrolments", {}).get("enrolled", 0)},
    )


def _sessions_table(instructors: dict[str, Any]) -> Table:
    held, planned = instructors.get("sessions_held", 0), instructors.get("sessions_planned", 0)
    return Table(
        name="sessions",
        title=_("Sessions held"),
        columns=[
            Column("held", _("Sessions held so far")),
            Column("planned", _("Sessions planned")),
            Column("share", _("Share held (%)"), "percent"),
        ],
        rows=[Row([held, planned, percent(held, planned)])],
    )


def _areas_table(dashboard: Dashboard) -> Table:
    level = SummaryLevel(dashboard.child_level or SummaryLevel.KECAMATAN)
    rows = []
    for child in dashboard.children:
        attendance = section_of(child.figures, "attendance").get("total", {})
        outcomes = section_of(child.figures, "outcomes")
        completion = outcomes.get("completion", {})
        competency = outcomes.get("competency", {})
        rows.append(
            Row(
                [
                    child.name,
                    percent(attendance.get("attended", 0), attendance.get("recorded", 0)),
                    percent(completion.get("completed", 0), completion.get("ended", 0)),
                    percent(competency.get("competent", 0), competency.get("assessed", 0)),
                    section_of(child.figures, "instructors").get("sessions_held", 0),
                ],
                link=(child.level, child.code),
            )
        )
    return Table(
        name="training_by_area",
        title=_("Training by %(level)s") % {"level": str(level.label).lower()},
        columns=[
            Column("area", str(level.label), "text"),
            Column("attendance_rate", _("Attendance rate (%)"), "percent"),
            Column("completion_rate", _("Completion rate (%)"), "percent"),
            Column("competency_rate", _("Competency rate (%)"), "percent"),
            Column("sessions_held", _("Sessions held so far")),
        ],
        rows=rows,
        chart=Chart("bars", value_columns=(1,)),
    )


def _instructors_table(instructors: dict[str, Any]) -> Table:
    if "instructors" not in instructors:
        return _utilisation_bands_table(instructors)
    rows = [
        Row(
            [
                item["name"],
                item["sessions"],
                item["capacity"],
                percent(item["sessions"], item["capacity"]),
            ]
        )
        for item in instructors.get("instructors", [])
    ]
    # Busiest first; those with nothing to divide by (no batch yet) last.
    rows.sort(key=lambda row: (row.cells[3] is None, -(row.cells[3] or 0), str(row.cells[0])))  # type: ignore[operator]
    sessions = instructors.get("instructor_sessions", 0)
    capacity = instructors.get("instructor_capacity", 0)
    return Table(
        name="instructors",
        title=_("Instructor utilisation"),
        columns=[
            Column("instructor", _("Instructor"), "text"),
            Column("sessions", _("Sessions taught")),
            Column("capacity", _("Capacity (sessions)")),
            Column("utilisation", _("Utilisation (%)"), "percent"),
        ],
        rows=rows,
        total=[_("All instructors"), sessions, capacity, percent(sessions, capacity)],
        chart=Chart("bars", value_columns=(3,)),
        note=_(
            "Capacity: each instructor's most sessions a week times the weeks, up to this "
            "one, of the batches they teach in."
        ),
    )


def _utilisation_bands_table(instructors: dict[str, Any]) -> Table:
    """Too many instructors to list: how many teach each share of their capacity."""
    bands = instructors.get("utilisation_bands", {})
    labels = {key: f"{key}%" for key, _lowest in UTILISATION_BANDS}
    labels["100+"] = _("At least 100%")
    labels[NO_CAPACITY_BAND] = _("No batch yet")
    sessions = instructors.get("instructor_sessions", 0)
    capacity = instructors.get("instructor_capacity", 0)
    return Table(
        name="instructors",
        title=_("Instructor utilisation"),
        columns=[
            Column("band", _("Share of capacity taught"), "text"),
            Column("instructors", _("Instructors")),
        ],
        rows=[Row([label, bands.get(key, 0)]) for key, label in labels.items()],
        total=[_("All instructors"), instructors.get("instructor_count", 0)],
        chart=Chart("bars"),
        note=_(
            "%(sessions)s sessions taught of a capacity of %(capacity)s (%(share)s%%). "
            "Capacity: each instructor's most sessions a week times the weeks, up to this "
            "one, of the batches they teach in."
        )
        % {
            "sessions": number_format(sessions, force_grouping=True),
            "capacity": number_format(capacity, force_grouping=True),
            "share": number_format(percent(sessions, capacity) or 0, 1),
        },
    )
