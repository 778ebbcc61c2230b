"""A whole allocation run at Tangerang scale, database included: 50,000 applicants with up to
3 choices among 520 offerings, read, allocated, stored (target under 20 s on SQLite), then
published as offers, waitlists and notifications.

The baseline, measured in the same run, is the algorithm alone on the same input: the ratio
says how much the database adds around it.
"""

from __future__ import annotations

import time

from _scratch import start_django

start_django("allocation_run")

from django.core.management import call_command  # noqa: E402

from balai.demo.intake_data import demo_batch_with_applications  # noqa: E402
from balai.demo.randomness import RandomStreams  # noqa: E402
from balai.demo.seed import Scale, demo_programmes, resident_rows  # noqa: E402
from balai.intake.allocation.deferred_acceptance import deferred_acceptance  # noqa: E402
from balai.intake.allocation.publishing import allocation_publish  # noqa: E402
from balai.intake.allocation.runs import allocation_input, allocation_run  # noqa: E402
from balai.intake.batches import batch_registration_close  # noqa: E402
from balai.intake.models import Batch, WaitlistEntry  # noqa: E402
from balai.notifications.models import Notification  # noqa: E402
from balai.regions.selectors import kelurahan_list  # noqa: E402

# 600 residents in each of 104 kelurahan: 62,400, of whom about 52,000 pass the batch rules (age,
# two applicants per family card).
RESIDENTS_PER_KELURAHAN = 600


def main() -> None:
    batch = applications()
    started = time.perf_counter()
    run = allocation_run(batch=batch, seed=1, created_by=None)
    run_seconds = time.perf_counter() - started

    data = allocation_input(batch=batch, seed=1)
    started = time.perf_counter()
    deferred_acceptance(choices=data.choices, priority=data.priority, capacity=data.capacity)
    algorithm_seconds = time.perf_counter() - started

    started = time.perf_counter()
    allocation_publish(run=run)
    publish_seconds = time.perf_counter() - started
    print(
        f"whole run, {run.applicants:,} applicants, {len(data.offering_ids)} offerings: "
        f"{run_seconds:.1f} s (target under 20 s), {run.placed:,} placed; "
        f"the algorithm alone {algorithm_seconds:.2f} s; ratio whole run / algorithm "
        f"{run_seconds / algorithm_seconds:.0f}x"
    )
    print(
        f"publishing: {publish_seconds:.1f} s for {run.offers.count():,} offers, "
        f"{WaitlistEntry.objects.count():,} waitlist places, "
        f"{Notification.objects.count():,} notifications"
    )


def applications() -> Batch:
    """Register 62,400 residents to the demo's 520 offerings, and close the batch."""
    call_command("load_regions", "36.71", verbosity=0)
    places = list(kelurahan_list(regency_code="36.71"))
    programmes = demo_programmes()
    streams = RandomStreams(1, "residents")
    size = Scale(
        residents_per_kelurahan=RESIDENTS_PER_KELURAHAN,
        instructors=0,
        kelurahan_limit=None,
        pilot_kelurahan=None,
        pilot_every=1,
        timetable_seconds=0,
    )
    residents = resident_rows(size, places, streams.faker, streams.chooser)
    demo_batch_with_applications(
        lambda done, total, message="": None,
        residents,
        places,
        programmes,
        RandomStreams(1, "applications"),
    )
    return batch_registration_close(batch=Batch.objects.get(code="gelombang-1"))


if __name__ == "__main__":
    main()
