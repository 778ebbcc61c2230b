"""Property: however applicants answer their offers, a freed seat is refilled from the
waitlist in priority order and no accepted seat is ever taken from its holder."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.catalogue.models import Programme
from balai.intake.allocation.offers import offer_accept, offer_decline, offers_lapse
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import (
    SEAT_HOLDING,
    Application,
    ApplicationChoice,
    Batch,
    Offer,
    Offering,
    OfferStatus,
    WaitlistEntry,
)
from balai.intake.selectors import offering_list
from balai.testing.allocation import apply, close
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db

APPLICANTS, OFFERINGS = 7, 3
PROFILES = ["laid_off", "unemployed", "employed", "student"]


class _RolledBackError(Exception):
    """Raised to undo one example's writes."""


@pytest.fixture
def applicants(open_batch: Batch) -> tuple[Batch, list[Offering], list[Application]]:
    offerings = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:OFFERINGS])
    Programme.objects.update(minimum_class_size=1)
    for serial in range(1, APPLICANTS + 1):
        status = PROFILES[serial % len(PROFILES)]
        apply(open_batch, serial, SUKARASA, offerings, employment_status=status)
    close(open_batch)
    return open_batch, offerings, list(Application.objects.order_by("id"))


def rank_lists(
    applications: list[Application], offerings: list[Offering], orders: list[list[int]]
) -> None:
    ApplicationChoice.objects.filter(application__in=applications).delete()
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, rank=rank, offering=offerings[position])
        for application, order in zip(applications, orders, strict=True)
        for rank, position in enumerate(order, start=1)
    )


def act(action: str, pick: int) -> Offer | None:
    """Answer one offer as an applicant would (or let it lapse); return it, or None."""
    statuses = SEAT_HOLDING if action == "decline" else (OfferStatus.PENDING,)
    candidates = list(Offer.objects.filter(status__in=statuses).order_by("id"))
    if not candidates:
        return None
    offer = candidates[pick % len(candidates)]
    if action == "accept":
        offer_accept(offer=offer)
    elif action == "decline":
        offer_decline(offer=offer)
    else:
        Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now())
        offers_lapse(now=timezone.now() + datetime.timedelta(seconds=1))
    return offer


def check_seats_and_order(new_offer_ids: set[int]) -> None:
    holding = Counter(
        dict(
            Offer.objects.filter(status__in=SEAT_HOLDING)
            .values_list("offering_id")
            .annotate(count=Count("id"))
        )
    )
    for offering in Offering.objects.filter(offers__isnull=False).distinct():
        assert holding[offering.pk] <= offering.seats
        assert offering.seats_taken == holding[offering.pk]
        if holding[offering.pk] < offering.seats:  # a free seat: nobody may be left waiting
            assert not WaitlistEntry.objects.filter(offering=offering).exists()
    for offer in Offer.objects.filter(pk__in=new_offer_ids):
        waiting = WaitlistEntry.objects.filter(offering=offer.offering_id)
        assert not waiting.filter(priority_key__lt=offer.priority_key).exists()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seats=st.lists(st.integers(1, 3), min_size=OFFERINGS, max_size=OFFERINGS),
    orders=st.lists(
        st.permutations(range(OFFERINGS)).flatmap(
            lambda order: st.integers(1, OFFERINGS).map(lambda length: order[:length])
        ),
        min_size=APPLICANTS,
        max_size=APPLICANTS,
    ),
    seed=st.integers(0, 2**31),
    actions=st.lists(
        st.tuples(st.sampled_from(["accept", "decline", "lapse"]), st.integers(0, 50)),
        max_size=14,
    ),
)
def test_waitlist_promotion_never_displaces_an_accepted_seat(
    applicants: tuple[Batch, list[Offering], list[Application]],
    seats: list[int],
    orders: list[list[int]],
    seed: int,
    actions: list[tuple[str, int]],
) -> None:
    batch, offerings, applications = applicants
    try:
        with transaction.atomic():
            for offering, count in zip(offerings, seats, strict=True):
                Offering.objects.filter(pk=offering.pk).update(seats=count, seats_taken=0)
            rank_lists(applications, offerings, orders)
            allocation_publish(run=allocation_run(batch=batch, seed=seed, created_by=None))
            for action, pick in actions:
                accepted_before = set(
                    Offer.objects.filter(status=OfferStatus.ACCEPTED).values_list("pk", flat=True)
                )
                known = set(Offer.objects.values_list("pk", flat=True))
                acted = act(action, pick)
                if acted is None:
                    continue
                # An accepted seat ends only by its own holder's act: declining it, or
                # accepting a higher choice (which releases it).
                for ended in Offer.objects.filter(pk__in=accepted_before).exclude(
                    status=OfferStatus.ACCEPTED
                ):
                    assert ended.application_id == acted.application_id
                    assert ended.status in (OfferStatus.DECLINED, OfferStatus.RELEASED)
                check_seats_and_order(set(Offer.objects.values_list("pk", flat=True)) - known)
            raise _RolledBackError
    except _RolledBackError:
        pass
