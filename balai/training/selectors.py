"""Reads for training: who is in a class and which classes a person is in (the one place that
answers it: every other module asks here), attendance, and who to follow up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from balai.accounts.models import User
from balai.catalogue.models import Instructor
from balai.core.scoping import scope_to_user
from balai.registry.models import Person
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training.models import (
    IN_CLASS,
    Assessment,
    Attendance,
    AttendanceStatus,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    SkillTest,
)


def class_roster(*, training_class: TrainingClass) -> list[Enrolment]:
    """Who is in `training_class` (enrolled, or completed it), by name."""
    enrolments = list(
        Enrolment.objects.filter(training_class=training_class, status__in=IN_CLASS)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    for enrolment in enrolments:
        enrolment.training_class = training_class  # loaded already: no query per person
    return enrolments


def enrolment_in_class(*, user: User, training_class: TrainingClass) -> Enrolment | None:
    """`user`'s enrolment in `training_class`, if they are in it."""
    return (
        Enrolment.objects.filter(
            training_class=training_class, status__in=IN_CLASS, person__user=user
        )
        .select_related("person")
        .first()
    )


def enrolments_of_user(*, user: User) -> list[Enrolment]:
    """The classes `user` is in (enrolled, or completed), with their programme and place."""
    return list(
        Enrolment.objects.filter(person__user=user, status__in=IN_CLASS)
        .select_related(
            "person", "training_class__programme", "training_class__offering__kelurahan"
        )
        .order_by("joined_on", "pk")
    )


def class_ids_of_user(user: User) -> list[int]:
    """The ids of the classes `user` is in: for their own week and calendar."""
    return list(
        Enrolment.objects.filter(person__user=user, status__in=IN_CLASS).values_list(
            "training_class_id", flat=True
        )
    )


def class_assessments(*, enrolments: list[Enrolment]) -> tuple[list[Assessment], list[SkillTest]]:
    """What is recorded of `enrolments`: their unit results and their test scores."""
    return (
        list(Assessment.objects.filter(enrolment__in=enrolments)),
        list(SkillTest.objects.filter(enrolment__in=enrolments)),
    )


def instructor_of_user(user: User) -> Instructor | None:
    return Instructor.objects.filter(user=user).first()


def session_attendance(*, session: ClassSession) -> dict[int, Attendance]:
    """The session's records, by enrolment id."""
    return {item.enrolment_id: item for item in Attendance.objects.filter(session=session)}


@dataclass(frozen=True)
class DropOut:
    enrolment: Enrolment
    training_class: TrainingClass
    absences_in_a_row: int
    last_session: datetime.date


def dropouts(*, user: User, in_a_row: int, recent_days: int = 28) -> list[DropOut]:
    """Participants (in `user`'s area) whose last `in_a_row` or more sessions recorded in the
    last `recent_days` were all absences, the longest run first (classes long over are no
    longer followed up)."""
    enrolled = scope_to_user(Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED), user)
    since = timezone.localdate() - datetime.timedelta(days=recent_days)
    history: dict[int, list[tuple[datetime.date, str, int]]] = defaultdict(list)
    for enrolment_id, day, status, class_id in (
        Attendance.objects.filter(enrolment__in=enrolled, session__date__gte=since)
        .order_by("session__date", "session__slot")
        .values_list("enrolment_id", "session__date", "status", "session__training_class_id")
    ):
        history[enrolment_id].append((day, status, class_id))
    streaks = {key: _absences_at_the_end(records) for key, records in history.items()}
    flagged = [key for key, streak in streaks.items() if streak >= in_a_row]
    enrolments = Enrolment.objects.select_related("person").in_bulk(flagged)
    classes = TrainingClass.objects.in_bulk({history[key][-1][2] for key in flagged})
    found = [
        DropOut(enrolments[key], classes[history[key][-1][2]], streaks[key], history[key][-1][0])
        for key in flagged
    ]
    return sorted(found, key=lambda item: -item.absences_in_a_row)


def _absences_at_the_end(records: list[tuple[datetime.date, str, int]]) -> int:
    streak = 0
    for _day, status, _class_id in reversed(records):
        if status != AttendanceStatus.ABSENT:
            break
        streak += 1
    return streak


def certificate_for(*, number: str, user: User) -> Certificate | None:
    """Certificate `number` if `user` may download it: its holder, or an admin (the area
    scope says so)."""
    return scope_to_user(Certificate.objects.filter(number=number), user).first()


def enrolments_of_person(*, person: Person, user: User) -> QuerySet[Enrolment]:
    """`person`'s classes that `user` may see (any status: a class left is history too)."""
    enrolments = Enrolment.objects.filter(person=person).select_related(
        "training_class__programme", "training_class__offering__kelurahan"
    )
    return scope_to_user(enrolments, user).order_by("-joined_on", "-pk")


def attendance_counts_of_person(*, person: Person, user: User) -> dict[int, dict[str, int]]:
    """How many sessions `person` attended, was late to, was excused from or missed, by
    enrolment id, counted by the database (a long course is many rows)."""
    records = scope_to_user(Attendance.objects.filter(enrolment__person=person), user)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in records.values("enrolment_id", "status").annotate(count=Count("id")).order_by():
        counts[row["enrolment_id"]][row["status"]] = row["count"]
    return counts


def certificates_of_person(*, person: Person, user: User) -> QuerySet[Certificate]:
    """`person`'s certificates that `user` may see, newest first."""
    certificates = Certificate.objects.filter(enrolment__person=person)
    return scope_to_user(certificates, user).order_by("-issued_on", "-pk")


def graduate_list(*, user: object, for_aggregates: bool = False) -> QuerySet[Enrolment]:
    """Return the completed enrolments (graduates) `user` may see, with their person, place
    and programme: what later stages (placement, enterprise) attach outcomes to."""
    graduates = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).select_related(
        "person__domicile_kelurahan__kecamatan", "training_class__programme"
    )
    return scope_to_user(graduates, user, for_aggregates=for_aggregates)
