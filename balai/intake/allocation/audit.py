"""A run's result as an auditor re-checks it: every application with its home kelurahan and
kecamatan, its ranked choices with its tier at each, its points and lottery number, and where
it was placed (or not); and every offering with its seats. The API and the workbook both read
these rows, so their fields have the same names and the same numbers.

Numbers are shown from 1, and the lower goes first: tier 1 is a resident of the offering's
kelurahan, 2 of its kecamatan, 3 of elsewhere; lottery number 1 was drawn first. (The run
keeps both from 0, as positions in its arrays.)"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from balai.intake.allocation.runs import ELSEWHERE, SAME_KECAMATAN, SAME_KELURAHAN
from balai.intake.models import (
    AllocationCutoff,
    AllocationPlacement,
    AllocationRun,
    ApplicationChoice,
    Offering,
)

CHUNK = 2000


def tier_shown(tier: int) -> int:
    """A tier as people and the API read it: 1 (same kelurahan) to 3 (elsewhere)."""
    return tier + 1


def lottery_number_shown(lottery: int) -> int:
    """A lottery number as people and the API read it: 1 is the first drawn."""
    return lottery + 1


@dataclass(frozen=True)
class RankedChoice:
    rank: int
    offering_id: int
    tier: int  # shown: 1 to 3


@dataclass(frozen=True)
class PlacementRow:
    """One application in a run: who (pseudonymously), from where, what they asked for, with
    what priority, and what they got."""

    application_id: uuid.UUID
    kelurahan_code: str
    kelurahan_name: str
    kecamatan_code: str
    kecamatan_name: str
    priority_points: int
    lottery_number: int  # shown: 1 is the first drawn
    choices: list[RankedChoice]
    offering_id: int | None  # None: not placed
    choice_rank: int | None
    class_number: int | None


@dataclass(frozen=True)
class OfferingRow:
    offering_id: int
    programme_name: str
    kelurahan_code: str
    kelurahan_name: str
    kecamatan_code: str
    kecamatan_name: str
    seats: int
    placed: int
    full: bool
    cancelled: bool  # too few applicants for the programme's minimum class: not held


# Each field, in the order of the workbook's columns, and what it means (the API's docs too).
PLACEMENT_FIELDS = {
    "application_id": _("The application's public id."),
    "kelurahan_code": _("Kemendagri code of the applicant's kelurahan of domicile."),
    "kelurahan_name": _("Name of the applicant's kelurahan of domicile."),
    "kecamatan_code": _("Kemendagri code of the applicant's kecamatan of domicile."),
    "kecamatan_name": _("Name of the applicant's kecamatan of domicile."),
    "priority_points": _("Priority points (more go first within a tier)."),
    "lottery_number": _("Lottery number, 1 drawn first (lower goes first among equals)."),
    "choices": _(
        "Ranked choices: rank, offering id and tier there (1 resident of the offering's "
        "kelurahan, 2 of its kecamatan, 3 elsewhere; lower goes first). In the workbook: "
        "choice_<rank>_offering_id and choice_<rank>_tier."
    ),
    "offering_id": _("The offering placed in; empty if not placed."),
    "choice_rank": _("The rank of the choice placed in; empty if not placed."),
    "class_number": _("The class (rombel) of the offering; empty if not placed."),
}
OFFERING_FIELDS = {
    "offering_id": _("The offering's id, as in the choices."),
    "programme_name": _("The programme."),
    "kelurahan_code": _("Kemendagri code of the kelurahan where it is held."),
    "kelurahan_name": _("Name of the kelurahan where it is held."),
    "kecamatan_code": _("Kemendagri code of its kecamatan."),
    "kecamatan_name": _("Name of its kecamatan."),
    "seats": _("Seats offered."),
    "placed": _("Applicants placed in it by this run."),
    "full": _("Whether every seat was filled."),
    "cancelled": _("Not held: fewer applicants than the programme's minimum class."),
}


def _offering_places(run: AllocationRun) -> dict[int, tuple[str, str]]:
    return {
        offering_id: (kelurahan, kecamatan)
        for offering_id, kelurahan, kecamatan in Offering.objects.filter(
            batch_id=run.batch_id
        ).values_list("id", "kelurahan_id", "kelurahan__kecamatan_id")
    }


def placement_rows(
    *, run: AllocationRun, start: int = 0, stop: int | None = None
) -> Iterator[PlacementRow]:
    """The run's applications from `start` to `stop`, by application: two queries a
    thousand, so a city-wide run streams."""
    places = _offering_places(run)
    placements = (
        AllocationPlacement.objects.filter(run=run)
        .order_by("application_id")
        .values_list(
            "application_id",
            "application__public_id",
            *_domicile("domicile_kelurahan"),
            *_domicile("application__person__domicile_kelurahan"),
            "application__priority_points",
            "lottery_number",
            "offering_id",
            "choice_rank",
            "class_number",
        )[start:stop]
    )
    chunk: list[tuple[Any, ...]] = []
    for row in placements.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _placement_rows(chunk, places)
            chunk = []
    yield from _placement_rows(chunk, places)


def _placement_rows(
    chunk: list[tuple[Any, ...]], places: dict[int, tuple[str, str]]
) -> Iterator[PlacementRow]:
    choices: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for application_id, rank, offering_id in (
        ApplicationChoice.objects.filter(application_id__in=[row[0] for row in chunk])
        .order_by("application_id", "rank")
        .values_list("application_id", "rank", "offering_id")
    ):
        choices[application_id].append((rank, offering_id))
    for row in chunk:
        pk, public_id = row[:2]
        # Runs made before the domicile was kept with the placement show today's domicile.
        kept, today = row[2:6], row[6:10]
        kelurahan, kelurahan_name, kecamatan, kecamatan_name = kept if kept[0] else today
        points, lottery, offering_id, choice_rank, class_number = row[10:]
        yield PlacementRow(
            application_id=public_id,
            kelurahan_code=kelurahan,
            kelurahan_name=kelurahan_name,
            kecamatan_code=kecamatan,
            kecamatan_name=kecamatan_name,
            priority_points=points,
            lottery_number=lottery_number_shown(lottery),
            choices=[
                RankedChoice(
                    rank, offering, tier_shown(_tier(places[offering], kelurahan, kecamatan))
                )
                for rank, offering in choices[pk]
            ],
            offering_id=offering_id,
            choice_rank=choice_rank,
            class_number=class_number,
        )


def _domicile(kelurahan: str) -> tuple[str, str, str, str]:
    """The fields naming a kelurahan of domicile and its kecamatan, by code and name."""
    return (
        f"{kelurahan}_id",
        f"{kelurahan}__name",
        f"{kelurahan}__kecamatan_id",
        f"{kelurahan}__kecamatan__name",
    )


def _tier(place: tuple[str, str], kelurahan: str, kecamatan: str) -> int:
    """The applicant's tier at an offering, as the run worked it out (see runs._arrays)."""
    offering_kelurahan, offering_kecamatan = place
    if kelurahan == offering_kelurahan:
        return SAME_KELURAHAN
    return SAME_KECAMATAN if kecamatan == offering_kecamatan else ELSEWHERE


def offering_rows(*, run: AllocationRun) -> list[OfferingRow]:
    """Every offering of the run's batch, with its seats and what the run did with them."""
    cutoffs = {cutoff.offering_id: cutoff for cutoff in AllocationCutoff.objects.filter(run=run)}
    offerings = (
        Offering.objects.filter(batch_id=run.batch_id)
        .select_related("programme", "kelurahan__kecamatan")
        .order_by("id")
    )
    placed = dict(
        AllocationPlacement.objects.filter(run=run, offering__isnull=False)
        .values_list("offering_id")
        .annotate(count=Count("id"))
        .values_list("offering_id", "count")
    )
    return [
        OfferingRow(
            offering_id=offering.pk,
            programme_name=offering.programme.name,
            kelurahan_code=offering.kelurahan_id,
            kelurahan_name=offering.kelurahan.name,
            kecamatan_code=offering.kelurahan.kecamatan_id,
            kecamatan_name=offering.kelurahan.kecamatan.name,
            seats=offering.seats,
            placed=placed.get(offering.pk, 0),
            full=offering.pk in cutoffs and cutoffs[offering.pk].is_full,
            cancelled=offering.pk in cutoffs and cutoffs[offering.pk].cancelled,
        )
        for offering in offerings
    ]
