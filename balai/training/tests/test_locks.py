"""Training's writes lock the rows their checks read, and read them afresh: a stale copy in
the caller's hands decides nothing."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.core.errors import ApplicationError
from balai.testing.training import Classroom, assess_all, attend, completed
from balai.training.assessment import (
    ParticipantSheet,
    assessment_record,
    class_assessment_record,
)
from balai.training.attendance import check_in, check_in_code, roll_call_record, session_times
from balai.training.certificates.services import certificate_issue, certificate_revoke
from balai.training.models import (
    AssessmentResult,
    AttendanceStatus,
    Certificate,
    Enrolment,
    EnrolmentStatus,
)

pytestmark = pytest.mark.django_db


def test_a_certificate_revoked_meanwhile_is_not_revoked_again(classroom: Classroom) -> None:
    certificate = completed(classroom)
    stale = Certificate.objects.get(pk=certificate.pk)
    certificate_revoke(certificate=certificate, reason="Data palsu")
    with pytest.raises(ApplicationError) as refused:
        certificate_revoke(certificate=stale, reason="Alasan lain")
    assert refused.value.code == "revoked"
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Data palsu"


def test_a_participant_who_left_meanwhile_is_not_assessed(classroom: Classroom) -> None:
    stale = classroom.enrolments[0]
    Enrolment.objects.filter(pk=stale.pk).update(
        status=EnrolmentStatus.LEFT, left_on=stale.joined_on, left_reason="declined"
    )
    unit = classroom.training_class.programme.competency_units.first()
    assert unit is not None and stale.status == EnrolmentStatus.ENROLLED
    with pytest.raises(ApplicationError) as refused:
        assessment_record(
            enrolment=stale, unit=unit, result=AssessmentResult.COMPETENT, by=classroom.teacher
        )
    assert refused.value.code == "not_in_class"


def test_a_participant_who_left_meanwhile_gets_no_certificate(classroom: Classroom) -> None:
    attend(classroom, 16)
    assess_all(classroom)
    stale = classroom.enrolments[0]  # as the certificates job read it from the roster
    Enrolment.objects.filter(pk=stale.pk).update(
        status=EnrolmentStatus.LEFT, left_on=stale.joined_on, left_reason="withdrawn"
    )
    with pytest.raises(ApplicationError) as refused:
        certificate_issue(enrolment=stale)
    assert refused.value.code == "not_in_class"
    stale.refresh_from_db()
    assert (stale.status, stale.left_reason) == (EnrolmentStatus.LEFT, "withdrawn")
    assert not Certificate.objects.filter(enrolment=stale).exists()


def locked_before_read(captured: CaptureQueriesContext, *, locked: str, read: str) -> bool:
    queries = [query["sql"] for query in captured.captured_queries]
    lock = next(
        i for i, sql in enumerate(queries) if f'FROM "{locked}"' in sql and "FOR UPDATE" in sql
    )
    first_read = next(i for i, sql in enumerate(queries) if f'FROM "{read}"' in sql)
    return lock < first_read


@pytest.mark.postgres_only
def test_a_roll_call_and_a_certificate_lock_before_they_read(classroom: Classroom) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    session = classroom.sessions[0]
    with CaptureQueriesContext(connection) as calling:
        roll_call_record(
            session=session,
            marks={enrolment.pk: AttendanceStatus.PRESENT for enrolment in classroom.enrolments},
            by=classroom.teacher,
        )
    assert locked_before_read(calling, locked="scheduling_classsession", read="training_attendance")
    attend(classroom, 16)
    assess_all(classroom)
    with CaptureQueriesContext(connection) as issuing:
        certificate_issue(enrolment=classroom.enrolments[0])
    assert locked_before_read(issuing, locked="training_enrolment", read="training_certificate")


@pytest.mark.postgres_only
def test_a_check_in_locks_the_session_as_the_roll_call_does(classroom: Classroom) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    session = classroom.sessions[0]
    scanned_at = session_times(session)[0] + datetime.timedelta(minutes=2)
    with CaptureQueriesContext(connection) as scanning:
        check_in(
            session=session,
            code=check_in_code(session, scanned_at),
            user=classroom.participants[0],
            now=scanned_at,
        )
    assert locked_before_read(
        scanning, locked="scheduling_classsession", read="training_attendance"
    )


@pytest.mark.postgres_only
def test_a_class_assessment_locks_its_participants_before_it_reads_results(
    classroom: Classroom,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    unit = classroom.training_class.programme.competency_units.first()
    assert unit is not None
    sheets = [
        ParticipantSheet(enrolment.pk, {unit.pk: (AssessmentResult.COMPETENT, "")}, 40, 80)
        for enrolment in classroom.enrolments
    ]
    with CaptureQueriesContext(connection) as saving:
        class_assessment_record(
            training_class=classroom.training_class, sheets=sheets, by=classroom.teacher
        )
    assert locked_before_read(saving, locked="training_enrolment", read="training_assessment")
    assert locked_before_read(saving, locked="training_enrolment", read="training_skilltest")
