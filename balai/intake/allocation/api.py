"""Allocation over the API: runs and their results for admins, and one's own offers (with
the same explanation as the page) for applicants. The same functions as the screens."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import PAGE_PARAMETER, ErrorOut, InputSchema, JobStarted
from balai.core.access import ADMIN_ONLY, register_route_access, request_user, roles
from balai.core.scoping import scoped_get
from balai.intake.allocation.audit import offering_rows, placement_rows
from balai.intake.allocation.jobs import (
    allocation_publish_start,
    allocation_run_start,
    seed_draw,
)
from balai.intake.allocation.offers import offer_accept, offer_decline
from balai.intake.allocation.outcome import allocation_outcome
from balai.intake.allocation.summary import run_summary
from balai.intake.models import AllocationPlacement, AllocationRun, Batch, Offer
from balai.intake.selectors import application_list, offer_list

router = Router(tags=["allocation"], auth=SIGNED_IN_AUTH)

PAGE_SIZE = 500


class RunIn(InputSchema):
    batch_code: str
    seed: int | None = Field(None, description="The lottery seed; drawn at random if absent.")


class AllocationRunOut(Schema):
    id: int
    batch_code: str
    status: str
    seed: int
    input_hash: str
    code_version: str
    applicants: int
    placed: int
    rounds: int
    seconds: float
    created_at: datetime.datetime
    published_at: datetime.datetime | None


class ChoiceCount(Schema):
    rank: int
    count: int


class GroupOut(Schema):
    label: str
    applicants: int
    placed: int


class SeatsOut(Schema):
    label: str
    seats: int
    filled: int


class AllocationRunSummaryOut(AllocationRunOut):
    unplaced: int
    cancelled_offerings: int
    by_choice: list[ChoiceCount]
    by_priority_group: list[GroupOut]
    by_kelurahan: list[SeatsOut]
    by_programme: list[SeatsOut]


class RankedChoiceOut(Schema):
    rank: int
    offering_id: int
    tier: int = Field(
        description="1 resident of the offering's kelurahan, 2 of its kecamatan, 3 elsewhere."
    )


class PlacementOut(Schema):
    """One application in the run; the workbook's audit sheet has the same fields."""

    application_id: uuid.UUID
    kelurahan_code: str = Field(description="Kemendagri code of the home kelurahan.")
    kelurahan_name: str
    kecamatan_code: str = Field(description="Kemendagri code of the home kecamatan.")
    kecamatan_name: str
    priority_points: int
    lottery_number: int = Field(description="1 drawn first; lower goes first among equals.")
    choices: list[RankedChoiceOut]
    offering_id: int | None = Field(description="The offering placed in; null: not placed.")
    choice_rank: int | None
    class_number: int | None


class PlacementPage(Schema):
    items: list[PlacementOut]
    count: int


class OfferingOut(Schema):
    offering_id: int
    programme_name: str
    kelurahan_code: str
    kelurahan_name: str
    kecamatan_code: str
    kecamatan_name: str
    seats: int
    placed: int
    full: bool
    cancelled: bool = Field(description="Not held: too few applicants for a class.")


def run_out(run: AllocationRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "batch_code": run.batch.code,
        "status": run.status,
        "seed": run.seed,
        "input_hash": run.input_hash,
        "code_version": run.code_version,
        "applicants": run.applicants,
        "placed": run.placed,
        "rounds": run.rounds,
        "seconds": run.seconds,
        "created_at": run.created_at,
        "published_at": run.published_at,
    }


def _runs() -> QuerySet[AllocationRun]:
    return AllocationRun.objects.select_related("batch")


@router.get(
    "/runs",
    response={200: list[AllocationRunOut], 401: ErrorOut, 403: ErrorOut},
    url_name="allocation_runs",
)
def allocation_runs(request: HttpRequest, batch_code: str) -> list[dict[str, Any]]:
    """A batch's allocation runs, newest first."""
    return [run_out(run) for run in _runs().filter(batch__code=batch_code)]


@router.post(
    "/runs",
    response={202: JobStarted, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="allocation_run_create",
)
def allocation_run_create(request: HttpRequest, payload: RunIn) -> Status[JobStarted]:
    """Start a dry run of a closed batch's allocation, as a job."""
    batch = get_object_or_404(Batch, code=payload.batch_code)
    seed = seed_draw() if payload.seed is None else payload.seed
    job = allocation_run_start(batch=batch, seed=seed, created_by=request_user(request))
    return Status(202, JobStarted(job_id=job.id))


@router.get(
    "/runs/{int:run_id}",
    response={200: AllocationRunSummaryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="allocation_run_detail",
)
def allocation_run_detail(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """A run with its summary: choices got, priority groups, seats filled."""
    run = get_object_or_404(_runs(), pk=run_id)
    summary = run_summary(run=run)
    return {
        **run_out(run),
        "unplaced": summary.unplaced,
        "cancelled_offerings": summary.cancelled_offerings,
        "by_choice": [{"rank": rank, "count": count} for rank, count, _ in summary.by_choice],
        "by_priority_group": [
            {"label": share.label, "applicants": share.count, "placed": share.placed}
            for share in summary.by_priority_group
        ],
        "by_kelurahan": [vars(row) for row in summary.by_kelurahan],
        "by_programme": [vars(row) for row in summary.by_programme],
    }


@router.get(
    "/runs/{int:run_id}/placements",
    response={200: PlacementPage, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="allocation_run_placements",
)
def allocation_run_placements(
    request: HttpRequest, run_id: int, page: int = PAGE_PARAMETER
) -> dict[str, Any]:
    """Every application in the run, 500 a page, by application: home, ranked choices with
    the tier at each, points, lottery number (1 drawn first) and placement (none: null)."""
    run = get_object_or_404(AllocationRun, pk=run_id)
    start = (max(page, 1) - 1) * PAGE_SIZE
    return {
        "items": [
            asdict(row) for row in placement_rows(run=run, start=start, stop=start + PAGE_SIZE)
        ],
        "count": AllocationPlacement.objects.filter(run=run).count(),
    }


@router.get(
    "/runs/{int:run_id}/offerings",
    response={200: list[OfferingOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="allocation_run_offerings",
)
def allocation_run_offerings(request: HttpRequest, run_id: int) -> list[dict[str, Any]]:
    """Every offering of the run's batch: its seats, how many the run placed there, and
    whether it was full or cancelled; with the placements, enough to re-check the run."""
    run = get_object_or_404(AllocationRun, pk=run_id)
    return [asdict(row) for row in offering_rows(run=run)]


@router.post(
    "/runs/{int:run_id}/publish",
    response={202: JobStarted, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="allocation_run_publish",
)
def allocation_run_publish(request: HttpRequest, run_id: int) -> Status[JobStarted]:
    """Publish the run as offers and waitlists, as a job; a batch publishes once."""
    run = get_object_or_404(AllocationRun, pk=run_id)
    job = allocation_publish_start(run=run, created_by=request_user(request))
    return Status(202, JobStarted(job_id=job.id))


class OfferOut(Schema):
    id: uuid.UUID
    choice_rank: int
    offering_id: int
    offering: str
    class_number: int
    status: str
    status_label: str
    deadline: datetime.datetime
    from_waitlist: bool


class ExplanationOut(Schema):
    rank: int
    offering: str
    placed_here: bool
    cancelled: bool
    lowest_admitted: str | None
    yours: str


class WaitlistOut(Schema):
    choice_rank: int
    offering: str
    position: int


class OutcomeOut(Schema):
    application_id: uuid.UUID
    batch_code: str
    lottery_seed: int
    offers: list[OfferOut]
    explanation: list[ExplanationOut]
    waitlist: list[WaitlistOut]


def offer_out(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.public_id,
        "choice_rank": offer.choice_rank,
        "offering_id": offer.offering_id,
        "offering": str(offer.offering),
        "class_number": offer.class_number,
        "status": offer.status,
        "status_label": str(offer.get_status_display()),
        "deadline": offer.deadline,
        "from_waitlist": offer.from_waitlist,
    }


@router.get(
    "/mine",
    response={200: list[OutcomeOut], 401: ErrorOut, 403: ErrorOut},
    url_name="allocation_mine",
)
def allocation_mine(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's published results: offers, why each higher choice was not theirs (with
    the lowest priority admitted there), and their waitlist places."""
    user = request_user(request)
    results = []
    for application in application_list(user=user).filter(person__user=user):
        outcome = allocation_outcome(application=application)
        if outcome is None:
            continue
        results.append(
            {
                "application_id": application.public_id,
                "batch_code": application.batch.code,
                "lottery_seed": outcome.run.seed,
                "offers": [offer_out(offer) for offer in outcome.offers],
                "explanation": [
                    {
                        "rank": choice.rank,
                        "offering": choice.offering_label,
                        "placed_here": choice.placed_here,
                        "cancelled": choice.cancelled,
                        "lowest_admitted": str(choice.cutoff) if choice.cutoff else None,
                        "yours": str(choice.yours),
                    }
                    for choice in outcome.explanation
                ],
                "waitlist": [
                    {
                        "choice_rank": place.choice_rank,
                        "offering": place.offering_label,
                        "position": place.position,
                    }
                    for place in outcome.waitlist
                ],
            }
        )
    return results


def _own_offer(request: HttpRequest, offer_id: uuid.UUID) -> Offer:
    user = request_user(request)
    return scoped_get(
        offer_list(user=user).filter(application__person__user=user), user, public_id=offer_id
    )


@router.post(
    "/offers/{uuid:offer_id}/accept",
    response={200: OfferOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="offer_accept",
)
def offer_accept_endpoint(request: HttpRequest, offer_id: uuid.UUID) -> dict[str, Any]:
    """Accept one's own offer before its deadline; a lower seat held is given up."""
    return offer_out(offer_accept(offer=_own_offer(request, offer_id)))


@router.post(
    "/offers/{uuid:offer_id}/decline",
    response={200: OfferOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="offer_decline",
)
def offer_decline_endpoint(request: HttpRequest, offer_id: uuid.UUID) -> dict[str, Any]:
    """Decline one's own offer (or give up an accepted seat); it goes to the waitlist."""
    return offer_out(offer_decline(offer=_own_offer(request, offer_id)))


register_route_access(
    "api-v1",
    {
        "allocation_runs": ADMIN_ONLY,
        "allocation_run_create": ADMIN_ONLY,
        "allocation_run_detail": ADMIN_ONLY,
        "allocation_run_placements": ADMIN_ONLY,
        "allocation_run_offerings": ADMIN_ONLY,
        "allocation_run_publish": ADMIN_ONLY,
        "allocation_mine": roles(Role.PARTICIPANT),
        "offer_accept": roles(Role.PARTICIPANT),
        "offer_decline": roles(Role.PARTICIPANT),
    },
)
