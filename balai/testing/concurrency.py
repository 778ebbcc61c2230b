"""Running writers truly in parallel (PostgreSQL only)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from balai.core.errors import ApplicationError

# PostgreSQL allows 100 connections by default; like a server's pool of workers, 50 threads
# share the submissions, all released at once.
MAXIMUM_THREADS = 50


def run_concurrently(count: int, work: Callable[[int], str]) -> list[str]:
    """Run work(0) … work(count - 1) from up to 50 threads started together."""
    pending = list(range(count))
    lock = threading.Lock()
    threads_count = min(count, MAXIMUM_THREADS)
    barrier = threading.Barrier(threads_count)
    outcomes: list[str] = []

    def run() -> None:
        barrier.wait()
        try:
            while True:
                with lock:
                    if not pending:
                        return
                    number = pending.pop()
                try:
                    outcome = work(number)
                except ApplicationError as error:
                    outcome = error.code
                with lock:
                    outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def skip_unless_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL runs these writers truly in parallel; CI runs it there")
