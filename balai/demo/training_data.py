"""The demo's finished batch: a batch whose training ended two weeks ago, with its roll calls,
assessments and certificates, so that every training page has something to show.

History is compressed: the batch is created, applied to, allocated and accepted today (through
the services), then the acceptances are dated before the training began, as they would have
been."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.accounts.services import user_create
from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_account_link
from balai.demo.intake_data import SEATS, _batch_from_today
from balai.demo.randomness import RandomStreams
from balai.intake.allocation.offers import offer_accept
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.batches import batch_registration_close, offerings_create
from balai.intake.bulk import application_submit_many
from balai.intake.models import Batch, Channel, Offer, OfferStatus
from balai.intake.selectors import offering_list
from balai.intake.services import BulkEntry
from balai.regions.models import Kelurahan
from balai.registry.services import PersonData
from balai.scheduling.models import ClassStatus, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.training.assessment import assessment_record
from balai.training.attendance import roll_call_record
from balai.training.certificates.services import certificate_issue
from balai.training.completion import completion_of
from balai.training.models import AssessmentResult, AttendanceStatus, Enrolment
from balai.training.selectors import class_roster

FINISHED_BATCH_CODE = "gelombang-0"
FINISHED_SEED = 20260801
TRAINING_DAYS = (-70, -14)  # eight weeks, ended two weeks ago
APPLICANTS_PER_CLASS = SEATS  # everyone gets a seat, the demo participant too
MOST_CLASSES = 10
# How each participant attends: mostly present; a few often late or away; one in twenty
# stops coming after the first week.
HABITS = [("steady", 14), ("late", 2), ("away", 2), ("dropped", 1)]


@dataclass(frozen=True)
class FinishedBatch:
    classes: int
    attendance: int
    certificates: int


@transaction.atomic  # all of it or none: a later seed finds the batch and trusts it whole
def demo_finished_batch(
    residents: list[PersonData],
    kelurahan: list[Kelurahan],
    programmes: list[Programme],
    streams: RandomStreams,
    password: str,
) -> FinishedBatch:
    """Made once: a later seed finds the batch and leaves it."""
    existing = Batch.objects.filter(code=FINISHED_BATCH_CODE).first()
    if existing is not None:
        return FinishedBatch(TrainingClass.objects.filter(batch=existing).count(), 0, 0)
    classes = max(1, min(MOST_CLASSES, len(residents) // (2 * APPLICANTS_PER_CLASS)))
    batch = _finished_batch(kelurahan, programmes, classes)
    _apply_and_allocate(batch, residents[: classes * APPLICANTS_PER_CLASS])
    schedule_solve(batch=batch, created_by=None, time_limit=10)
    taught = list(
        TrainingClass.objects.filter(batch=batch, status=ClassStatus.SCHEDULED).select_related(
            "programme", "instructor"
        )
    )
    accounts = _instructor_accounts(taught, make_password(password))
    attendance = certificates = 0
    for training_class in taught:
        teacher = accounts[training_class.pk]
        attendance += _roll_calls(training_class, teacher, streams.chooser)
        certificates += _assess_and_certify(training_class, teacher)
    return FinishedBatch(len(taught), attendance, certificates)


def _finished_batch(kelurahan: list[Kelurahan], programmes: list[Programme], classes: int) -> Batch:
    # Registration is opened so that the services take the applications, then closed.
    batch = _batch_from_today(
        FINISHED_BATCH_CODE,
        "Pelatihan BLK Kelurahan — Gelombang 0 (selesai)",
        registration=(-120, 1),
        training=TRAINING_DAYS,
    )
    offerings_create(
        batch=batch,
        rows=[
            (programmes[index % len(programmes)], kelurahan[index % len(kelurahan)], None, SEATS)
            for index in range(classes)
        ],
    )
    return batch


def _apply_and_allocate(batch: Batch, applicants: list[PersonData]) -> None:
    offerings = list(offering_list(batch=batch))
    application_submit_many(
        batch=batch,
        entries=[
            BulkEntry(
                person=person,
                choices=[offerings[index % len(offerings)]],
            )
            for index, person in enumerate(applicants)
        ],
        channel=Channel.SELF,
        submitted_by=None,
    )
    batch = batch_registration_close(batch=batch)
    run = allocation_publish(run=allocation_run(batch=batch, seed=FINISHED_SEED, created_by=None))
    for offer in Offer.objects.filter(run=run, status=OfferStatus.PENDING):
        offer_accept(offer=offer)
    # Everyone had accepted, and joined their class, a week before the training began (see
    # the module's docstring): a story the demo tells, so its dates are set here directly.
    before = timezone.now() + datetime.timedelta(days=TRAINING_DAYS[0] - 7)
    Offer.objects.filter(run=run, status=OfferStatus.ACCEPTED).update(answered_at=before)
    Enrolment.objects.filter(training_class__batch=batch).update(
        joined_on=timezone.localdate(before)
    )


def _instructor_accounts(taught: list[TrainingClass], password_hash: str) -> dict[int, User]:
    """Each class's instructor's account; those without one get one (instruktur.<id>)."""
    accounts = {}
    for training_class in taught:
        instructor = Instructor.objects.select_related("user").get(classes=training_class)
        user = instructor.user
        if user is None:
            username = f"instruktur.{instructor.pk}"
            user = User.objects.filter(username=username).first() or user_create(
                username=username,
                full_name=instructor.full_name,
                role=Role.INSTRUCTOR,
                password_hash=password_hash,
            )
            instructor_account_link(instructor=instructor, user=user)
        accounts[training_class.pk] = user
    return accounts


def _roll_calls(training_class: TrainingClass, teacher: User, chooser: random.Random) -> int:
    enrolments = class_roster(training_class=training_class)
    habits = {
        enrolment.pk: chooser.choices(
            [name for name, _weight in HABITS], weights=[weight for _name, weight in HABITS]
        )[0]
        for enrolment in enrolments
    }
    # The demo participant (the first resident) attends every session.
    for enrolment in enrolments:
        if enrolment.person.user_id is not None:
            habits[enrolment.pk] = "steady"
    sessions = list(training_class.sessions.order_by("date", "slot"))
    for number, session in enumerate(sessions):
        roll_call_record(
            session=session,
            marks={
                enrolment.pk: _status(habits[enrolment.pk], number, chooser)
                for enrolment in enrolments
            },
            by=teacher,
        )
    return len(sessions) * len(enrolments)


def _status(habit: str, number: int, chooser: random.Random) -> str:
    if habit == "dropped" and number >= 3:
        return AttendanceStatus.ABSENT
    draw = chooser.random()
    if habit == "late" and draw < 0.4:
        return AttendanceStatus.LATE
    if habit == "away" and draw < 0.3:
        return AttendanceStatus.EXCUSED if draw < 0.1 else AttendanceStatus.ABSENT
    return AttendanceStatus.ABSENT if draw < 0.02 else AttendanceStatus.PRESENT


def _assess_and_certify(training_class: TrainingClass, teacher: User) -> int:
    """Everyone who came often enough is kompeten in every unit, and gets a certificate."""
    issued = 0
    units = list(training_class.programme.competency_units.all())
    for enrolment in class_roster(training_class=training_class):
        completion = completion_of(enrolment=enrolment)
        enough = completion.sessions_attended >= completion.sessions_needed
        for unit in units:
            assessment_record(
                enrolment=enrolment,
                unit=unit,
                result=AssessmentResult.COMPETENT if enough else AssessmentResult.NOT_YET_COMPETENT,
                by=teacher,
            )
        if enough:
            certificate_issue(enrolment=enrolment)
            issued += 1
    return issued
