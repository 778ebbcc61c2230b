"""Registration under load on PostgreSQL: gunicorn with several workers, wrk on the same
machine, against the same server's trivial endpoint (/health/) as the baseline.

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/balai_load) and
wrk (`make load-tools`). Target: registration reaches a quarter of the trivial endpoint's
requests per second, with p99 latency under 500 ms.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/balai_load")

from _scratch import PROJECT, open_batch, server_wait, start_django

start_django("load")

from django.conf import settings  # noqa: E402

from balai.catalogue.services import programme_upsert  # noqa: E402
from balai.intake.batches import offerings_create  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402
from balai.testing.factories import kelurahan  # noqa: E402

ADDRESS = "127.0.0.1:8765"
WORKERS = 4
SECONDS = 15
CONNECTIONS = 16


def prepare() -> dict[str, str]:
    regions_load(code="36.71")
    programme = programme_upsert(
        code="tata-boga",
        name="Tata Boga",
        description="",
        hours=80,
        session_count=20,
        class_size=20,
        minimum_class_size=10,
    )
    batch = open_batch("load", months_since_last_training=0)
    offerings_create(batch=batch, rows=[(programme, kelurahan("36.71.01.1001"), None, 20)])
    return {"BALAI_BATCH_CODE": batch.code, "BALAI_OFFERING_ID": str(batch.offerings.get().pk)}


def server_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEY": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "FIELD_HASH_KEY": settings.FIELD_HASH_KEY,
        "LOG_LEVEL": "WARNING",
        # wrk sends every registration from one address: the limit meant for bots would
        # stop the measurement of throughput after the first few.
        "REGISTRATION_RATE": "1000000/m",
        # Production counts its limits in Redis, and so does the measurement.
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3"),
    }


def run_wrk(path: str, extra: list[str], environment: dict[str, str]) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        *extra,
        f"http://{ADDRESS}{path}",
    ]
    output = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),  # type: ignore[index]
        "p50": _milliseconds(re.search(r"50%\s+([\d.]+\w+)", output)[1]),  # type: ignore[index]
        "p99": _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output)[1]),  # type: ignore[index]
        "non_2xx": float(m[1]) if (m := re.search(r"Non-2xx.*?:\s+(\d+)", output)) else 0.0,
    }


def _milliseconds(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    lua_environment = {**os.environ, **prepare()}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            ADDRESS,
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=server_environment(),
    )
    try:
        server_wait(ADDRESS)
        trivial = run_wrk("/health/", [], lua_environment)
        registration = run_wrk(
            "/api/v1/applications/",
            ["-s", str(PROJECT / "bench" / "registration.lua")],
            lua_environment,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"trivial /health/: {trivial['rps']:.0f} req/s, p50 {trivial['p50']:.1f} ms, "
        f"p99 {trivial['p99']:.1f} ms"
    )
    print(
        f"registration: {registration['rps']:.0f} req/s, p50 {registration['p50']:.1f} ms, "
        f"p99 {registration['p99']:.1f} ms, non-2xx {registration['non_2xx']:.0f}"
    )
    print(
        f"ratio registration/trivial throughput: {registration['rps'] / trivial['rps']:.2f} "
        f"(target at least 0.25; p99 target under 500 ms) — {WORKERS} gunicorn workers, "
        f"{CONNECTIONS} connections, {SECONDS} s each, PostgreSQL"
    )


if __name__ == "__main__":
    main()
