from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from balai.core.jobs import job_run_here, job_start_here
from balai.placement.interview_messages import REMINDER_JOB


class Command(BaseCommand):
    help = (
        "Remind graduates of their interviews of tomorrow, each once. Run it daily (cron or "
        "a systemd timer, in the morning); running it again, or twice at once, sends nothing "
        "twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        job = job_start_here(kind=REMINDER_JOB, label="daily", parameters={})
        job_run_here(job)
        self.stdout.write(f"reminded {(job.result or {}).get('reminded', 0)}")
