"""A class in session, with participants, attendance, assessments and certificates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.catalogue.services import competency_units_set
from balai.intake.allocation.offers import offer_accept
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Offer, Offering
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.testing.allocation import account_for, apply, close
from balai.testing.factories import UserFactory
from balai.testing.places import SUKARASA
from balai.testing.scheduling import make_city, past_window_monday
from balai.training.assessment import assessment_record
from balai.training.attendance import roll_call_record
from balai.training.certificates.services import (
    certificate_issue,
)
from balai.training.models import AssessmentResult, AttendanceStatus, Certificate, Enrolment

UNITS = [
    ("TBG.01", "Menerapkan keamanan pangan"),
    ("TBG.02", "Mengolah makanan kontinental"),
    ("TBG.03", "Menata hidangan"),
]


@dataclass
class Classroom:
    training_class: TrainingClass
    enrolments: list[Enrolment]
    teacher: User
    participants: list[User]

    @property
    def sessions(self) -> list[ClassSession]:
        return list(self.training_class.sessions.order_by("number"))


def make_classroom(
    programmes: list[Programme], *, applicants: int = 3, seats: int | None = None
) -> Classroom:
    """The class of the module's docstring; with `seats` fewer than `applicants`, the rest
    wait on the waitlist."""
    Programme.objects.update(minimum_class_size=1)
    tata_boga = programmes[0]
    competency_units_set(programme=tata_boga, units=UNITS)
    batch = make_city(programmes, monday=past_window_monday())
    offering = Offering.objects.get(batch=batch, kelurahan=SUKARASA, programme=tata_boga)
    if seats is not None:
        Offering.objects.filter(pk=offering.pk).update(seats=seats)
    for serial in range(1, applicants + 1):
        apply(batch, serial, SUKARASA, [offering])
    close(batch)
    allocation_publish(run=allocation_run(batch=batch, seed=1, created_by=None))
    for offer in Offer.objects.all():
        offer_accept(offer=offer)
    # They accepted, and joined the class, two and a half weeks before it began.
    accepted_on = batch.training_starts_on - datetime.timedelta(days=18)
    Offer.objects.update(
        answered_at=datetime.datetime.combine(
            accepted_on, datetime.time(10), tzinfo=timezone.get_current_timezone()
        )
    )
    Enrolment.objects.update(joined_on=accepted_on)
    schedule_solve(batch=batch, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.get()
    teacher = UserFactory.create(role=Role.INSTRUCTOR)
    instructor = training_class.instructor
    assert instructor is not None
    instructor.user = teacher
    instructor.save(update_fields=["user"])
    enrolments = list(Enrolment.objects.select_related("person", "offer").order_by("offer_id"))
    return Classroom(
        training_class=training_class,
        enrolments=enrolments,
        teacher=teacher,
        participants=[account_for(enrolment.offer.application) for enrolment in enrolments],
    )


def attend(classroom: Classroom, sessions: int, status: str = AttendanceStatus.PRESENT) -> None:
    """Every participant marked `status` at the first `sessions` sessions."""
    for session in classroom.sessions[:sessions]:
        roll_call_record(
            session=session,
            marks={enrolment.pk: status for enrolment in classroom.enrolments},
            by=classroom.teacher,
        )


def assess_all(classroom: Classroom, result: str = AssessmentResult.COMPETENT) -> None:
    units = classroom.training_class.programme.competency_units.all()
    for enrolment in classroom.enrolments:
        for unit in units:
            assessment_record(
                enrolment=enrolment,
                unit=unit,
                result=result,
                by=classroom.teacher,
            )


def completed(classroom: Classroom) -> Certificate:
    attend(classroom, 16)  # 16 of 20: the programme's 80 %
    assess_all(classroom)
    return certificate_issue(enrolment=classroom.enrolments[0])
