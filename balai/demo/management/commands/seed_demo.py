"""Load the demo city through the services, with a progress bar: `seed_demo --scale tangerang`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from balai.core.jobs import job_run_here, job_start_here
from balai.core.terminal import TerminalProgressBar
from balai.demo.seed import DEMO_PASSWORD, SCALES, demo_data_present, demo_logins


class Command(BaseCommand):
    help = (
        "Create demo programmes, instructors, venues, users for every role and residents, "
        "through the services. Deterministic per --seed; running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="tangerang")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but print the logins) when the database already has users.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo_data_present():
            self.stdout.write("The database already has data; demo data not loaded.")
            self._print_logins()
            return
        started = time.monotonic()
        job = job_start_here(
            kind="seed_demo",
            label="",
            parameters={"scale": options["scale"], "seed": options["seed"]},
        )
        echo = TerminalProgressBar(self.stdout) if options["verbosity"] > 0 else None
        job_run_here(job, echo=echo)
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f} s: {job.result}")
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role in demo_logins():
            self.stdout.write(f"  {username:<20} {role}")
