"""What an applicant sees of a published allocation: their offers, why a higher choice was
not theirs, and where they stand on the waitlists. Nobody else's data is shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from balai.intake.allocation.explanations import ChoiceExplanation, allocation_explanation
from balai.intake.models import (
    AllocationPlacement,
    AllocationRun,
    AllocationRunStatus,
    Application,
    ApplicationStatus,
    Offer,
    WaitlistEntry,
)


@dataclass(frozen=True)
class WaitlistPlace:
    choice_rank: int
    offering_label: str
    position: int  # 1: the next seat freed there is offered to this applicant


@dataclass(frozen=True)
class AllocationOutcome:
    run: AllocationRun
    explanation: list[ChoiceExplanation]
    offers: list[Offer]
    waitlist: list[WaitlistPlace]


def published_run(*, batch_id: int) -> AllocationRun | None:
    return AllocationRun.objects.filter(
        batch_id=batch_id, status=AllocationRunStatus.PUBLISHED
    ).first()


def allocation_outcome(*, application: Application) -> AllocationOutcome | None:
    """The published result for `application`, or None before publication (or if the
    application was not in the run)."""
    run = published_run(batch_id=application.batch_id)
    if (
        run is None
        or not AllocationPlacement.objects.filter(run=run, application=application).exists()
    ):
        return None
    return AllocationOutcome(
        run=run,
        explanation=allocation_explanation(run=run, application=application),
        offers=list(_offers(application)),
        waitlist=waitlist_places(application=application),
    )


def _offers(application: Application) -> QuerySet[Offer]:
    return Offer.objects.filter(application=application).select_related(
        "offering__programme", "offering__kelurahan", "offering__venue"
    )


def waitlist_places(*, application: Application) -> list[WaitlistPlace]:
    """The applicant's position on each waitlist they are on: one more than the applications
    still waiting there with a better priority."""
    places = []
    for entry in (
        WaitlistEntry.objects.filter(application=application)
        .select_related("offering__programme", "offering__kelurahan")
        .order_by("choice_rank")
    ):
        ahead = (
            WaitlistEntry.objects.filter(
                offering_id=entry.offering_id, priority_key__lt=entry.priority_key
            )
            .exclude(application__status=ApplicationStatus.WITHDRAWN)
            .count()
        )
        places.append(
            WaitlistPlace(
                choice_rank=entry.choice_rank,
                offering_label=str(entry.offering),
                position=ahead + 1,
            )
        )
    return places
