"""While the database is out of reach, every answer says so (503 with Retry-After) in the
form its reader expects: the API's error shape, a page in Indonesian."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def port_nobody_listens_on() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def database_out_of_reach(tmp_path: Any) -> Iterator[None]:
    """Point the default connection at a database that cannot be reached: a PostgreSQL port
    where nothing listens, or a SQLite file in a directory that does not exist."""
    working = connections["default"]
    unreachable = dict(working.settings_dict)
    if working.vendor == "postgresql":
        unreachable |= {"HOST": "127.0.0.1", "PORT": port_nobody_listens_on()}
    else:
        unreachable["NAME"] = str(tmp_path / "missing-directory" / "balai.sqlite3")
    broken = type(working)(unreachable, alias="default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = working


def assert_database_unavailable_json(response: Any) -> None:
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"].isdigit()
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == "database_unavailable"


def test_health_answers_503_json_with_retry_after(tmp_path: Any) -> None:
    assert Client().get("/health/").status_code == 200
    with database_out_of_reach(tmp_path):
        response = Client(raise_request_exception=False).get("/health/")
    assert_database_unavailable_json(response)


def test_the_api_answers_503_in_the_error_shape(
    users_by_role: dict[str, User], tmp_path: Any
) -> None:
    _token, secret = api_token_create(user=users_by_role[Role.ADMIN], label="outage")
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {secret}")
    with database_out_of_reach(tmp_path):
        signed_in = client.get("/api/v1/persons/")
        anonymous = Client(raise_request_exception=False).get("/api/v1/programmes/")
    assert_database_unavailable_json(signed_in)
    assert_database_unavailable_json(anonymous)


def test_a_page_answers_503_in_indonesian(users_by_role: dict[str, User], tmp_path: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(users_by_role[Role.ADMIN])
    with database_out_of_reach(tmp_path):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Content-Type"].startswith("text/html")
    assert "Coba lagi" in response.content.decode() or "coba lagi" in response.content.decode()
