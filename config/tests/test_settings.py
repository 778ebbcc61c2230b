"""Bad settings stop start-up with one line that names the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def start_up(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(environment)
    return subprocess.run(  # our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("environment", "variable"),
    [
        ({"DEBUG": "0", "SECRET_KEY": ""}, "SECRET_KEY"),
        ({"DEBUG": "perhaps"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://root@localhost/balai"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://u@localhost:notaport/db"}, "DATABASE_URL"),
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": "k" * 50,
                "FIELD_ENCRYPTION_KEY": "short",
                "FIELD_HASH_KEY": "h" * 50,
            },
            "FIELD_ENCRYPTION_KEY",
        ),
        ({"TASKS_BACKEND": "carrier-pigeon"}, "TASKS_BACKEND"),
        ({"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL"),
    ],
)
def test_a_bad_variable_stops_start_up_with_one_line_naming_it(
    environment: dict[str, str], variable: str
) -> None:
    result = start_up(**environment)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {variable}")


def test_good_settings_start() -> None:
    assert start_up().returncode == 0


def test_a_redis_cache_is_shared_by_every_process() -> None:
    result = subprocess.run(  # our own manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.core.cache import caches; print(type(caches['default']).__name__)",
        ],
        cwd=PROJECT,
        env={**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip().endswith("RedisCache"), result.stderr
