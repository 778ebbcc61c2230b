"""What reporting reads of training: each enrolment as a plain tuple, with whether its person
attended and holds a certificate, and attendance and outcomes counted per class in the
database, for the pre-computed summaries (never shown row by row)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncWeek

from balai.catalogue.models import CompetencyUnit
from balai.training.models import (
    ATTENDED,
    Assessment,
    AssessmentResult,
    Attendance,
    AttendanceStatus,
    Certificate,
    Enrolment,
    EnrolmentStatus,
)


class EnrolmentFact(NamedTuple):
    enrolment_id: int
    person_id: int
    status: str
    class_id: int
    programme_id: int
    class_kelurahan_code: str
    attended: bool
    certified: bool


def enrolment_facts() -> Iterator[EnrolmentFact]:
    """Every enrolment, oldest first: its class, whether its person attended a session, and
    whether they hold a certificate of it that is not revoked."""
    attended = Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=ATTENDED)
    certified = Certificate.objects.filter(enrolment=OuterRef("pk"), revoked_at__isnull=True)
    enrolments = (
        Enrolment.objects.annotate(attended=Exists(attended), certified=Exists(certified))
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "status",
            "training_class_id",
            "training_class__programme_id",
            "training_class__offering__kelurahan_id",
            "attended",
            "certified",
        )
    )
    for row in enrolments.iterator(chunk_size=5000):
        yield EnrolmentFact(*row)


class AttendanceWeekCount(NamedTuple):
    """A class's attendance records of one week (its Monday), counted by status."""

    class_id: int
    week: datetime.date
    present: int
    late: int
    excused: int
    absent: int


def attendance_week_counts() -> Iterator[AttendanceWeekCount]:
    """Every class's attendance records counted by the week of their session and status,
    in the database (one row per class and week, whatever the number of records)."""
    counts = (
        Attendance.objects.annotate(week=TruncWeek("session__date"))
        .values("session__training_class_id", "week")
        .annotate(
            **{
                status: Count("pk", filter=Q(status=status))
                for status in (
                    AttendanceStatus.PRESENT,
                    AttendanceStatus.LATE,
                    AttendanceStatus.EXCUSED,
                    AttendanceStatus.ABSENT,
                )
            }
        )
        .order_by("session__training_class_id", "week")
        .values_list("session__training_class_id", "week", "present", "late", "excused", "absent")
    )
    for class_id, week, *by_status in counts.iterator(chunk_size=5000):
        yield AttendanceWeekCount(class_id, _as_date(week), *by_status)


def _as_date(week: datetime.date | datetime.datetime) -> datetime.date:
    # Some backends truncate a date to a datetime at midnight.
    return week.date() if isinstance(week, datetime.datetime) else week


class ClassOutcomeCount(NamedTuple):
    """A class's enrolments by how they ended, and how many were assessed: at all, and
    kompeten in every unit of the programme."""

    class_id: int
    enrolled: int
    completed: int
    dropped: int
    left: int
    assessed: int
    competent: int


def class_outcome_counts() -> Iterator[ClassOutcomeCount]:
    """Every class's enrolments counted by status and assessment, in the database (one row
    per class)."""
    competent_units = (
        Assessment.objects.filter(enrolment=OuterRef("pk"), result=AssessmentResult.COMPETENT)
        .order_by()
        .values("enrolment")
        .annotate(units=Count("pk"))
        .values("units")
    )
    programme_units = (
        CompetencyUnit.objects.filter(programme=OuterRef("training_class__programme"))
        .order_by()
        .values("programme")
        .annotate(units=Count("pk"))
        .values("units")
    )
    fully_competent = Q(competent_units__gte=F("programme_units"), programme_units__gt=0)
    counts = (
        Enrolment.objects.annotate(
            was_assessed=Exists(Assessment.objects.filter(enrolment=OuterRef("pk"))),
            competent_units=Coalesce(Subquery(competent_units), 0),
            programme_units=Coalesce(Subquery(programme_units), 0),
        )
        .values("training_class_id")
        .annotate(
            **{
                status: Count("pk", filter=Q(status=status))
                for status in (
                    EnrolmentStatus.ENROLLED,
                    EnrolmentStatus.COMPLETED,
                    EnrolmentStatus.DROPPED,
                    EnrolmentStatus.LEFT,
                )
            },
            assessed=Count("pk", filter=Q(was_assessed=True)),
            competent=Count("pk", filter=Q(was_assessed=True) & fully_competent),
        )
        .order_by("training_class_id")
        .values_list(
            "training_class_id", "enrolled", "completed", "dropped", "left", "assessed", "competent"
        )
    )
    for row in counts.iterator(chunk_size=5000):
        yield ClassOutcomeCount(*row)
