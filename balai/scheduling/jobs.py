"""Solving a timetable as a job with progress (the best plan's cost so far)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job
from balai.core.request_context import current_request_context
from balai.intake.models import Batch
from balai.scheduling.problem import Weights
from balai.scheduling.services import schedule_solve

SOLVE_JOB = "schedule_solve"


def schedule_solve_start(
    *, batch: Batch, time_limit: float, created_by: User | None, weights: Weights | None = None
) -> Job:
    return job_start(
        kind=SOLVE_JOB,
        label=batch.name,
        parameters={
            "batch_id": batch.pk,
            "time_limit": time_limit,
            "weights": vars(weights or Weights()),
        },
        created_by=created_by,
    )


@job_kind(
    SOLVE_JOB,
    title=gettext_lazy("Timetable solve"),
    results={
        "run": gettext_lazy("schedule run"),
        "scheduled": gettext_lazy("classes scheduled"),
        "unscheduled": gettext_lazy("classes not scheduled"),
        "violations": gettext_lazy("rules broken"),
    },
)
def schedule_solve_job(
    progress: ProgressReporter,
    *,
    batch_id: int,
    time_limit: float,
    weights: dict[str, int] | None = None,
) -> dict[str, Any]:
    run = schedule_solve(
        batch=Batch.objects.get(pk=batch_id),
        created_by=current_request_context().actor,
        time_limit=time_limit,
        weights=Weights(**(weights or {})),
        progress=progress,
    )
    return {
        "run": run.pk,
        "scheduled": run.classes_scheduled,
        "unscheduled": run.classes_unscheduled,
        "violations": len(run.violations),
    }
