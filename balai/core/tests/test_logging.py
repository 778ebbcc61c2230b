"""No identity number reaches a log line in full: gunicorn's access log, and Django's own
request logging (runserver's request lines, errors), go through the masking filter."""

from __future__ import annotations

import datetime
import io
import logging
import runpy
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from gunicorn.config import Config

NIK = "3671011203950001"
MASKED = "************0001"  # the last four digits only, as every page shows a NIK


@pytest.fixture
def gunicorn_logger() -> Iterator[Any]:
    """The logger gunicorn makes from the project's gunicorn.conf.py, its access log written
    to `logger.written` instead of standard output."""
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    config = Config()
    for name in ("accesslog", "logger_class"):
        config.set(name, conf[name])
    logger = config.logger_class(config)
    (standard_output,) = [h for h in logger.access_log.handlers if getattr(h, "_gunicorn", 0)]
    logger.written = io.StringIO()
    standard_output.setStream(logger.written)
    yield logger
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            log.removeHandler(handler)


def test_gunicorn_masks_a_nik_in_the_access_log(gunicorn_logger: Any) -> None:
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/persons/?q={NIK}",
        "PATH_INFO": "/persons/",
        "QUERY_STRING": f"q={NIK}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.20.30.40",
        "HTTP_REFERER": f"https://balai.example.go.id/verifikasi/?nik={NIK}",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13)",
    }
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[("Content-Type", "text/html")])
    request = SimpleNamespace(headers=[("HOST", "balai.example.go.id")])
    gunicorn_logger.access(response, request, environ, datetime.timedelta(milliseconds=42))
    line = gunicorn_logger.written.getvalue()
    assert f'"GET /persons/?q={MASKED} HTTP/1.1" 200 5120' in line
    assert f"/verifikasi/?nik={MASKED}" in line
    assert NIK not in line


def test_django_request_logging_is_masked() -> None:
    (console,) = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler) and handler.filters
    ]
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        logging.getLogger("django.server").info('"GET /persons/?q=%s HTTP/1.1" 200 512', NIK)
        logging.getLogger("django.request").warning("Not Found: /verifikasi/%s/", NIK)
    finally:
        console.setStream(previous)
    lines = written.getvalue().splitlines()
    assert len(lines) == 2
    assert all(MASKED in line and NIK not in line for line in lines)


@pytest.mark.parametrize(
    "written",
    [
        "3671-0112-0395-0001",
        "3671 0112 0395 0001",
        "3671%2D0112%2D0395%2D0001",
        "3671.0112.0395.0001",
    ],
)
def test_a_nik_written_with_separators_is_masked(written: str) -> None:
    from balai.core.logging import mask_identity_numbers

    assert mask_identity_numbers(f"GET /persons/?q={written} 200") == (
        "GET /persons/?q=************0001 200"
    )


@pytest.mark.django_db
def test_a_nik_typed_as_a_username_is_kept_masked_by_the_lock_out(kota_tangerang: None) -> None:
    from axes.models import AccessAttempt
    from django.test import Client

    Client().post("/accounts/login/", {"username": NIK, "password": "salah-sekali-123"})
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [MASKED]


def test_gunicorn_redacts_a_declared_secret_path_token_in_the_access_log(
    gunicorn_logger: Any,
) -> None:
    # Placement declares /survey/ (a tracer survey's personal link) from its ready().
    token = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/survey/{token}/",
        "PATH_INFO": f"/survey/{token}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.20.30.40",
        "HTTP_REFERER": f"https://balai.example.go.id/survey/{token}/",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13)",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("HOST", "balai.example.go.id")])
    gunicorn_logger.access(response, request, environ, datetime.timedelta(milliseconds=42))
    line = gunicorn_logger.written.getvalue()
    assert '"GET /survey/[redacted]/ HTTP/1.1" 200' in line
    assert "balai.example.go.id/survey/[redacted]/" in line
    assert token not in line


def test_a_short_path_after_a_secret_prefix_is_not_a_token() -> None:
    from balai.core.logging import mask_log_text

    assert mask_log_text("GET /api/v1/placement/surveys/responses") == (
        "GET /api/v1/placement/surveys/responses"
    )
