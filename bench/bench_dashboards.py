"""Every dashboard page's server time at Tangerang scale on SQLite (target: under 200 ms), or
at national scale on PostgreSQL with --national (target: under 1 s), read from the summaries
that `summaries_refresh()` pre-computes, against the same figures computed live per request.

The data comes from `generate_reporting_data` (10,400 participants and about 100,000
attendance marks by default; --national: 1,000,000 and 10,000,000, or what --participants
and --attendance-per-participant say). Each page is read through the Django test client as
an admin, a viewer (leadership), a kecamatan operator and a kelurahan operator: the home
page, the city, a kecamatan, a kelurahan and a class dashboard, an export and the open-data
page where those routes exist. Medians of ROUNDS reads after one warm-up, wall and CPU time
(the machine is shared: CPU time is this process's, the database's own work is in the wall
time on PostgreSQL), and the queries each read makes. A page that does not answer 200 is
reported as an error, not timed as a success. A dashboard renders its sections once per
refresh and keeps them in the cache, so the city is also read "first read" with the cache
emptied before each round: what the first reader after a refresh waits.

The baseline computes the city's funnel live, as a dashboard would have to without the
summaries (the funnel section over the area tree, plus the old leadership home's count of
people per kecamatan), median of --baseline-rounds runs (3); the ratio is its time over the city
dashboard's.

    .venv/bin/python bench/bench_dashboards.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_rep .venv/bin/python \\
        bench/bench_dashboards.py --national --participants 100000
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from _scratch import start_django

os.environ.setdefault("ALLOWED_HOSTS", "testserver")

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--national", action="store_true", help="PostgreSQL, 1 M participants")
parser.add_argument("--participants", type=int, help="default 10,400 (1,000,000 national)")
parser.add_argument("--attendance-per-participant", type=float, default=10.0)
parser.add_argument("--regions", help="what load_regions loads (default 36.71; national: all)")
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--baseline-rounds", type=int, default=3, help="the live funnel's rounds")
parser.add_argument(
    "--existing",
    action="store_true",
    help="read the data already in DATABASE_URL (an earlier run's) instead of generating it",
)
options = parser.parse_args()
if options.national and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("--national needs DATABASE_URL pointing at PostgreSQL")
start_django("dashboards", keep_rows=options.existing)
logging.disable(logging.WARNING)  # the 404s and sign-ins are counted below, not logged

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from balai.accounts.models import Role, User  # noqa: E402
from balai.regions.models import Kelurahan  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402
from balai.registry.models import Person  # noqa: E402
from balai.reporting.areas import area_tree  # noqa: E402
from balai.reporting.funnel import funnel_section  # noqa: E402
from balai.reporting.refresh import summaries_refresh  # noqa: E402
from balai.scheduling.models import TrainingClass  # noqa: E402

REGENCY = "36.71"
TARGET_MS = 1_000 if options.national else 200
PARTICIPANTS = options.participants or (1_000_000 if options.national else 10_400)
Result = TypeVar("Result")


class Reading(NamedTuple):
    reader: str
    page: str
    status: int
    wall_ms: float
    cpu_ms: float
    queries: int


def timed(work: Callable[[], Result], rounds: int) -> tuple[float, float, Result]:
    """Median wall and CPU milliseconds of `rounds` runs, and the last result."""
    wall, cpu = [], []
    result = work()  # warm-up: caches, the first query plans
    for _round in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000, result


COLD_CITY = "city, first read"


def url(name: str, *args: str) -> str | None:
    """The route's address, or None where the route does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def pages_of(kecamatan: str, kelurahan: str, class_id: str) -> dict[str, dict[str, str | None]]:
    """The pages each reader opens, by label (the operators' within their area)."""
    common = {
        "home": url("reporting:home"),
        "dashboard (own root)": url("reporting:dashboard"),
        "kelurahan": url("reporting:dashboard_area", "kelurahan", kelurahan),
        "class": url("reporting:dashboard_area", "class", class_id),
        "export funnel.csv": url(
            "reporting:dashboard_export", "kelurahan", kelurahan, "funnel", "csv"
        ),
        "export funnel.xlsx": url(
            "reporting:dashboard_export", "kelurahan", kelurahan, "funnel", "xlsx"
        ),
        "open data": url("reporting:open_data"),
    }
    city_wide = {
        "city": url("reporting:dashboard_area", "regency", REGENCY),
        COLD_CITY: url("reporting:dashboard_area", "regency", REGENCY),
        "kecamatan": url("reporting:dashboard_area", "kecamatan", kecamatan),
    }
    return {
        "admin": {**common, **city_wide},
        "viewer": {**common, **city_wide},
        "kecamatan operator": {**common, "kecamatan": city_wide["kecamatan"]},
        "kelurahan operator": common,
    }


def read(
    client: Client, address: str, rounds: int, *, cold: bool = False
) -> tuple[int, float, float, int]:
    """Status, median wall and CPU ms, and queries of one read of `address`; `cold` empties
    the cache before each read, as the first reader after a refresh finds it (the dashboard
    renders its sections once per refresh; emptying the local-memory cache costs microseconds
    of the time measured)."""

    def one() -> tuple[int, int]:
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
        return response.status_code, len(queries.captured_queries)

    wall, cpu, (status, queries) = timed(one, rounds)
    return status, wall, cpu, queries


def readers(kecamatan: str, kelurahan: Kelurahan) -> dict[str, User]:
    """The four readers (made again by a run on --existing data, so updated in place)."""
    accounts: dict[str, tuple[str, dict[str, object]]] = {
        "admin": ("bench-admin", {"role": Role.ADMIN}),
        "viewer": ("bench-viewer", {"role": Role.VIEWER}),
        "kecamatan operator": (
            "bench-kecamatan",
            {"role": Role.KECAMATAN_OPERATOR, "kecamatan_id": kecamatan},
        ),
        "kelurahan operator": (
            "bench-kelurahan",
            {"role": Role.KELURAHAN_OPERATOR, "kelurahan": kelurahan},
        ),
    }
    return {
        reader: User.objects.update_or_create(username=username, defaults=fields)[0]
        for reader, (username, fields) in accounts.items()
    }


def live_funnel() -> int:
    """The city's figures computed per request, without the summaries."""
    figures = funnel_section(area_tree(), timezone.localdate())
    per_kecamatan = list(
        Person.objects.values("domicile_kelurahan__kecamatan").annotate(people=Count("id"))
    )
    return len(figures) + len(per_kecamatan)


def _data_generate() -> None:
    """Load the regions and generate the participants, timing each."""
    started = time.perf_counter()
    regions_load(code=options.regions or ("all" if options.national else REGENCY))
    print(f"regions loaded in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command(
        "generate_reporting_data", "--participants", str(PARTICIPANTS),
        "--attendance-per-participant", str(options.attendance_per_participant),
    )  # fmt: skip
    print(f"generated in {time.perf_counter() - started:.1f} s")


def main() -> None:
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()}; {connection.vendor}")
    if not options.existing:
        _data_generate()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, before anyone reads
    started, started_cpu = time.perf_counter(), time.process_time()
    refresh = summaries_refresh()
    print(
        f"summaries_refresh: {time.perf_counter() - started:.1f} s wall, "
        f"{time.process_time() - started_cpu:.1f} s CPU; {refresh.areas} areas, "
        f"{refresh.people:,} people"
    )
    training_class = TrainingClass.objects.order_by("pk").select_related("offering__kelurahan")[0]
    kelurahan = training_class.offering.kelurahan
    pages = pages_of(kelurahan.kecamatan_id, kelurahan.code, str(training_class.pk))
    readings = []
    for reader, user in readers(kelurahan.kecamatan_id, kelurahan).items():
        client = Client()
        client.force_login(user)
        for page, address in pages[reader].items():
            if address is None:
                print(f"  {reader:<19} {page:<22} not run: no such route yet")
                continue
            cold = page == COLD_CITY
            status, wall, cpu, queries = read(client, address, options.rounds, cold=cold)
            readings.append(Reading(reader, page, status, wall, cpu, queries))
            verdict = "ok" if status == 200 and wall < TARGET_MS else "MISSED"
            if status != 200:
                verdict = f"ERROR {status}"
            print(
                f"  {reader:<19} {page:<22} {wall:7.1f} ms wall {cpu:7.1f} ms CPU "
                f"{queries:3d} queries  {verdict}"
            )
    baseline_wall, baseline_cpu, _size = timed(live_funnel, options.baseline_rounds)
    answered = [reading for reading in readings if reading.status == 200]
    errors = [reading for reading in readings if reading.status != 200]
    missed = [reading for reading in answered if reading.wall_ms >= TARGET_MS]
    city = next(
        (r for r in answered if r.reader == "admin" and r.page == "city"), None
    )  # fmt: skip
    print(
        f"baseline, the city's funnel computed live: median {baseline_wall:.0f} ms wall, "
        f"{baseline_cpu:.0f} ms CPU over {options.baseline_rounds} rounds"
    )
    if city is not None:
        print(
            f"city dashboard from the summaries: {city.wall_ms:.1f} ms wall, {city.cpu_ms:.1f} ms "
            f"CPU; ratio {baseline_wall / city.wall_ms:.1f}x wall, "
            f"{baseline_cpu / city.cpu_ms:.1f}x CPU"
        )
    slowest = max(answered, key=lambda reading: reading.wall_ms, default=None)
    if slowest is not None:
        print(
            f"slowest page: {slowest.reader} {slowest.page} {slowest.wall_ms:.1f} ms "
            f"(target under {TARGET_MS} ms): "
            + ("target met" if not missed else f"target NOT met on {len(missed)} pages")
        )
    if errors:
        print(f"{len(errors)} pages answered an error: " + ", ".join(
            f"{r.reader} {r.page} {r.status}" for r in errors
        ))  # fmt: skip


main()
