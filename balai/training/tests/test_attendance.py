"""Roll call and the rotating QR check-in, with every refusal."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from balai.accounts.models import Role
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditEntry
from balai.scheduling.models import ClassSession
from balai.testing.factories import UserFactory
from balai.testing.training import Classroom
from balai.training.attendance import check_in, check_in_code, roll_call_record, session_times
from balai.training.models import Attendance, AttendanceMethod, AttendanceStatus

pytestmark = pytest.mark.django_db
ROTATION = 30


def minutes_after_start(session: ClassSession, minutes: float) -> datetime.datetime:
    return session_times(session)[0] + datetime.timedelta(minutes=minutes)


def test_a_roll_call_saves_everyone_in_one_go_and_corrections_are_audited(
    classroom: Classroom,
) -> None:
    session = classroom.sessions[0]
    marks = {
        classroom.enrolments[0].pk: AttendanceStatus.PRESENT,
        classroom.enrolments[1].pk: AttendanceStatus.LATE,
        classroom.enrolments[2].pk: AttendanceStatus.ABSENT,
    }
    first = roll_call_record(session=session, marks=marks, by=classroom.teacher)
    assert (first.recorded, first.corrected) == (3, 0)
    assert AuditEntry.objects.filter(target_type="training.attendance").count() == 0
    marks[classroom.enrolments[2].pk] = AttendanceStatus.EXCUSED
    second = roll_call_record(session=session, marks=marks, by=classroom.teacher)
    assert (second.recorded, second.corrected) == (0, 1)
    entry = AuditEntry.objects.get(target_type="training.attendance")
    assert entry.changes == {"status": {"old": "absent", "new": "excused"}}
    assert (
        Attendance.objects.get(enrolment=classroom.enrolments[2]).status == AttendanceStatus.EXCUSED
    )


def test_a_roll_call_for_another_instructors_class_is_refused(classroom: Classroom) -> None:
    stranger = UserFactory.create(role=Role.INSTRUCTOR)
    with pytest.raises(PermissionDeniedError):
        roll_call_record(
            session=classroom.sessions[0],
            marks={classroom.enrolments[0].pk: AttendanceStatus.PRESENT},
            by=stranger,
        )
    assert not Attendance.objects.exists()


def test_a_roll_call_marking_a_stranger_saves_nothing(classroom: Classroom) -> None:
    with pytest.raises(ApplicationError) as refused:
        roll_call_record(
            session=classroom.sessions[0],
            marks={classroom.enrolments[0].pk: AttendanceStatus.PRESENT, 999_999: "present"},
            by=classroom.teacher,
        )
    assert refused.value.code == "not_in_class"
    assert not Attendance.objects.exists()


def test_late_enrollees_are_not_marked_for_sessions_before_they_joined(
    classroom: Classroom,
) -> None:
    sessions = classroom.sessions
    late = classroom.enrolments[2]
    late.joined_on = sessions[3].date + datetime.timedelta(days=1)
    late.save(update_fields=["joined_on"])
    with pytest.raises(ApplicationError) as refused:
        roll_call_record(
            session=sessions[0], marks={late.pk: AttendanceStatus.ABSENT}, by=classroom.teacher
        )
    assert refused.value.code == "joined_later"
    roll_call_record(
        session=sessions[4], marks={late.pk: AttendanceStatus.PRESENT}, by=classroom.teacher
    )


@override_settings(TRAINING_QR_ROTATION_SECONDS=ROTATION, TRAINING_QR_LATE_SCAN_SECONDS=10)
def test_a_participant_checks_in_with_the_code_on_the_screen(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    shown_at = minutes_after_start(session, 2)
    code = check_in_code(session, shown_at)
    record = check_in(
        session=session,
        code=code,
        user=classroom.participants[0],
        now=shown_at + datetime.timedelta(seconds=3),
    )
    assert (record.status, record.method) == (AttendanceStatus.PRESENT, AttendanceMethod.QR)
    # Checking in 20 minutes after the start counts as late.
    later = minutes_after_start(session, 20)
    late = check_in(
        session=session,
        code=check_in_code(session, later),
        user=classroom.participants[1],
        now=later,
    )
    assert late.status == AttendanceStatus.LATE


@override_settings(TRAINING_QR_ROTATION_SECONDS=ROTATION, TRAINING_QR_LATE_SCAN_SECONDS=10)
def test_the_code_rotates_and_a_screenshot_stops_working(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    step_start = minutes_after_start(session, 5)
    step_start -= datetime.timedelta(seconds=step_start.timestamp() % ROTATION)
    code = check_in_code(session, step_start)
    assert check_in_code(session, step_start + datetime.timedelta(seconds=ROTATION)) != code
    # The previous code is still honoured a few seconds into the next turn (a scan under way)...
    check_in(
        session=session,
        code=code,
        user=classroom.participants[0],
        now=step_start + datetime.timedelta(seconds=ROTATION + 5),
    )
    # ...but not after, nor two turns on.
    for seconds in (ROTATION + 15, 2 * ROTATION + 1):
        with pytest.raises(ApplicationError) as refused:
            check_in(
                session=session,
                code=code,
                user=classroom.participants[1],
                now=step_start + datetime.timedelta(seconds=seconds),
            )
        assert refused.value.code == "code_expired"
    assert Attendance.objects.count() == 1


def test_a_code_of_another_session_or_a_forged_one_is_refused(classroom: Classroom) -> None:
    first, second = classroom.sessions[:2]
    now = minutes_after_start(second, 1)
    for code in (check_in_code(first, now), "123.deadbeef", "nonsense", "²³.deadbeef"):
        with pytest.raises(ApplicationError) as refused:
            check_in(session=second, code=code, user=classroom.participants[0], now=now)
        assert refused.value.code == "code_foreign"
    assert not Attendance.objects.exists()


def test_check_in_outside_the_session_or_for_a_future_one_is_refused(
    classroom: Classroom,
) -> None:
    session = classroom.sessions[0]
    for minutes in (-60, 6 * 60):  # an hour before it starts; two hours after it ends
        moment = minutes_after_start(session, minutes)
        with pytest.raises(ApplicationError) as refused:
            check_in(
                session=session,
                code=check_in_code(session, moment),
                user=classroom.participants[0],
                now=moment,
            )
        assert refused.value.code == "check_in_closed"
    # A later session's code, made at a moment of today: its check-in is not open yet.
    future = classroom.sessions[-1]
    today = session_times(session)[0]
    with pytest.raises(ApplicationError) as refused:
        check_in(
            session=future,
            code=check_in_code(future, today),
            user=classroom.participants[0],
            now=today,
        )
    assert refused.value.code == "check_in_closed"
    assert not Attendance.objects.exists()


def test_a_second_check_in_and_an_outsider_are_refused(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    now = minutes_after_start(session, 1)
    code = check_in_code(session, now)
    check_in(session=session, code=code, user=classroom.participants[0], now=now)
    with pytest.raises(ApplicationError) as again:
        check_in(session=session, code=code, user=classroom.participants[0], now=now)
    assert again.value.code == "already_recorded"
    outsider = UserFactory.create(role=Role.PARTICIPANT)
    with pytest.raises(ApplicationError) as refused:
        check_in(session=session, code=code, user=outsider, now=now)
    assert refused.value.code == "not_in_class"
    assert Attendance.objects.count() == 1
