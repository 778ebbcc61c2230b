"""Long work as jobs: a registry of job kinds, the task that runs them, and their progress.

A job kind is a function `work(progress, **parameters) -> dict` registered with
`@job_kind("name")`. `job_start` records a Job and hands it to the task engine
(django-tasks: the database backend with `db_worker` processes in production, or the
immediate backend in-process); the same function runs from a management command with a
terminal progress bar through `job_run_here`.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django_tasks import task

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.logging import mask_identity_numbers
from balai.core.models import Job, JobStatus
from balai.core.request_context import acting_as

logger = logging.getLogger(__name__)


class ProgressReporter(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def stop_requested(progress: ProgressReporter) -> bool:
    """Whether the job behind `progress` has been asked to stop early (see `job_stop`)."""
    check = getattr(progress, "stop_requested", None)
    return bool(check()) if check is not None else False


def job_stop(*, job: Job) -> Job:
    """Ask a running job to stop early; work that can keeps its best result so far."""
    Job.objects.filter(id=job.id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        stop_requested=True
    )
    job.refresh_from_db()
    return job


JobWork = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    """A kind of job: the work it runs, what people call it, and what its results mean.

    `title` and `results` are lazy translations, rendered in the reader's language when the
    job is shown, not in whatever language was active when it was started.
    """

    work: JobWork
    title: Promise
    results: Mapping[str, Promise] = field(default_factory=dict)


_JOB_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str, *, title: Promise, results: Mapping[str, Promise] | None = None
) -> Callable[[JobWork], JobWork]:
    """Register `work` as the function that runs jobs of kind `name`, called `title`, whose
    result keys `results` names."""

    def register(work: JobWork) -> JobWork:
        _JOB_KINDS[name] = JobKind(work=work, title=title, results=dict(results or {}))
        return work

    return register


def job_kinds() -> dict[str, JobKind]:
    """Return every registered kind of job by name."""
    return dict(_JOB_KINDS)


def job_title(job: Job) -> str:
    """Return what people call `job`'s kind, in the active language."""
    kind = _JOB_KINDS.get(job.kind)
    return str(kind.title) if kind is not None else job.kind


def job_result_rows(job: Job) -> list[tuple[str, Any]]:
    """Return `job`'s result as (label in the active language, value) pairs."""
    kind = _JOB_KINDS.get(job.kind)
    names = kind.results if kind is not None else {}
    return [
        (capfirst(str(names[key])) if key in names else key, value)
        for key, value in (job.result or {}).items()
    ]


def job_start(
    *,
    kind: str,
    label: str,
    parameters: dict[str, Any],
    created_by: User | None,
    run_after: datetime | None = None,
) -> Job:
    """Record a job of `kind` and queue it; it starts once the current transaction commits,
    or not before `run_after` if given.

    A backend that cannot defer (the immediate one, in tests) runs it at once instead, so a
    deferred job must do nothing harmful when it runs early.
    """
    if kind not in _JOB_KINDS:
        raise ApplicationError(f"Unknown job kind {kind!r}.", code="unknown_job_kind")
    job = Job.objects.create(kind=kind, label=label, parameters=parameters, created_by=created_by)
    queued = job_task
    if run_after is not None and job_task.get_backend().supports_defer:
        queued = job_task.using(run_after=run_after)
    transaction.on_commit(lambda: queued.enqueue(job_id=str(job.id)))
    return job


def job_start_here(*, kind: str, label: str, parameters: dict[str, Any]) -> Job:
    """Record a job of `kind` that the caller runs itself, with `job_run_here`."""
    if kind not in _JOB_KINDS:
        raise ApplicationError(f"Unknown job kind {kind!r}.", code="unknown_job_kind")
    return Job.objects.create(kind=kind, label=label, parameters=parameters)


@task()
def job_task(job_id: str) -> None:
    """Run the job with id `job_id`; the task engine calls this in a worker."""
    job = Job.objects.select_related("created_by").get(id=job_id)
    job_run_here(job)


class _DatabaseProgress:
    """Saves progress to the job row, at most twice a second so that the work is not slowed."""

    def __init__(self, job: Job, echo: ProgressReporter | None) -> None:
        self.job = job
        self.echo = echo
        self.last_saved = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        percent = min(100, int(done * 100 / total)) if total else 100
        if self.echo is not None:
            self.echo(done, total, message)
        now = time.monotonic()
        if now - self.last_saved < 0.5 and percent < 100:
            return
        self.last_saved = now
        Job.objects.filter(id=self.job.id).update(progress=percent, message=message[:300])

    def stop_requested(self) -> bool:
        return Job.objects.filter(id=self.job.id, stop_requested=True).exists()


def job_run_here(job: Job, *, echo: ProgressReporter | None = None) -> Job:
    """Run `job` in this process, recording its progress, result or error on its row."""
    work = _JOB_KINDS[job.kind].work
    _set_status(job, JobStatus.RUNNING, started_at=timezone.now())
    try:
        with acting_as(job.created_by, channel="job"):
            result = work(_DatabaseProgress(job, echo), **job.parameters)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.id, job.kind)
        # A refusal is shown as it would be on a form; anything else as the exception says.
        error_text = mask_identity_numbers(
            str(error)
            if isinstance(error, ApplicationError)
            else "".join(traceback.format_exception_only(error))
        )
        _set_status(job, JobStatus.FAILED, finished_at=timezone.now(), error=error_text.strip())
        raise
    _set_status(job, JobStatus.SUCCEEDED, finished_at=timezone.now(), result=result, progress=100)
    return job


def _set_status(job: Job, status: JobStatus, **fields: Any) -> None:
    job.status = status
    for name, value in fields.items():
        setattr(job, name, value)
    Job.objects.filter(id=job.id).update(status=status, **fields)
