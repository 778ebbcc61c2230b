"""A class that has met: one Tata Boga class of three participants in Sukarasa, its twenty
sessions in an eight-week window that opened 13 weeks before the pinned today (so every
session is over), its participants enrolled (seats accepted) before it started, and its
instructor signed in as a user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.catalogue.services import competency_units_set
from balai.conftest import SUKARASA
from balai.factories import UserFactory
from balai.intake.allocation.offers import offer_accept
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Offer, Offering
from balai.intake.tests.test_allocation_pages import account_for
from balai.intake.tests.test_allocation_runs import apply, close
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.tests.conftest import make_city, past_window_monday
from balai.training.models import Enrolment

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


@pytest.fixture
def classroom(kota_tangerang: None, programmes: list[Programme]) -> Classroom:
    return make_classroom(programmes)


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
