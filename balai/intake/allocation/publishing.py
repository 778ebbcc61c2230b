"""Publishing a run: the batch's result becomes offers and waitlists, once per batch."""

from __future__ import annotations

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.intake.allocation.deferred_acceptance import UNPLACED, Allocation
from balai.intake.allocation.offers import offers_make
from balai.intake.allocation.runs import AllocationInput, allocation_input
from balai.intake.models import AllocationRun, AllocationRunStatus, Batch


@transaction.atomic
def allocation_publish(*, run: AllocationRun) -> AllocationRun:
    """Publish `run` as its batch's result: offers to the placed, waitlists for the rest.

    Refused if the batch already has a published run, or if the applications changed since
    the run (its input hash no longer matches), since the run would then not be what a re-run
    gives.
    """
    batch = Batch.objects.select_for_update().get(pk=run.batch_id)
    if AllocationRun.objects.filter(batch=batch, status=AllocationRunStatus.PUBLISHED).exists():
        raise ApplicationError(
            _("This batch's allocation is already published."), code="already_published"
        )
    data = allocation_input(batch=batch, seed=run.seed)
    if data.input_hash != run.input_hash:
        raise ApplicationError(
            _(
                "The applications have changed since this run; run the allocation again and "
                "publish the new run."
            ),
            code="input_changed",
        )
    run.status = AllocationRunStatus.PUBLISHED
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_at"])
    offers_make(run=run, data=data, result=_stored_result(run, data))
    return run


def _stored_result(run: AllocationRun, data: AllocationInput) -> Allocation:
    """The run's placements as the algorithm returned them (rows and columns of `data`)."""
    applicant_index = {
        application_id: row for row, application_id in enumerate(data.application_ids)
    }
    offering_index = {offering_id: column for column, offering_id in enumerate(data.offering_ids)}
    offering = np.full(len(data.application_ids), UNPLACED, dtype=np.int64)
    rank = np.full(len(data.application_ids), data.choices.shape[1], dtype=np.int64)
    for application_id, offering_id, choice_rank in run.placements.values_list(
        "application_id", "offering_id", "choice_rank"
    ):
        if offering_id is None or choice_rank is None:
            continue  # unplaced
        offering[applicant_index[application_id]] = offering_index[offering_id]
        rank[applicant_index[application_id]] = choice_rank - 1
    return Allocation(offering=offering, rank=rank, rounds=run.rounds)
