"""Enrolments (issue 12, point 1): training's own record of who is in which class, made and
ended from intake's announcements, the one place that answers "who is in this class" and
"which classes is this person in", and moved there from the seats by a reversible migration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.intake.allocation.offers import offer_accept, offer_decline
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Batch, Offer, Offering, OfferStatus
from balai.intake.selectors import offering_list
from balai.intake.services import application_withdraw
from balai.regions.services import regions_load
from balai.scheduling.models import ClassStatus, TrainingClass
from balai.scheduling.selectors import sessions_of_user
from balai.testing.allocation import apply, close
from balai.testing.batches import make_programmes
from balai.testing.places import SUKARASA
from balai.testing.training import Classroom, completed, make_classroom
from balai.training.models import Enrolment, EnrolmentStatus
from balai.training.selectors import class_ids_of_user, class_roster, enrolments_of_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_choices(open_batch: Batch) -> tuple[Batch, list[Offering]]:
    """Two one-seat offerings ranked the same by two applicants, the second waiting for the
    first choice; published, nothing answered yet."""
    offerings = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:2])
    Offering.objects.filter(batch=open_batch).update(seats=1)
    Programme.objects.update(minimum_class_size=1)
    apply(open_batch, 1, SUKARASA, offerings, employment_status="laid_off")
    apply(open_batch, 2, SUKARASA, offerings, employment_status="employed")
    close(open_batch)
    allocation_publish(run=allocation_run(batch=open_batch, seed=3, created_by=None))
    return open_batch, offerings


def test_accepting_a_seat_enrols_the_person_in_its_class_before_any_timetable(
    two_choices: tuple[Batch, list[Offering]],
) -> None:
    _batch, (first, _second) = two_choices
    offer = Offer.objects.get(offering=first)
    assert not TrainingClass.objects.exists()  # no timetable solved yet
    offer_accept(offer=offer)
    enrolment = Enrolment.objects.get()
    assert enrolment.offer_id == offer.pk
    assert enrolment.person_id == offer.application.person_id
    assert (enrolment.training_class.offering_id, enrolment.training_class.number) == (
        first.pk,
        offer.class_number,
    )
    assert enrolment.training_class.status == ClassStatus.PLANNED
    assert (enrolment.status, enrolment.left_on) == (EnrolmentStatus.ENROLLED, None)
    offer.refresh_from_db()
    assert offer.answered_at is not None
    assert enrolment.joined_on == timezone.localdate(offer.answered_at)


def test_a_seat_given_up_ends_the_enrolment_and_says_why(
    two_choices: tuple[Batch, list[Offering]],
) -> None:
    _batch, (first, second) = two_choices
    top = Offer.objects.get(offering=first)
    lower = Offer.objects.get(offering=second)
    offer_accept(offer=lower)
    offer_accept(offer=top)
    offer_decline(offer=top)  # the first person gives up the seat they accepted
    ended = Enrolment.objects.get(offer=top)
    assert (ended.status, ended.left_reason) == (EnrolmentStatus.LEFT, "declined")
    assert ended.left_on is not None
    # The declined seat went to the second person, a higher choice than theirs: accepting it
    # moves them, and their lower seat's enrolment ends for that reason.
    promoted = Offer.objects.get(offering=first, status=OfferStatus.PENDING)
    offer_accept(offer=promoted)
    moved = Enrolment.objects.get(offer=lower)
    assert (moved.status, moved.left_reason) == (EnrolmentStatus.LEFT, "higher_choice")
    now_in = Enrolment.objects.get(offer=promoted)
    assert now_in.status == EnrolmentStatus.ENROLLED
    application_withdraw(application=promoted.application)
    withdrawn = Enrolment.objects.get(offer=promoted)
    assert (withdrawn.status, withdrawn.left_reason) == (EnrolmentStatus.LEFT, "withdrawn")


def test_one_selector_answers_who_is_in_a_class_and_which_classes_a_person_is_in(
    classroom: Classroom,
) -> None:
    training_class = classroom.training_class
    assert [item.pk for item in class_roster(training_class=training_class)] == sorted(
        (item.pk for item in classroom.enrolments),
        key=lambda pk: Enrolment.objects.get(pk=pk).person.full_name,
    )
    participant = classroom.participants[0]
    assert class_ids_of_user(participant) == [training_class.pk]
    assert [item.training_class for item in enrolments_of_user(user=participant)] == [
        training_class
    ]
    # Scheduling shows a participant their week from training's record, through its hook.
    assert set(sessions_of_user(participant)) == set(training_class.sessions.all())


# Modules that may name a class number: intake, which makes them (allocation, offers, its
# announcement), scheduling's plan of the classes from the published placements, and the one
# handler that turns a seat into an enrolment. Nobody else joins offers to classes.
# The benchmark's data generator fills an offer's required column; it joins nothing by it.
CLASS_NUMBER_ALLOWED = re.compile(
    r"^balai/(intake/|scheduling/(services|models)\.py$|training/enrolments\.py$"
    r"|reporting/management/commands/generate_reporting_data\.py$)"
)


def test_no_module_joins_offers_to_classes_by_class_number() -> None:
    root = Path(settings.BASE_DIR)
    offending = [
        str(path.relative_to(root))
        for path in (root / "balai").rglob("*.py")
        if "/migrations/" not in str(path)
        and "/tests/" not in str(path)
        and "class_number" in path.read_text()
        and not CLASS_NUMBER_ALLOWED.match(str(path.relative_to(root)))
    ]
    assert offending == []


BEFORE = ("training", "0003_attendance_protects_sessions")
AFTER = ("training", "0006_records_on_enrolments")
RECORDS = ["Attendance", "Assessment", "SkillTest", "Certificate", "FeedbackResponse"]


def record_seats(apps: Any, field: str) -> dict[str, list[tuple[int, int]]]:
    """Every training record as (record id, offer id), through `field` (seat, or enrolment)."""
    offer_of = "seat_id" if field == "seat" else "enrolment__offer_id"
    return {
        name: sorted(apps.get_model("training", name).objects.values_list("pk", offer_of))
        for name in RECORDS
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_every_record_to_an_enrolment_and_back(migrator: Any) -> None:
    latest = migrator.apply_initial_migration(
        sorted(MigrationLoader(connection).graph.leaf_nodes())
    )
    regions_load(code="36.71")  # made after the migrator has set the database up
    completed(make_classroom(make_programmes()))
    records = record_seats(latest.apps, "enrolment")
    assert sum(len(rows) for rows in records.values()) > 20  # attendance, units, a certificate
    enrolments = sorted(
        Enrolment.objects.values_list("offer_id", "training_class_id", "joined_on", "status")
    )
    before = migrator.apply_tested_migration(BEFORE)
    assert record_seats(before.apps, "seat") == records
    after = migrator.apply_tested_migration(AFTER)
    assert record_seats(after.apps, "enrolment") == records
    moved = after.apps.get_model("training", "Enrolment").objects
    assert (
        sorted(moved.values_list("offer_id", "training_class_id", "joined_on", "status"))
        == enrolments
    )


def test_a_certificate_completes_the_enrolment_a_graduate(classroom: Classroom) -> None:
    certificate = completed(classroom)
    graduate = Enrolment.objects.get(pk=certificate.enrolment_id)
    assert (graduate.status, graduate.left_reason) == (EnrolmentStatus.COMPLETED, "completed")
    assert graduate.left_on == certificate.ends_on
    assert graduate in class_roster(training_class=classroom.training_class)
