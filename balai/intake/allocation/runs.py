"""Running the allocation for a closed batch and keeping the run as a record.

Inputs are read in a fixed order (by id), the lottery is drawn from the run's seed, and the
input is hashed, so that anybody can re-run it and get the same placements.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.intake.allocation.deferred_acceptance import (
    UNPLACED,
    IntArray,
    deferred_acceptance,
    priority_keys,
)
from balai.intake.models import (
    AllocationCutoff,
    AllocationPlacement,
    AllocationRun,
    AllocationRunStatus,
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Batch,
    Offering,
)

ALGORITHM_VERSION = "da-stb-1"
SAME_KELURAHAN, SAME_KECAMATAN, ELSEWHERE = 0, 1, 2
MAXIMUM_POINTS = 1000


@dataclass(frozen=True)
class AllocationInput:
    application_ids: list[int]
    offering_ids: list[int]
    choices: IntArray
    priority: IntArray
    capacity: IntArray
    lottery: IntArray
    input_hash: str


def allocation_input(*, batch: Batch, seed: int) -> AllocationInput:
    """Read a closed batch's eligible applications as arrays, or say why it cannot run."""
    if batch.registration_closes_at > timezone.now():
        raise ApplicationError(
            _("Registration is still open; allocate after it closes."), code="batch_still_open"
        )
    applicants = list(
        Application.objects.filter(batch=batch, status=ApplicationStatus.ELIGIBLE)
        .order_by("id")
        .values_list(
            "id",
            "priority_points",
            "person__domicile_kelurahan_id",
            "person__domicile_kelurahan__kecamatan_id",
        )
    )
    if not applicants:
        raise ApplicationError(
            _("The batch has no eligible applications."), code="no_eligible_applications"
        )
    offerings = list(
        Offering.objects.filter(batch=batch)
        .order_by("id")
        .values_list("id", "seats", "kelurahan_id", "kelurahan__kecamatan_id")
    )
    empty = [offering_id for offering_id, seats, _k, _c in offerings if seats == 0]
    if empty:
        raise ApplicationError(
            _("%(count)s offerings have no seats; give them seats or remove them first.")
            % {"count": len(empty)},
            code="offering_no_seats",
        )
    return _arrays(batch, seed, applicants, offerings)


def _arrays(
    batch: Batch,
    seed: int,
    applicants: list[tuple[int, int, str, str]],
    offerings: list[tuple[int, int, str, str]],
) -> AllocationInput:
    applicant_index = {row[0]: index for index, row in enumerate(applicants)}
    offering_index = {row[0]: index for index, row in enumerate(offerings)}
    choices = np.full((len(applicants), batch.choice_count), -1, dtype=np.int64)
    tier = np.full(choices.shape, ELSEWHERE, dtype=np.int64)
    for application_id, rank, offering_id in ApplicationChoice.objects.filter(
        application_id__in=applicant_index
    ).values_list("application_id", "rank", "offering_id"):
        row, column = applicant_index[application_id], rank - 1
        choices[row, column] = offering_index[offering_id]
        _id, _points, kelurahan, kecamatan = applicants[row]
        _offering, _seats, offering_kelurahan, offering_kecamatan = offerings[
            offering_index[offering_id]
        ]
        tier[row, column] = (
            SAME_KELURAHAN
            if kelurahan == offering_kelurahan
            else SAME_KECAMATAN
            if kecamatan == offering_kecamatan
            else ELSEWHERE
        )
    points = np.array([row[1] for row in applicants], dtype=np.int64)
    lottery = np.random.default_rng(seed).permutation(len(applicants)).astype(np.int64)
    capacity = np.array([row[1] for row in offerings], dtype=np.int64)
    digest = hashlib.sha256()
    for part in (np.array([row[0] for row in applicants]), choices, tier, points, capacity):
        digest.update(np.ascontiguousarray(part, dtype=np.int64).tobytes())
    return AllocationInput(
        application_ids=[row[0] for row in applicants],
        offering_ids=[row[0] for row in offerings],
        choices=choices,
        priority=priority_keys(
            tier=tier, points=points, lottery=lottery, maximum_points=MAXIMUM_POINTS
        ),
        capacity=capacity,
        lottery=lottery,
        input_hash=digest.hexdigest(),
    )


@transaction.atomic
def allocation_run(*, batch: Batch, seed: int, created_by: User | None) -> AllocationRun:
    """Allocate the batch's seats (a dry run until published) and keep the run as a record."""
    data = allocation_input(batch=batch, seed=seed)
    started = time.perf_counter()
    result = deferred_acceptance(
        choices=data.choices, priority=data.priority, capacity=data.capacity
    )
    seconds = time.perf_counter() - started
    run = AllocationRun.objects.create(
        batch=batch,
        seed=seed,
        input_hash=data.input_hash,
        code_version=ALGORITHM_VERSION,
        applicants=len(data.application_ids),
        placed=int((result.offering != UNPLACED).sum()),
        rounds=result.rounds,
        seconds=seconds,
        created_by=created_by,
    )
    _store(run, data, result.offering, result.rank)
    return run


def _store(run: AllocationRun, data: AllocationInput, offering: IntArray, rank: IntArray) -> None:
    AllocationPlacement.objects.bulk_create(
        [
            AllocationPlacement(
                run=run,
                application_id=application_id,
                offering_id=data.offering_ids[offering[row]] if offering[row] != UNPLACED else None,
                choice_rank=int(rank[row]) + 1 if offering[row] != UNPLACED else None,
                lottery_number=int(data.lottery[row]),
            )
            for row, application_id in enumerate(data.application_ids)
        ],
        batch_size=1000,
    )
    counts = np.bincount(offering[offering != UNPLACED], minlength=len(data.offering_ids))
    lowest = np.full(len(data.offering_ids), -1, dtype=np.int64)
    for row in np.flatnonzero(offering != UNPLACED).tolist():
        lowest[offering[row]] = max(lowest[offering[row]], data.priority[row, rank[row]])
    AllocationCutoff.objects.bulk_create(
        [
            AllocationCutoff(
                run=run,
                offering_id=offering_id,
                is_full=bool(counts[index] >= data.capacity[index]),
                lowest_key=int(lowest[index]) if lowest[index] >= 0 else None,
            )
            for index, offering_id in enumerate(data.offering_ids)
        ],
        batch_size=1000,
    )


@transaction.atomic
def allocation_publish(*, run: AllocationRun) -> AllocationRun:
    """Publish `run` as the batch's result; a batch publishes once."""
    batch = Batch.objects.select_for_update().get(pk=run.batch_id)
    if AllocationRun.objects.filter(batch=batch, status=AllocationRunStatus.PUBLISHED).exists():
        raise ApplicationError(
            _("This batch's allocation is already published."), code="already_published"
        )
    run.status = AllocationRunStatus.PUBLISHED
    run.save(update_fields=["status"])
    return run
