"""Reading settings from the environment, failing with one clear line per bad variable.

Kept apart from settings.py so that the rules (what is required when, where local secrets
live) can be read and tested on their own.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def read_flag(name: str, *, default: bool) -> bool:
    """Return the boolean value of environment variable `name`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}: expected one of 1/0, true/false, yes/no; got {raw!r}.")


def read_list(name: str, *, default: list[str]) -> list[str]:
    """Return the comma-separated values of environment variable `name`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def read_integer(
    name: str, *, default: int, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return the integer value of environment variable `name`, within [minimum, maximum]."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number; got {raw!r}.") from None
    too_small = minimum is not None and value < minimum
    too_large = maximum is not None and value > maximum
    if too_small or too_large:
        raise ImproperlyConfigured(
            f"{name}: expected a whole number {_range_text(minimum, maximum)}; got {raw!r}."
        )
    return value


def _range_text(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"from {minimum} to {maximum}"
    if minimum is not None:
        return f"of at least {minimum}"
    return f"of at most {maximum}"


# A count per period, the period optionally a multiple ("5/10m"); never a zero period.
RATE = re.compile(r"[1-9][0-9]*/(?:[1-9][0-9]*)?[smhd]")


def read_rate(name: str, *, default: str) -> str:
    """Return the request rate (django-ratelimit's `30/m`, `100/h`, `5/10m`) in `name`."""
    raw = os.environ.get(name, "").strip() or default
    if not RATE.fullmatch(raw):
        raise ImproperlyConfigured(
            f"{name}: expected a rate such as 30/m (a count per s, m, h or d); got {raw!r}."
        )
    return raw


def read_choice(name: str, choices: dict[str, str], *, default: str) -> str:
    """Return the value that environment variable `name` selects among `choices`."""
    raw = os.environ.get(name, default).strip()
    if raw not in choices:
        expected = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}: expected one of {expected}; got {raw!r}.")
    return choices[raw]


def read_cache(*, debug: bool) -> dict[str, object]:
    """Django's default cache from CACHE_URL: Redis (redis:// or rediss://), shared by every
    process, or, when unset, memory in each process (fine for one process and for tests).

    Outside DEBUG it must be shared: the limits on guessing and automation count in it, and
    counted in each worker apart they would be multiplied by the number of workers.
    """
    raw = os.environ.get("CACHE_URL", "").strip()
    if not raw and not debug:
        raise ImproperlyConfigured(
            "CACHE_URL: must be set when DEBUG is off (redis://host:6379/0), so that every "
            "process counts the limits on sign-in failures and registrations together."
        )
    if not raw:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = urlsplit(raw).scheme
    if scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(
            f"CACHE_URL: unsupported scheme {scheme!r}; use redis://host:6379/0 or leave it empty."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}


def read_database(default_sqlite_path: Path) -> dict[str, object]:
    """Return Django's database settings from DATABASE_URL (a SQLite file by default)."""
    raw = os.environ.get("DATABASE_URL", "").strip()
    if not raw:
        raw = f"sqlite:///{default_sqlite_path}"
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {scheme!r}; use sqlite:///path or "
            "postgres://user@host:port/name."
        )
    try:
        config: dict[str, object] = dict(dj_database_url.parse(raw, conn_max_age=60))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL: cannot be read ({error}).") from None
    if scheme == "sqlite":
        # IMMEDIATE transactions take the write lock at BEGIN, so two writers queue instead of
        # one failing half-way with "database is locked"; WAL lets readers run meanwhile.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
        # A file, not memory, so that tests can read what a database file really holds.
        name = str(config.get("NAME") or default_sqlite_path)
        config["TEST"] = {"NAME": str(Path(name).with_name(f"test-{Path(name).name}"))}
    return config


def read_local_secret(name: str, *, debug: bool, secret_directory: Path, generate: str) -> str:
    """Return secret `name` from the environment, or from a file generated once under var/.

    Outside DEBUG a secret must come from the environment: a generated file on one web
    server would differ from the next server's and break sessions and decryption.
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name}: must be set when DEBUG is off.")
    secret_file = secret_directory / name.lower()
    if not secret_file.exists():
        secret_directory.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(_generate_secret(generate))
        secret_file.chmod(0o600)
    return secret_file.read_text().strip()


def _generate_secret(kind: str) -> str:
    if kind == "fernet":
        return Fernet.generate_key().decode()
    return secrets.token_urlsafe(50)


def validate_fernet_keys(name: str, raw: str) -> list[str]:
    """Return the comma-separated Fernet keys in `raw`, newest first, or fail naming `name`."""
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    for key in keys:
        try:
            Fernet(key.encode())
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: each key must be 32 url-safe base64-encoded bytes (a Fernet key)."
            ) from None
    return keys


# Django's own check (security.W009) calls a SECRET_KEY weak below these.
SECRET_KEY_MINIMUM_LENGTH = 50
SECRET_KEY_MINIMUM_DISTINCT_CHARACTERS = 5
# The NIK look-up hash is as strong as its key: a guessable key lets anyone holding a
# database copy hash every possible NIK and match them.
HASH_KEY_MINIMUM_LENGTH = 32


def check_production_secrets(*, secret_key: str, hash_key: str, encryption_keys: list[str]) -> None:
    """Refuse weak or shared keys (outside DEBUG), naming the variable that is wrong."""
    _check_strong("SECRET_KEY", secret_key, SECRET_KEY_MINIMUM_LENGTH)
    _check_strong("FIELD_HASH_KEY", hash_key, HASH_KEY_MINIMUM_LENGTH)
    # Each key guards something else (signatures, look-up hashes, NIKs at rest); one key
    # leaked, or one key used twice, must not open the others.
    if hash_key == secret_key:
        raise ImproperlyConfigured("FIELD_HASH_KEY: must differ from SECRET_KEY; use a new key.")
    for other_name, other_key in (("SECRET_KEY", secret_key), ("FIELD_HASH_KEY", hash_key)):
        if other_key in encryption_keys:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEY: must differ from {other_name}; use a new key."
            )


def _check_strong(name: str, key: str, minimum_length: int) -> None:
    weak = (
        len(key) < minimum_length
        or len(set(key)) < SECRET_KEY_MINIMUM_DISTINCT_CHARACTERS
        or key.startswith("django-insecure")
    )
    if weak:
        raise ImproperlyConfigured(
            f"{name}: too weak; use at least {minimum_length} random characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )


def check_allowed_hosts(hosts: list[str], *, debug: bool) -> list[str]:
    """Return `hosts`, refusing an empty list outside DEBUG (every request would fail)."""
    if not debug and not hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS: must name the host names served when DEBUG is off."
        )
    return hosts
