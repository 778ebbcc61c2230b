"""Training's figures (attendance, outcomes, instructors) on the hand-made city of
balai.testing.reporting, at every level, and the tables built from them.

The city's one class (tata boga, 20 half-day sessions in an eight-week window that ended a
month ago) has 3 participants, each present at the first 16 sessions: 3 x 16 = 48 records,
all present. Two completed (their certificates), the third is still enrolled; all three were
found kompeten in the programme's 3 units.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.reporting import training_sections
from balai.reporting.areas import area_tree
from balai.reporting.dashboard import dashboard_for
from balai.reporting.models import AreaSummary
from balai.reporting.refresh import summaries_refresh
from balai.reporting.training_sections import (
    attendance_section,
    instructor_weeks,
    instructors_section,
    outcomes_section,
    utilisation_bands,
    week_monday,
)
from balai.scheduling.report_selectors import InstructorWindow
from balai.testing.factories import UserFactory
from balai.testing.places import SUKARASA
from balai.testing.reporting import ReportingCity, make_reporting_city
from balai.training.assessment import assessment_record
from balai.training.attendance import roll_call_record
from balai.training.models import AssessmentResult, AttendanceStatus

pytestmark = pytest.mark.django_db

KECAMATAN_TANGERANG = "36.71.01"
LEVELS = [("kelurahan", SUKARASA), ("kecamatan", KECAMATAN_TANGERANG), ("regency", "36.71")]


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


def section(level: str, code: str, name: str) -> dict[str, Any]:
    return AreaSummary.objects.get(level=level, code=code).figures[name]  # type: ignore[no-any-return]


def weeks_of_sessions(city: ReportingCity, count: int) -> dict[str, int]:
    """How many of the first `count` sessions fall in each week (the solver picks the days)."""
    weeks: dict[str, int] = {}
    for session in city.classroom.sessions[:count]:
        monday = (session.date - datetime.timedelta(days=session.date.weekday())).isoformat()
        weeks[monday] = weeks.get(monday, 0) + 1
    return weeks


@pytest.mark.parametrize(("level", "code"), [*LEVELS, ("class", None)])
def test_attendance_counts_every_record_of_the_class_at_every_level(
    city: ReportingCity, level: str, code: str | None
) -> None:
    attendance = section(level, code or city.class_id, "attendance")
    # 3 participants x 16 sessions, all present.
    assert attendance["total"] == {
        "present": 48,
        "late": 0,
        "excused": 0,
        "absent": 0,
        "attended": 48,
        "recorded": 48,
    }
    # Each week holds 3 records (one per participant) for each of its sessions.
    assert attendance["weeks"] == {
        week: {"attended": 3 * sessions, "recorded": 3 * sessions}
        for week, sessions in weeks_of_sessions(city, 16).items()
    }


def test_a_week_with_late_excused_and_absent_counts_only_present_and_late_as_attended(
    city: ReportingCity,
) -> None:
    seventeenth = city.classroom.sessions[16]
    first, second, third = city.classroom.enrolments
    roll_call_record(
        session=seventeenth,
        marks={
            first.pk: AttendanceStatus.LATE,
            second.pk: AttendanceStatus.EXCUSED,
            third.pk: AttendanceStatus.ABSENT,
        },
        by=city.classroom.teacher,
    )
    summaries_refresh()
    attendance = section("kelurahan", SUKARASA, "attendance")
    # 48 present before, plus 1 late: 49 attended of 48 + 3 = 51 records.
    assert attendance["total"] == {
        "present": 48,
        "late": 1,
        "excused": 1,
        "absent": 1,
        "attended": 49,
        "recorded": 51,
    }
    week = seventeenth.date - datetime.timedelta(days=seventeenth.date.weekday())
    sessions_before = weeks_of_sessions(city, 16).get(week.isoformat(), 0)
    assert attendance["weeks"][week.isoformat()] == {
        "attended": 3 * sessions_before + 1,
        "recorded": 3 * sessions_before + 3,
    }


@pytest.mark.parametrize(("level", "code"), [*LEVELS, ("class", None)])
def test_outcomes_count_completion_of_ended_enrolments_and_competency_of_assessed(
    city: ReportingCity, level: str, code: str | None
) -> None:
    outcomes = section(level, code or city.class_id, "outcomes")
    assert outcomes["enrolments"] == {"enrolled": 1, "completed": 2, "dropped": 0, "left": 0}
    # 2 completed of the 2 whose training ended; the third is still in class.
    assert outcomes["completion"] == {"completed": 2, "ended": 2}
    # All 3 kompeten in each of the 3 units.
    assert outcomes["competency"] == {"competent": 3, "assessed": 3}


def test_a_participant_not_yet_competent_in_one_unit_is_assessed_but_not_competent(
    city: ReportingCity,
) -> None:
    unit = city.classroom.training_class.programme.competency_units.order_by("order").first()
    assert unit is not None
    assessment_record(
        enrolment=city.classroom.enrolments[2],
        unit=unit,
        result=AssessmentResult.NOT_YET_COMPETENT,
        by=city.classroom.teacher,
    )
    summaries_refresh()
    # Still 3 assessed, but only 2 kompeten in all 3 units.
    assert section("regency", "36.71", "outcomes")["competency"] == {
        "competent": 2,
        "assessed": 3,
    }


@pytest.mark.parametrize(("level", "code"), [*LEVELS, ("class", None)])
def test_sessions_held_count_the_classes_of_the_area(
    city: ReportingCity, level: str, code: str | None
) -> None:
    instructors = section(level, code or city.class_id, "instructors")
    # The window ended a month ago: all 20 sessions are held.
    assert instructors["sessions_held"] == 20
    assert instructors["sessions_planned"] == 20


def test_the_regency_lists_each_instructor_with_sessions_against_capacity(
    city: ReportingCity,
) -> None:
    instructors = section("regency", "36.71", "instructors")
    lead = city.classroom.training_class.instructor
    assert lead is not None
    by_name = {item["name"]: item for item in instructors["instructors"]}
    # 3 programmes x 2 instructors; the lead taught all 20 sessions; capacity is 10 a week
    # over the batch's 8 weeks = 80. The other five teach no batch: 0 of 0.
    assert len(by_name) == 6
    assert by_name[lead.full_name] == {"name": lead.full_name, "sessions": 20, "capacity": 80}
    assert all(
        item == {"name": name, "sessions": 0, "capacity": 0}
        for name, item in by_name.items()
        if name != lead.full_name
    )
    assert instructors["instructor_sessions"] == 20
    assert instructors["instructor_capacity"] == 80
    assert "instructors" not in section("kelurahan", SUKARASA, "instructors")


def test_capacity_counts_a_week_shared_by_two_batches_once_and_stops_at_today() -> None:
    monday = week_monday(timezone.localdate())  # this week's
    today = monday + datetime.timedelta(days=2)  # a Wednesday

    def day(weeks: int, days: int = 0) -> datetime.date:
        return monday + datetime.timedelta(weeks=weeks, days=days)

    windows = [
        InstructorWindow(1, day(-5), day(-4, 5)),  # 2 weeks
        InstructorWindow(1, day(-4), day(-3, 5)),  # +1 week (the second is shared)
        InstructorWindow(1, day(-1), day(6, 5)),  # +2 so far: last week and this one
        InstructorWindow(2, day(4), day(11, 5)),  # not begun
    ]
    weeks = instructor_weeks(windows, today)
    assert len(weeks[1]) == 5
    assert weeks[2] == set()


def leadership() -> User:
    return UserFactory.create(role=Role.VIEWER)


def test_the_regency_dashboard_shows_rates_with_their_counts(city: ReportingCity) -> None:
    dashboard = dashboard_for(user=leadership())
    outcomes = dashboard.table("outcomes")
    assert [row.cells[1:] for row in outcomes.rows] == [[2, 2, 100.0], [3, 3, 100.0]]
    attendance = dashboard.table("attendance_weekly")
    assert attendance.total is not None
    assert attendance.total[1:] == [48, 48, 100.0]
    assert [row.cells[0] for row in attendance.rows] == sorted(weeks_of_sessions(city, 16))
    instructors = dashboard.table("instructors")
    # The lead first at 20 / 80 = 25 %; the others have no capacity and come last.
    assert instructors.rows[0].cells[1:] == [20, 80, 25.0]
    assert [row.cells[3] for row in instructors.rows[1:]] == [None] * 5
    assert instructors.total is not None
    assert instructors.total[1:] == [20, 80, 25.0]


def test_a_class_dashboard_has_its_own_attendance_by_week_and_no_instructor_list(
    city: ReportingCity,
) -> None:
    dashboard = dashboard_for(user=leadership(), level="class", code=city.class_id)
    names = [table.name for table in dashboard.tables]
    assert "class_attendance_weekly" in names
    assert "instructors" not in names
    total = dashboard.table("class_attendance_weekly").total
    assert total is not None
    assert total[1:] == [48, 48, 100.0]


def count_section_queries(today: datetime.date) -> int:
    tree = area_tree()
    with CaptureQueriesContext(connection) as queries:
        for compute in (attendance_section, outcomes_section, instructors_section):
            compute(tree, today)
    return len(queries)


def test_the_sections_cost_the_same_queries_with_no_class_as_with_one(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    today = timezone.localdate()
    empty = count_section_queries(today)
    make_reporting_city(programmes)
    # One query each for attendance, outcomes, sessions, windows and instructors, whatever
    # the number of classes, people and records.
    assert count_section_queries(today) == empty == 5


def test_utilisation_bands_put_each_instructor_in_one_band() -> None:
    instructors = [
        {"sessions": 0, "capacity": 80},  # 0 %
        {"sessions": 20, "capacity": 80},  # 25 %: the band's lowest share belongs to it
        {"sessions": 79, "capacity": 80},  # 98.75 %
        {"sessions": 90, "capacity": 80},  # 112.5 %
        {"sessions": 0, "capacity": 0},  # no batch yet
    ]
    assert utilisation_bands(instructors) == {
        "0-24": 1,
        "25-49": 1,
        "50-74": 0,
        "75-99": 1,
        "100+": 1,
        "no_capacity": 1,
    }


def test_past_the_listed_number_the_city_shows_instructors_by_band_not_by_name(
    city: ReportingCity, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training_sections, "INSTRUCTORS_LISTED", 5)
    summaries_refresh()
    figures = section("regency", "36.71", "instructors")
    assert "instructors" not in figures
    # The lead instructor taught 20 of 80 (25 %); the other five have no batch yet.
    assert figures["instructor_count"] == 6
    assert figures["utilisation_bands"]["25-49"] == 1
    assert figures["utilisation_bands"]["no_capacity"] == 5
    admin = UserFactory.create(role=Role.ADMIN)
    table = dashboard_for(user=admin).table("instructors")
    assert [row.cells[1] for row in table.rows] == [0, 1, 0, 0, 0, 5]
    assert table.total is not None and table.total[1] == 6
