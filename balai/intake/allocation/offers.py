"""Offers from a published allocation: answering them, lapsing them at their deadline, and
refilling every freed seat from the offering's waitlist.

The waitlist of an offering holds the applications that ranked it above what they hold, in
the run's priority order. A freed seat is offered to the first of them; a seat that someone
accepted is never taken back. An applicant offered a higher choice keeps the seat they hold
until they accept the higher one, which gives the lower one up (and refills it in turn).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.core.audit import audit_record
from balai.core.errors import ApplicationError
from balai.core.events import event_publish
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import AuditAction
from balai.intake.allocation.deferred_acceptance import UNPLACED, Allocation
from balai.intake.allocation.runs import AllocationInput
from balai.intake.events import SeatAccepted, SeatDropped, SeatGivenUp, SeatGivenUpReason
from balai.intake.models import (
    SEAT_HOLDING,
    AllocationCutoff,
    AllocationRun,
    Application,
    ApplicationStatus,
    Offer,
    Offering,
    OfferStatus,
    WaitlistEntry,
)
from balai.notifications.catalogue import MessageKind
from balai.notifications.services import Message, notifications_queue
from balai.registry.models import Person

logger = logging.getLogger(__name__)

LAPSE_JOB = "offers_lapse"

OFFER_MADE_MESSAGE = MessageKind(
    name="offer_made",
    subject=gettext_lazy("A training seat is offered to you"),
    body=gettext_lazy(
        "Your choice %(rank)s, %(offering)s (class %(class_number)s), has a seat "
        "for you. Accept or decline it by %(deadline)s under My applications; "
        "if you do not answer, the seat goes to the next person waiting."
    ),
)
WAITLISTED_MESSAGE = MessageKind(
    name="waitlisted",
    subject=gettext_lazy("No seat yet: you are on the waitlist"),
    body=gettext_lazy(
        "Your choices were full this time. You are on their waitlists and will be told "
        "at once if a seat comes free; see your places under My applications."
    ),
)


def offers_make(*, run: AllocationRun, data: AllocationInput, result: Allocation) -> int:
    """Turn a run being published into offers, waitlists, held seats and notifications.
    Returns how many offers were made."""
    deadline = timezone.now() + datetime.timedelta(days=run.batch.offer_response_days)
    class_numbers = {
        application_id: class_number
        for application_id, class_number in run.placements.values_list(
            "application_id", "class_number"
        )
        if class_number is not None
    }
    rows = np.flatnonzero(result.offering != UNPLACED)
    Offer.objects.bulk_create(
        [
            Offer(
                run=run,
                application_id=data.application_ids[row],
                offering_id=data.offering_ids[result.offering[row]],
                choice_rank=int(result.rank[row]) + 1,
                class_number=class_numbers[data.application_ids[row]],
                priority_key=int(data.priority[row, result.rank[row]]),
                deadline=deadline,
            )
            for row in rows.tolist()
        ],
        batch_size=1000,
    )
    _waitlists_make(run, data, result)
    _seats_taken_set(run)
    _applications_mark(data, result)
    _offers_notify(Offer.objects.filter(run=run))
    _waitlisted_notify(run)
    _lapse_schedule(deadline)
    return int(rows.size)


def _waitlists_make(run: AllocationRun, data: AllocationInput, result: Allocation) -> None:
    """Every application waits at each choice ranked above its placement (every choice, if
    unplaced), except at offerings cancelled for want of applicants."""
    cancelled_ids = set(
        AllocationCutoff.objects.filter(run=run, cancelled=True).values_list(
            "offering_id", flat=True
        )
    )
    cancelled = np.array([offering_id in cancelled_ids for offering_id in data.offering_ids])
    held_rank = np.where(result.offering == UNPLACED, data.choices.shape[1], result.rank)
    ranks = np.arange(data.choices.shape[1])[None, :]
    listed = data.choices >= 0
    waiting = listed & (ranks < held_rank[:, None])
    waiting[listed] &= ~cancelled[data.choices[listed]]
    rows, columns = np.nonzero(waiting)
    WaitlistEntry.objects.bulk_create(
        [
            WaitlistEntry(
                run=run,
                offering_id=data.offering_ids[data.choices[row, column]],
                application_id=data.application_ids[row],
                choice_rank=column + 1,
                priority_key=int(data.priority[row, column]),
            )
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True)
        ],
        batch_size=2000,
    )


def _seats_taken_set(run: AllocationRun) -> None:
    for offering_id, taken in (
        Offer.objects.filter(run=run).values_list("offering_id").annotate(taken=Count("id"))
    ):
        Offering.objects.filter(pk=offering_id).update(seats_taken=taken)


def _applications_mark(data: AllocationInput, result: Allocation) -> None:
    placed: dict[int, list[int]] = {}
    for row in np.flatnonzero(result.offering != UNPLACED).tolist():
        offering_id = data.offering_ids[result.offering[row]]
        placed.setdefault(offering_id, []).append(data.application_ids[row])
    for offering_id, application_ids in placed.items():
        Application.objects.filter(pk__in=application_ids).update(
            status=ApplicationStatus.SEAT_HELD, held_offering_id=offering_id
        )
    unplaced = [data.application_ids[row] for row in np.flatnonzero(result.offering == UNPLACED)]
    for start in range(0, len(unplaced), 1000):
        Application.objects.filter(pk__in=unplaced[start : start + 1000]).update(
            status=ApplicationStatus.WAITING
        )


@transaction.atomic
def offer_accept(*, offer: Offer) -> Offer:
    """Accept `offer`; a lower choice held until now is given up and goes to its waitlist."""
    offer = _locked(offer)
    if offer.status != OfferStatus.PENDING:
        raise ApplicationError(_("This offer has already been answered."), code="offer_answered")
    if offer.deadline <= timezone.now():
        raise ApplicationError(_("The time to answer this offer has passed."), code="offer_lapsed")
    for lower in Offer.objects.select_for_update().filter(
        application_id=offer.application_id,
        status__in=SEAT_HOLDING,
        choice_rank__gt=offer.choice_rank,
    ):
        _close(lower, OfferStatus.RELEASED)
    offer.status = OfferStatus.ACCEPTED
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    event_publish(
        SeatAccepted(
            offer_id=offer.pk,
            person_id=offer.application.person_id,
            offering_id=offer.offering_id,
            class_number=offer.class_number,
            on=timezone.localdate(offer.answered_at),
        )
    )
    # Holding this choice, the applicant no longer waits for the ones ranked below it.
    WaitlistEntry.objects.filter(
        application_id=offer.application_id, choice_rank__gt=offer.choice_rank
    ).delete()
    _application_refresh(offer.application_id)
    _audit(offer, OfferStatus.PENDING)
    return offer


@transaction.atomic
def offer_decline(*, offer: Offer) -> Offer:
    """Decline `offer` (pending or accepted); the seat goes to the next on its waitlist. The
    applicant keeps their places on the waitlists of higher choices."""
    offer = _locked(offer)
    if offer.status not in SEAT_HOLDING:
        raise ApplicationError(_("This offer has already been answered."), code="offer_answered")
    if offer.status == OfferStatus.ACCEPTED and offer.application.batch.training_over:
        raise ApplicationError(
            _("The training is over: there is no seat left to give up."), code="training_over"
        )
    old_status = offer.status
    _close(offer, OfferStatus.DECLINED)
    _application_refresh(offer.application_id)
    _audit(offer, old_status)
    return offer


@transaction.atomic
def offer_drop(*, offer: Offer) -> Offer:
    """An accepted seat whose holder has stopped coming (decided by training, early in the
    class) is ended, and the seat goes to the next on its waitlist."""
    offer = _locked(offer)
    if offer.status != OfferStatus.ACCEPTED:
        raise ApplicationError(_("Only an accepted seat can be given up."), code="offer_not_held")
    _close(offer, OfferStatus.DROPPED)
    _application_refresh(offer.application_id)
    _audit(offer, OfferStatus.ACCEPTED)
    return offer


def offers_withdraw(*, application: Application) -> None:
    """Give up every seat `application` holds and leave every waitlist (on withdrawal); call
    inside the withdrawal's transaction."""
    # Off the waitlists first, so that none of the seats given up comes straight back.
    WaitlistEntry.objects.filter(application=application).delete()
    for offer in Offer.objects.select_for_update().filter(
        application=application, status__in=SEAT_HOLDING
    ):
        _close(offer, OfferStatus.DECLINED, reason=SeatGivenUpReason.WITHDRAWN)


def offers_lapse(*, now: datetime.datetime | None = None) -> int:
    """Lapse every pending offer whose deadline has passed, each in its own transaction so
    that one failure does not hold back the rest. Returns how many lapsed."""
    now = now or timezone.now()
    lapsed = 0
    for offer_id in Offer.objects.filter(status=OfferStatus.PENDING, deadline__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            offer = Offer.objects.select_for_update().get(pk=offer_id)
            if offer.status != OfferStatus.PENDING or offer.deadline > now:
                continue  # answered in the meantime
            _close(offer, OfferStatus.LAPSED)
            _application_refresh(offer.application_id)
            lapsed += 1
    return lapsed


@job_kind(
    LAPSE_JOB,
    title=gettext_lazy("Lapse of unanswered offers"),
    results={"lapsed": gettext_lazy("offers lapsed")},
)
def offers_lapse_job(progress: ProgressReporter, **_parameters: Any) -> dict[str, int]:
    lapsed = offers_lapse()
    progress(1, 1)
    return {"lapsed": lapsed}


def _lapse_schedule(deadline: datetime.datetime) -> None:
    job_start(
        kind=LAPSE_JOB,
        label=f"{timezone.localtime(deadline):%Y-%m-%d %H:%M}",
        parameters={},
        created_by=None,
        # A second later, so that the offers due at `deadline` are past it when it runs.
        run_after=deadline + datetime.timedelta(seconds=1),
    )


def _locked(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().select_related("run", "application").get(pk=offer.pk)


def _close(offer: Offer, status: OfferStatus, *, reason: SeatGivenUpReason | None = None) -> None:
    """End a seat-holding offer with `status` and pass its seat on; an accepted seat's end is
    announced (`reason` says why a seat given up was, when the status alone does not)."""
    was_accepted = offer.status == OfferStatus.ACCEPTED
    offer.status = status
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    if was_accepted:
        _seat_end_announce(offer, reason)
    offering = Offering.objects.select_for_update().get(pk=offer.offering_id)
    Offering.objects.filter(pk=offering.pk).update(seats_taken=F("seats_taken") - 1)
    _waitlist_promote(offer.run, offering, class_number=offer.class_number)


def _seat_end_announce(offer: Offer, reason: SeatGivenUpReason | None) -> None:
    on = timezone.localdate(offer.answered_at)
    if offer.status == OfferStatus.DROPPED:
        event_publish(SeatDropped(offer_id=offer.pk, on=on))
        return
    if reason is None:
        released = offer.status == OfferStatus.RELEASED
        reason = SeatGivenUpReason.HIGHER_CHOICE if released else SeatGivenUpReason.DECLINED
    event_publish(SeatGivenUp(offer_id=offer.pk, on=on, reason=reason))


def _waitlist_promote(run: AllocationRun, offering: Offering, *, class_number: int) -> None:
    """Offer a freed seat at `offering` (locked by the caller) to the first on its waitlist."""
    entry = (
        WaitlistEntry.objects.filter(offering=offering)
        .exclude(application__status=ApplicationStatus.WITHDRAWN)
        .select_related("application__batch")
        .order_by("priority_key")
        .first()
    )
    if entry is None:
        return
    taken = Offering.objects.filter(pk=offering.pk, seats_taken__lt=F("seats")).update(
        seats_taken=F("seats_taken") + 1
    )
    if not taken:  # the seat count says no seat is free after all: never overfill
        logger.warning("Offering %s has no free seat to promote into", offering.pk)
        return
    entry.delete()
    deadline = timezone.now() + datetime.timedelta(days=entry.application.batch.offer_response_days)
    offer = Offer.objects.create(
        run=run,
        application=entry.application,
        offering=offering,
        choice_rank=entry.choice_rank,
        class_number=class_number,
        priority_key=entry.priority_key,
        from_waitlist=True,
        deadline=deadline,
    )
    _application_refresh(entry.application_id)
    _offers_notify(Offer.objects.filter(pk=offer.pk))
    _lapse_schedule(deadline)


def _application_refresh(application_id: int) -> None:
    """Point the application at the seat it holds: the accepted one, else its best pending
    offer; an application holding none is waiting."""
    holding = (
        Offer.objects.filter(application_id=application_id, status__in=SEAT_HOLDING)
        .order_by("choice_rank")
        .values_list("offering_id", "status")
    )
    accepted = [offering for offering, status in holding if status == OfferStatus.ACCEPTED]
    pending = [offering for offering, status in holding if status == OfferStatus.PENDING]
    held = next(iter(accepted + pending), None)
    Application.objects.filter(pk=application_id).exclude(
        status=ApplicationStatus.WITHDRAWN
    ).update(
        held_offering_id=held,
        status=ApplicationStatus.SEAT_HELD if held else ApplicationStatus.WAITING,
    )


def _audit(offer: Offer, old_status: str) -> None:
    audit_record(
        action=AuditAction.UPDATE,
        target=offer,
        changes={"status": {"old": str(old_status), "new": str(offer.status)}},
        target_label=f"{offer.run.batch_id} offer {offer.public_id}",
    )


def _offers_notify(offers: Any) -> None:
    messages = []
    for offer in offers.select_related(
        "application__person", "offering__programme", "offering__kelurahan"
    ):
        deadline = timezone.localtime(offer.deadline)
        context = {
            "rank": offer.choice_rank,
            "offering": str(offer.offering),
            "class_number": offer.class_number,
            "deadline": f"{deadline:%d-%m-%Y %H:%M}",
        }
        messages.append(
            Message(kind=OFFER_MADE_MESSAGE.name, to=offer.application.person, context=context)
        )
    notifications_queue(messages=messages)


def _waitlisted_notify(run: AllocationRun) -> None:
    people = Person.objects.filter(
        applications__batch_id=run.batch_id, applications__status=ApplicationStatus.WAITING
    ).only("pk", "email", "phone")
    notifications_queue(
        messages=[Message(kind=WAITLISTED_MESSAGE.name, to=person) for person in people]
    )
