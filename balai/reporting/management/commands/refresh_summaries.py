"""Recompute every dashboard's figures now, with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from balai.core.jobs import job_run_here, job_start_here
from balai.core.terminal import TerminalProgressBar
from balai.reporting.refresh import REFRESH_JOB_KIND


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        job = job_start_here(kind=REFRESH_JOB_KIND, label="refresh_summaries", parameters={})
        job = job_run_here(job, echo=TerminalProgressBar(self.stderr))
        result = job.result or {}
        self.stdout.write(
            f"{result.get('areas', 0)} areas and classes, {result.get('people', 0)} people, "
            f"{result.get('seconds', 0)} s"
        )
