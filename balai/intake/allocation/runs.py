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
from numpy.typing import NDArray

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter
from balai.intake.allocation.deferred_acceptance import (
    UNPLACED,
    Allocation,
    IntArray,
    deferred_acceptance,
    priority_keys,
)
from balai.intake.models import (
    AllocationCutoff,
    AllocationPlacement,
    AllocationRun,
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
    # Each applicant's kelurahan of domicile as the run read it: their tiers follow from it,
    # and a later correction of the domicile must not rewrite what the run was given.
    domicile_kelurahan_ids: list[str]
    offering_ids: list[int]
    choices: IntArray
    priority: IntArray
    capacity: IntArray
    minimum_class: IntArray
    class_size: IntArray
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
        .values_list(
            "id",
            "seats",
            "kelurahan_id",
            "kelurahan__kecamatan_id",
            "programme__minimum_class_size",
            "programme__class_size",
        )
    )
    empty = [row[0] for row in offerings if row[1] == 0]
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
    offerings: list[tuple[int, int, str, str, int, int]],
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
        _offering, _seats, offering_kelurahan, offering_kecamatan, *_sizes = offerings[
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
    minimum_class = np.array([row[4] for row in offerings], dtype=np.int64)
    class_size = np.array([row[5] for row in offerings], dtype=np.int64)
    digest = hashlib.sha256()
    for part in (np.array([row[0] for row in applicants]), choices, tier, points, capacity):
        digest.update(np.ascontiguousarray(part, dtype=np.int64).tobytes())
    return AllocationInput(
        application_ids=[row[0] for row in applicants],
        domicile_kelurahan_ids=[row[2] for row in applicants],
        offering_ids=[row[0] for row in offerings],
        choices=choices,
        priority=priority_keys(
            tier=tier, points=points, lottery=lottery, maximum_points=MAXIMUM_POINTS
        ),
        capacity=capacity,
        minimum_class=minimum_class,
        class_size=class_size,
        lottery=lottery,
        input_hash=digest.hexdigest(),
    )


@transaction.atomic
def allocation_run(
    *,
    batch: Batch,
    seed: int,
    created_by: User | None,
    progress: ProgressReporter | None = None,
) -> AllocationRun:
    """Allocate the batch's seats (a dry run until published) and keep the run as a record."""
    report = progress or (lambda done, total, message="": None)
    report(0, 3, _("Reading the applications"))
    data = allocation_input(batch=batch, seed=seed)
    report(1, 3, _("Allocating %(count)s applicants") % {"count": len(data.application_ids)})
    started = time.perf_counter()
    result, cancelled = _allocate_with_class_minimums(data)
    seconds = time.perf_counter() - started
    report(2, 3, _("Saving the placements"))
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
    _store(run, data, result, cancelled)
    report(3, 3, _("Done"))
    return run


def _allocate_with_class_minimums(data: AllocationInput) -> tuple[Allocation, NDArray[np.bool_]]:
    """Allocate; while some running offering is below its programme's minimum class, cancel
    the emptiest of them and allocate again, its applicants moving to their next choices.
    Offerings that too few applicants listed at all are cancelled before the first round.

    One at a time, because the applicants of a cancelled offering may lift another above its
    minimum. Cancelling only takes seats away, so a running offering never loses applicants
    and the loop ends.
    """
    capacity = data.capacity.copy()
    # An offering fewer applicants listed than its minimum class can never run.
    listed = data.choices[data.choices >= 0]
    demand = np.bincount(listed, minlength=capacity.size)
    capacity[demand < data.minimum_class] = 0
    while True:
        result = deferred_acceptance(
            choices=data.choices, priority=data.priority, capacity=capacity
        )
        counts = np.bincount(result.offering[result.offering != UNPLACED], minlength=capacity.size)
        below = np.flatnonzero((counts > 0) & (counts < data.minimum_class))
        if below.size == 0:
            return result, counts < data.minimum_class
        capacity[below[np.argmin(counts[below])]] = 0


def _store(
    run: AllocationRun, data: AllocationInput, result: Allocation, cancelled: NDArray[np.bool_]
) -> None:
    offering, rank = result.offering, result.rank
    classes = _class_numbers(data, offering, rank)
    AllocationPlacement.objects.bulk_create(
        [
            AllocationPlacement(
                run=run,
                application_id=application_id,
                domicile_kelurahan_id=data.domicile_kelurahan_ids[row],
                offering_id=data.offering_ids[offering[row]] if offering[row] != UNPLACED else None,
                choice_rank=int(rank[row]) + 1 if offering[row] != UNPLACED else None,
                class_number=int(classes[row]) if offering[row] != UNPLACED else None,
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
                cancelled=bool(cancelled[index]),
                lowest_key=int(lowest[index]) if lowest[index] >= 0 else None,
            )
            for index, offering_id in enumerate(data.offering_ids)
        ],
        batch_size=1000,
    )


def _class_numbers(data: AllocationInput, offering: IntArray, rank: IntArray) -> IntArray:
    """Split each offering's applicants into classes (rombel) of at most the programme's class
    size, dealt out in priority order so that the classes come out the same size."""
    classes = np.zeros(offering.size, dtype=np.int64)
    placed = np.flatnonzero(offering != UNPLACED)
    keys = data.priority[placed, rank[placed]]
    order = placed[np.lexsort((keys, offering[placed]))]
    for place in np.unique(offering[placed]).tolist():
        members = order[offering[order] == place]
        count = -(-members.size // int(data.class_size[place]))  # ceiling division
        classes[members] = np.arange(members.size) % count + 1
    return classes
