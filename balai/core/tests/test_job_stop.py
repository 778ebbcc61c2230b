"""Asking a running job to stop early."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.core.jobs import _DatabaseProgress, job_start_here, job_stop, stop_requested
from balai.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def test_a_stop_request_reaches_the_running_work(users_by_role: dict[str, User]) -> None:
    job = job_start_here(kind="seed_demo", label="demo", parameters={})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    progress = _DatabaseProgress(job, None)
    assert not stop_requested(progress)
    client = Client()
    client.force_login(users_by_role[Role.ADMIN])
    response = client.post(
        reverse("core:job_stop", args=[job.id]), {"next": "https://elsewhere.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "core:job_detail", args=[job.id]
    )
    assert stop_requested(progress)


def test_a_finished_job_is_not_marked(users_by_role: dict[str, User]) -> None:
    job = job_start_here(kind="seed_demo", label="demo", parameters={})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    assert not job_stop(job=job).stop_requested
