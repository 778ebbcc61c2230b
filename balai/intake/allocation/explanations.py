"""Why an applicant got the seat they got: for every choice ranked higher, the offering was
full and the lowest priority it admitted was better than theirs there. Only that cut-off is
shown, never another person's data."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from balai.intake.allocation.audit import lottery_number_shown
from balai.intake.allocation.runs import ELSEWHERE, MAXIMUM_POINTS, SAME_KECAMATAN, SAME_KELURAHAN
from balai.intake.models import (
    AllocationCutoff,
    AllocationPlacement,
    AllocationRun,
    Application,
)

TIER_LABELS = {
    SAME_KELURAHAN: _("resident of the kelurahan"),
    SAME_KECAMATAN: _("resident of the kecamatan"),
    ELSEWHERE: _("resident of another kecamatan"),
}


@dataclass(frozen=True)
class Priority:
    """A priority as people read it: tier first, then points, then the lottery number."""

    tier: int
    points: int
    lottery: int

    def __str__(self) -> str:
        return str(
            _("%(tier)s, %(points)s points, lottery number %(lottery)s")
            % {
                "tier": TIER_LABELS[self.tier],
                "points": self.points,
                "lottery": lottery_number_shown(self.lottery),
            }
        )


@dataclass(frozen=True)
class ChoiceExplanation:
    rank: int
    offering_label: str
    placed_here: bool
    cancelled: bool  # too few applicants for the programme's minimum class
    cutoff: Priority | None  # the lowest admitted, for a choice above the placement
    yours: Priority


def decode_key(key: int, applicants: int) -> Priority:
    """Return the parts of a priority key made by `priority_keys` for a run of `applicants`."""
    tier_and_points, lottery = divmod(key, applicants)
    tier, points_rank = divmod(tier_and_points, MAXIMUM_POINTS + 1)
    return Priority(tier=tier, points=MAXIMUM_POINTS - points_rank, lottery=lottery)


def allocation_explanation(
    *, run: AllocationRun, application: Application
) -> list[ChoiceExplanation]:
    """Return, choice by choice down to the placement, what decided it."""
    placement = AllocationPlacement.objects.get(run=run, application=application)
    cutoffs = {cutoff.offering_id: cutoff for cutoff in AllocationCutoff.objects.filter(run=run)}
    home = application.person.domicile_kelurahan
    explanations = []
    for choice in application.choices.select_related(
        "offering__programme", "offering__kelurahan"
    ).order_by("rank"):
        offering = choice.offering
        tier = (
            SAME_KELURAHAN
            if offering.kelurahan_id == home.code
            else SAME_KECAMATAN
            if offering.kelurahan.kecamatan_id == home.kecamatan_id
            else ELSEWHERE
        )
        yours = Priority(
            tier=tier, points=application.priority_points, lottery=placement.lottery_number
        )
        placed_here = placement.offering_id == offering.pk
        cutoff = cutoffs[offering.pk]
        explanations.append(
            ChoiceExplanation(
                rank=choice.rank,
                offering_label=str(offering),
                placed_here=placed_here,
                cancelled=cutoff.cancelled,
                cutoff=(
                    decode_key(cutoff.lowest_key, run.applicants)
                    if not placed_here and cutoff.lowest_key is not None
                    else None
                ),
                yours=yours,
            )
        )
        if placed_here:
            break
    return explanations
