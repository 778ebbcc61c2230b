"""A scratch database for one benchmark, set up before Django starts."""

from __future__ import annotations

import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported for real only once Django has started
    from balai.intake.models import Batch

PROJECT = Path(__file__).resolve().parent.parent


def start_django(name: str, *, keep_rows: bool = False) -> None:
    """Point Django at a fresh SQLite file var/bench/<name>.sqlite3 (unless DATABASE_URL is
    set), migrate it, and return with Django ready; `keep_rows` leaves a PostgreSQL
    database's rows (an earlier run's data, read again)."""
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not os.environ.get("DATABASE_URL"):
        keep_rows = False  # a fresh file has none
        database = PROJECT / "var" / "bench" / f"{name}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        for leftover in database.parent.glob(f"{name}.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    _ensure_postgresql_database(os.environ["DATABASE_URL"])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--no-input", verbosity=0)
    # A PostgreSQL database given in DATABASE_URL may hold an earlier run's rows.
    if not keep_rows:
        call_command("flush", "--no-input", verbosity=0)


def _ensure_postgresql_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` if it does not exist yet."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg
    from psycopg import sql

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def open_batch(code: str, **rules: Any) -> Batch:
    """Create a batch open for registration now (call after `start_django`)."""
    import datetime

    from django.utils import timezone

    from balai.intake.batches import batch_create

    now = timezone.now()
    return batch_create(
        code=code,
        name=code.title(),
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=10),
        training_starts_on=(now + datetime.timedelta(days=30)).date(),
        training_ends_on=(now + datetime.timedelta(days=60)).date(),
        **rules,
    )


def server_wait(address: str) -> None:
    """Return once the server at `address` answers its health check (30 s at most)."""
    for _attempt in range(60):
        try:
            with urllib.request.urlopen(f"http://{address}/health/", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("the server did not start")
