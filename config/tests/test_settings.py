"""Bad settings stop start-up with one line that names the variable."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

PROJECT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = PROJECT / "config" / "settings.py"
STRONG_SECRET_KEY = "s3cr3t-" + "k9Xq2mPz" * 7
STRONG_HASH_KEY = "h4sh-" + "Lw8vRt3n" * 7
ENCRYPTION_KEY = Fernet.generate_key().decode()
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": STRONG_SECRET_KEY,
    "FIELD_HASH_KEY": STRONG_HASH_KEY,
    "FIELD_ENCRYPTION_KEY": ENCRYPTION_KEY,
    "ALLOWED_HOSTS": "balai.example.go.id",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}


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
        ({**PRODUCTION, "SECRET_KEY": "x"}, "SECRET_KEY"),
        ({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT"),
        ({**PRODUCTION, "CACHE_URL": ""}, "CACHE_URL"),
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


def settings_from(monkeypatch: Any, tmp_path: Path, **environment: str) -> dict[str, Any]:
    """Evaluate config/settings.py in this process with only `environment` set."""
    for name in [*PRODUCTION, "DATABASE_URL", "CACHE_URL"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BALAI_VAR_DIR", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_production_settings_with_strong_distinct_keys_start(monkeypatch, tmp_path) -> None:
    values = settings_from(monkeypatch, tmp_path, **PRODUCTION)
    assert values["ALLOWED_HOSTS"] == ["balai.example.go.id"]


@pytest.mark.parametrize(
    ("environment", "variable"),
    [
        ({"SECRET_KEY": "x"}, "SECRET_KEY"),
        ({"SECRET_KEY": "a" * 60}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + STRONG_SECRET_KEY}, "SECRET_KEY"),
        ({"FIELD_HASH_KEY": "short-hash-key"}, "FIELD_HASH_KEY"),
        ({"FIELD_HASH_KEY": STRONG_SECRET_KEY}, "FIELD_HASH_KEY"),
        ({"FIELD_HASH_KEY": ENCRYPTION_KEY}, "FIELD_ENCRYPTION_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
    ],
)
def test_weak_or_shared_keys_and_no_hosts_are_refused_when_debug_is_off(
    monkeypatch, tmp_path, environment: dict[str, str], variable: str
) -> None:
    with pytest.raises(ImproperlyConfigured) as refusal:
        settings_from(monkeypatch, tmp_path, **{**PRODUCTION, **environment})
    assert str(refusal.value).startswith(f"{variable}:")
    assert "\n" not in str(refusal.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("API_TOKEN_DAYS", "-1"),
        ("API_TOKEN_DAYS", "0"),
        ("SESSION_COOKIE_AGE", "0"),
        ("EMAIL_PORT", "70000"),
        ("TRAINING_QR_ROTATION_SECONDS", "0"),
        ("TRAINING_QR_LATE_SCAN_SECONDS", "-5"),
        ("TRAINING_QR_LATE_SCAN_SECONDS", "30"),
        ("TRAINING_CHECK_IN_GRACE_MINUTES", "-1"),
        ("TRAINING_LATE_AFTER_MINUTES", "-1"),
        ("TRAINING_DROPOUT_ABSENCES", "0"),
        ("SECURE_HSTS_SECONDS", "-1"),
        ("CERTIFICATE_VERIFY_RATE", "lots"),
        ("CERTIFICATE_VERIFY_RATE", "0/m"),
    ],
)
def test_a_number_out_of_its_range_is_refused_naming_the_variable(
    monkeypatch, tmp_path, variable: str, value: str
) -> None:
    with pytest.raises(ImproperlyConfigured) as refusal:
        settings_from(monkeypatch, tmp_path, **{variable: value})
    assert str(refusal.value).startswith(f"{variable}:")
    assert "\n" not in str(refusal.value)


def test_hsts_is_sent_only_outside_debug(monkeypatch, tmp_path) -> None:
    production = settings_from(monkeypatch, tmp_path, **PRODUCTION)
    development = settings_from(monkeypatch, tmp_path, DEBUG="1")
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert development["SECURE_HSTS_SECONDS"] == 0
