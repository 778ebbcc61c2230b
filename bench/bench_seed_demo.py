"""The whole demo city (seed_demo --scale tangerang), against registering residents singly."""

from __future__ import annotations

import time
from io import StringIO

from _scratch import start_django

start_django("seed_demo")

from django.core.management import call_command  # noqa: E402

from balai.demo.randomness import RandomStreams  # noqa: E402
from balai.demo.seed import SCALES, resident_rows  # noqa: E402
from balai.regions.selectors import kelurahan_list  # noqa: E402
from balai.registry.models import Person  # noqa: E402
from balai.registry.services import person_create  # noqa: E402

SAMPLE = 500


def main() -> None:
    per_resident_singly = register_singly()
    started = time.perf_counter()
    call_command("seed_demo", "--scale", "tangerang", "--seed", "1", stdout=StringIO())
    seconds = time.perf_counter() - started
    residents = Person.objects.count()
    again = time.perf_counter()
    call_command("seed_demo", "--scale", "tangerang", "--seed", "1", stdout=StringIO())
    rerun_seconds = time.perf_counter() - again

    print(
        f"seed_demo --scale tangerang: {seconds:.1f} s for the whole city "
        f"({residents:,} residents); running it again: {rerun_seconds:.1f} s"
    )
    print(
        f"baseline, person_create one at a time: {per_resident_singly * 1000:.2f} ms each; "
        f"{residents:,} residents that way would take {per_resident_singly * residents:.0f} s"
    )
    print(f"ratio residents-singly / whole seed: {per_resident_singly * residents / seconds:.1f}x")


def register_singly() -> float:
    """The baseline: the demo's first residents registered one at a time; then removed."""
    call_command("load_regions", "36.71", verbosity=0)
    places = list(kelurahan_list(regency_code="36.71"))
    streams = RandomStreams(1, "residents")
    rows = resident_rows(SCALES["tangerang"], places, streams.faker, streams.chooser)[:SAMPLE]
    started = time.perf_counter()
    for row in rows:
        person_create(data=row)
    per_resident = (time.perf_counter() - started) / SAMPLE
    Person.objects.all().delete()
    return per_resident


if __name__ == "__main__":
    main()
