"""Offers from a published allocation: answering, lapsing, and refilling from waitlists."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from balai.core.errors import ApplicationError
from balai.core.jobs import job_run_here, job_start_here
from balai.intake.allocation.offers import offer_accept, offer_decline, offers_lapse
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import (
    AllocationRun,
    Application,
    ApplicationStatus,
    Batch,
    Offer,
    Offering,
    OfferStatus,
    WaitlistEntry,
)
from balai.intake.services import application_withdraw
from balai.notifications.models import Notification, NotificationStatus
from balai.testing.allocation import Queue

pytestmark = pytest.mark.django_db


def published(batch: Batch) -> AllocationRun:
    return allocation_publish(run=allocation_run(batch=batch, seed=5, created_by=None))


def offer_of(application: Application, offering: Offering) -> Offer:
    return Offer.objects.get(application=application, offering=offering)


def test_publishing_makes_offers_waitlists_and_notifications(
    queue: Queue, django_capture_on_commit_callbacks: Any
) -> None:
    batch, (first, second, third), applications = queue
    with django_capture_on_commit_callbacks(execute=True):
        run = published(batch)
    assert run.published_at is not None
    top, middle, low, waiting, last = applications
    assert [
        offer_of(app, place).choice_rank
        for app, place in [(top, first), (middle, second), (low, third)]
    ] == [1, 2, 3]
    assert Offer.objects.filter(status=OfferStatus.PENDING).count() == 3
    # Each waits at the choices ranked above what they got; the unplaced wait at all three.
    assert set(
        WaitlistEntry.objects.filter(application=low).values_list("choice_rank", flat=True)
    ) == {1, 2}
    assert WaitlistEntry.objects.filter(application=top).count() == 0
    assert WaitlistEntry.objects.filter(application=last).count() == 3
    assert list(
        Offering.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list(
            "seats_taken", flat=True
        )
    ) == [1, 1, 1]
    waiting.refresh_from_db()
    middle.refresh_from_db()
    assert waiting.status == ApplicationStatus.WAITING
    assert middle.status == ApplicationStatus.SEAT_HELD and middle.held_offering_id == second.pk
    # One e-mail and one WhatsApp message each, in Indonesian; sent by the outbox job.
    assert Notification.objects.count() == 10
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 10
    subjects = {message.subject for message in mail.outbox}
    assert subjects == {
        "Kursi pelatihan ditawarkan kepada Anda",
        "Belum ada kursi: Anda masuk daftar tunggu",
    }


def test_an_offer_is_accepted_once_and_not_after_its_deadline(queue: Queue) -> None:
    batch, (first, second, _third), (top, middle, *_rest) = queue
    published(batch)
    accepted = offer_accept(offer=offer_of(top, first))
    assert accepted.status == OfferStatus.ACCEPTED and accepted.answered_at is not None
    with pytest.raises(ApplicationError) as refused:
        offer_accept(offer=accepted)
    assert refused.value.code == "offer_answered"
    Offer.objects.filter(application=middle).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ApplicationError) as late:
        offer_accept(offer=offer_of(middle, second))
    assert late.value.code == "offer_lapsed"
    assert str(late.value) == "Waktu untuk menjawab tawaran ini sudah lewat."


def test_a_declined_seat_goes_to_the_first_waiting_and_upgrades_release_the_lower_seat(
    queue: Queue,
) -> None:
    batch, (first, second, _third), (top, middle, low, waiting, last) = queue
    published(batch)
    offer_accept(offer=offer_of(middle, second))
    offer_decline(offer=offer_of(top, first))
    # The best waiting for `first` is `middle`, who holds (accepted) their 2nd choice.
    upgrade = offer_of(middle, first)
    assert upgrade.from_waitlist and upgrade.status == OfferStatus.PENDING
    assert offer_of(middle, second).status == OfferStatus.ACCEPTED  # kept until they choose
    offer_accept(offer=upgrade)
    assert offer_of(middle, second).status == OfferStatus.RELEASED
    # `second` went on to `low` (who held their 3rd choice), not to the unplaced.
    assert offer_of(low, second).status == OfferStatus.PENDING
    assert not Offer.objects.filter(application__in=[waiting, last]).exists()
    middle.refresh_from_db()
    assert middle.held_offering_id == first.pk
    assert not WaitlistEntry.objects.filter(application=middle).exists()


def test_an_unanswered_offer_lapses_at_its_deadline_and_its_seat_moves_on(queue: Queue) -> None:
    batch, (_first, _second, third), (_top, _middle, low, waiting, _last) = queue
    published(batch)
    assert offers_lapse() == 0
    Offer.objects.filter(application=low).update(
        deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    job = job_start_here(kind="offers_lapse", label="lapse", parameters={})
    job_run_here(job)
    assert job.result == {"lapsed": 1}
    assert offer_of(low, third).status == OfferStatus.LAPSED
    assert offer_of(waiting, third).status == OfferStatus.PENDING
    low.refresh_from_db()
    assert low.status == ApplicationStatus.WAITING and low.held_offering_id is None


def test_withdrawing_gives_the_seat_to_the_next_waiting(queue: Queue) -> None:
    batch, (_first, _second, third), (_top, _middle, low, waiting, _last) = queue
    published(batch)
    application_withdraw(application=low)
    assert offer_of(low, third).status == OfferStatus.DECLINED
    assert offer_of(waiting, third).status == OfferStatus.PENDING
    assert not WaitlistEntry.objects.filter(application=low).exists()
    assert Offering.objects.get(pk=third.pk).seats_taken == 1


def test_publishing_a_run_whose_input_changed_is_refused(queue: Queue) -> None:
    batch, _offerings, (top, *_rest) = queue
    run = allocation_run(batch=batch, seed=1, created_by=None)
    Application.objects.filter(pk=top.pk).update(priority_points=0)
    with pytest.raises(ApplicationError) as refused:
        allocation_publish(run=run)
    assert refused.value.code == "input_changed"
    assert not Offer.objects.exists()
    run.refresh_from_db()
    assert run.status == "dry_run"


def test_whatsapp_messages_go_through_the_gateway_with_the_phone_masked(
    queue: Queue, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    batch, *_rest = queue
    with (
        caplog.at_level(logging.INFO, logger="balai.notifications.gateways"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        published(batch)
    lines = [
        record.getMessage()
        for record in caplog.records
        if record.name == "balai.notifications.gateways"
    ]
    assert len(lines) == 5
    assert all(
        "WhatsApp/SMS to +628*******890" in line and "1234567890" not in line for line in lines
    )
