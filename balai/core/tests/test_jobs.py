from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.utils.functional import lazystr

from balai.accounts.models import Role, User
from balai.core.jobs import ProgressReporter, job_kind, job_run_here, job_start
from balai.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@job_kind("test_count", title=lazystr("Counting"), results={"counted": lazystr("counted")})
def count_to(progress: ProgressReporter, *, up_to: int) -> dict[str, Any]:
    for number in range(1, up_to + 1):
        progress(number, up_to, f"{number} of {up_to}")
    return {"counted": up_to}


@job_kind("test_fail", title=lazystr("Failing"))
def fail(progress: ProgressReporter) -> dict[str, Any]:
    progress(1, 2, "half way")
    raise RuntimeError("the disk is full for 3671015705900001")


def test_a_job_runs_on_the_task_engine_and_records_its_result(
    users_by_role: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            kind="test_count",
            label="Count",
            parameters={"up_to": 5},
            created_by=users_by_role[Role.ADMIN],
        )
    job.refresh_from_db()
    assert (job.status, job.progress, job.result) == (JobStatus.SUCCEEDED, 100, {"counted": 5})
    assert job.started_at and job.finished_at


def test_a_failing_job_records_the_error_without_identity_numbers() -> None:
    job = Job.objects.create(kind="test_fail", label="Fail")
    with pytest.raises(RuntimeError):
        job_run_here(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "the disk is full" in job.error
    assert "3671015705900001" not in job.error


def test_the_command_line_sees_every_step_of_progress() -> None:
    seen: list[tuple[int, int]] = []
    job = Job.objects.create(kind="test_count", label="Count", parameters={"up_to": 3})
    job_run_here(job, echo=lambda done, total, message="": seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_the_progress_page_polls_until_the_job_finishes(
    users_by_role: dict[str, User], client: Any
) -> None:
    admin = users_by_role[Role.ADMIN]
    job = Job.objects.create(
        kind="test_count", label="Count", parameters={"up_to": 3}, created_by=admin
    )
    client.force_login(admin)
    running = client.get(f"/jobs-and-audit/jobs/{job.id}/progress/")
    assert b"hx-trigger" in running.content
    job_run_here(job)
    finished = client.get(f"/jobs-and-audit/jobs/{job.id}/progress/")
    assert b"hx-trigger" not in finished.content
    assert b'value="100"' in finished.content


def test_people_follow_only_their_own_jobs(users_by_role: dict[str, User], client: Any) -> None:
    job = Job.objects.create(
        kind="test_count",
        label="Count",
        parameters={"up_to": 1},
        created_by=users_by_role[Role.ADMIN],
    )
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    assert client.get(f"/jobs-and-audit/jobs/{job.id}/").status_code == 404
    assert client.get(f"/api/v1/jobs/{job.id}").status_code == 404


# Committed for real: the worker reads the queue in its own transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_on_the_database_backend_a_worker_runs_queued_jobs(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = job_start(kind="test_count", label="Count", parameters={"up_to": 2}, created_by=None)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED  # waiting for a worker, not run by the web process
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.SUCCEEDED, {"counted": 2})
