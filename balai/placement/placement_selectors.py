"""Reads of placements: staff's list of their area's, a graduate's own, a person's for the
front desk, the counts on the home pages, and finding a graduate to record one for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from balai.accounts.models import User
from balai.catalogue.models import Programme
from balai.core.scoping import scope_to_user
from balai.placement.models import Placement, PlacementKind
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.registry.search import person_search
from balai.training.models import Enrolment
from balai.training.selectors import graduate_list


def placement_list(*, user: object) -> QuerySet[Placement]:
    """Return the placements `user` may see, with the graduate, place and programme."""
    placements = Placement.objects.select_related(
        "person__domicile_kelurahan", "enrolment__training_class__programme", "recruitment"
    )
    return scope_to_user(placements, user)


def placement_list_filtered(
    *,
    user: object,
    kind: str = "",
    channel: str = "",
    programme: Programme | None = None,
    kelurahan: Kelurahan | None = None,
    starts_from: datetime.date | None = None,
    starts_until: datetime.date | None = None,
) -> QuerySet[Placement]:
    """Return the placements `user` may see, narrowed by whichever filters are given (the
    period is of the start date), newest start first."""
    placements = placement_list(user=user)
    if kind:
        placements = placements.filter(kind=kind)
    if channel:
        placements = placements.filter(channel=channel)
    if programme is not None:
        placements = placements.filter(enrolment__training_class__programme=programme)
    if kelurahan is not None:
        placements = placements.filter(person__domicile_kelurahan=kelurahan)
    if starts_from is not None:
        placements = placements.filter(starts_on__gte=starts_from)
    if starts_until is not None:
        placements = placements.filter(starts_on__lte=starts_until)
    return placements.order_by("-starts_on", "-pk")


def placements_of_user(*, user: User) -> QuerySet[Placement]:
    """Return the placements of the graduate signed in as `user`, newest start first."""
    return placement_list(user=user).filter(person__user=user).order_by("-starts_on", "-pk")


def placements_of_person(*, person: Person, user: User) -> QuerySet[Placement]:
    """Return `person`'s placements that `user` may see, newest start first."""
    return placement_list(user=user).filter(person=person).order_by("-starts_on", "-pk")


@dataclass(frozen=True)
class PlacementCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class PlacementCounts:
    """Graduates channelled: in all, and into each kind of placement (a graduate with a job
    and a business counts once in all and once in each)."""

    total: int
    by_kind: list[PlacementCount]


def placement_counts(*, user: object, for_aggregates: bool = False) -> PlacementCounts:
    """Return how many graduates `user`'s area channelled, in all and by kind (one query)."""
    placements = scope_to_user(Placement.objects.all(), user, for_aggregates=for_aggregates)
    graduates = Count("person", distinct=True)
    counts = placements.aggregate(
        total=graduates,
        **{
            f"kind_{kind.value}": Count("person", distinct=True, filter=Q(kind=kind.value))
            for kind in PlacementKind
        },
    )
    return PlacementCounts(
        total=counts["total"],
        by_kind=[
            PlacementCount(
                kind=kind.value, label=str(kind.label), count=counts[f"kind_{kind.value}"]
            )
            for kind in PlacementKind
        ],
    )


def graduate_search(*, user: object, text: str) -> list[Enrolment]:
    """Return the graduates `user` may see whose name or phone `text` finds, each of their
    completed trainings a row, best match first."""
    graduates = graduate_list(user=user)
    people = scope_to_user(
        Person.objects.filter(pk__in=graduates.values("person_id")), user
    ).select_related("domicile_kelurahan")
    found = person_search(people=people, text=text).people
    rank = {person.pk: position for position, person in enumerate(found)}
    enrolments = graduates.filter(person__in=list(rank)).order_by("-left_on", "pk")
    return sorted(enrolments, key=lambda enrolment: rank[enrolment.person_id])
