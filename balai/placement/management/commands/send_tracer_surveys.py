from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from balai.core.jobs import job_run_here, job_start_here
from balai.placement.tracer import SEND_JOB


class Command(BaseCommand):
    help = (
        "Invite every graduate to the tracer survey wave that has fallen due for them, and "
        "remind those who have not answered. Run it once a day (cron or a systemd timer); "
        "running it twice, or two at once, sends nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        job = job_start_here(kind=SEND_JOB, label="command", parameters={})
        job_run_here(job)
        result = job.result or {}
        self.stdout.write(
            f"invited {result.get('invited', 0)}, sent {result.get('sent', 0)}, "
            f"reminded {result.get('reminded', 0)}"
        )
