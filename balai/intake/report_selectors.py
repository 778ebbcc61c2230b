"""What reporting reads of intake: each application and offer as a plain tuple, for the
pre-computed summaries (counted, never shown row by row)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import OuterRef, Subquery

from balai.intake.models import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Offer,
    OfferStatus,
)

# An application the rules let through: waiting for selection, holding a seat or waitlisted.
ELIGIBLE_STATUSES = (
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SEAT_HELD,
    ApplicationStatus.WAITING,
)
# An offer the person said yes to, including one they later left the class of.
ACCEPTED_STATUSES = (OfferStatus.ACCEPTED, OfferStatus.DROPPED)


class ApplicationFact(NamedTuple):
    person_id: int
    status: str
    priority_points: int
    first_choice_programme_id: int | None


class OfferFact(NamedTuple):
    person_id: int
    status: str
    programme_id: int


def application_facts() -> Iterator[ApplicationFact]:
    """Every application, oldest first, with the programme of its first choice."""
    first_choice = ApplicationChoice.objects.filter(application=OuterRef("pk")).order_by("rank")
    applications = Application.objects.annotate(
        first_programme=Subquery(first_choice.values("offering__programme_id")[:1])
    ).order_by("pk")
    for row in applications.values_list(
        "person_id", "status", "priority_points", "first_programme"
    ).iterator(chunk_size=5000):
        yield ApplicationFact(*row)


def offer_facts() -> Iterator[OfferFact]:
    """Every offer, oldest first, with its offering's programme."""
    offers = Offer.objects.order_by("pk").values_list(
        "application__person_id", "status", "offering__programme_id"
    )
    for row in offers.iterator(chunk_size=5000):
        yield OfferFact(*row)
