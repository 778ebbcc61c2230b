"""Allocation runs and publishing as jobs, so that a city-wide batch does not hold a web
request; the checks a person can act on at once are made before the job is queued."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job
from balai.core.request_context import current_request_context
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import AllocationRun, AllocationRunStatus, Batch

RUN_JOB = "allocation_run"
PUBLISH_JOB = "allocation_publish"
MAXIMUM_SEED = 2**31 - 1


def seed_draw() -> int:
    """A fresh lottery seed, to be published with the run."""
    return secrets.randbelow(MAXIMUM_SEED) + 1


def allocation_run_start(*, batch: Batch, seed: int, created_by: User | None) -> Job:
    """Queue a (dry) run of `batch`'s allocation with lottery `seed`."""
    if batch.registration_closes_at > timezone.now():
        raise ApplicationError(
            _("Registration is still open; allocate after it closes."), code="batch_still_open"
        )
    if not 0 <= seed <= MAXIMUM_SEED:
        raise ApplicationError(
            _("The seed must be a whole number from 0 to %(maximum)s.") % {"maximum": MAXIMUM_SEED},
            code="invalid_seed",
        )
    return job_start(
        kind=RUN_JOB,
        label=batch.name,
        parameters={"batch_id": batch.pk, "seed": seed},
        created_by=created_by,
    )


def allocation_publish_start(*, run: AllocationRun, created_by: User | None) -> Job:
    """Queue the publication of `run`."""
    if AllocationRun.objects.filter(
        batch_id=run.batch_id, status=AllocationRunStatus.PUBLISHED
    ).exists():
        raise ApplicationError(
            _("This batch's allocation is already published."), code="already_published"
        )
    return job_start(
        kind=PUBLISH_JOB,
        label=run.batch.name,
        parameters={"run_id": run.pk, "batch_id": run.batch_id},
        created_by=created_by,
    )


@job_kind(
    RUN_JOB,
    title=gettext_lazy("Allocation run"),
    results={
        "run": gettext_lazy("allocation run"),
        "placed": gettext_lazy("applicants placed"),
        "applicants": gettext_lazy("applicants"),
    },
)
def allocation_run_job(progress: ProgressReporter, *, batch_id: int, seed: int) -> dict[str, Any]:
    run = allocation_run(
        batch=Batch.objects.get(pk=batch_id),
        seed=seed,
        created_by=current_request_context().actor,
        progress=progress,
    )
    return {"run": run.pk, "placed": run.placed, "applicants": run.applicants}


@job_kind(
    PUBLISH_JOB,
    title=gettext_lazy("Allocation publication"),
    results={"run": gettext_lazy("allocation run"), "offers": gettext_lazy("offers made")},
)
def allocation_publish_job(
    progress: ProgressReporter, *, run_id: int, **_parameters: Any
) -> dict[str, Any]:
    run = allocation_publish(run=AllocationRun.objects.get(pk=run_id))
    progress(1, 1)
    return {"run": run.pk, "offers": run.offers.count()}
