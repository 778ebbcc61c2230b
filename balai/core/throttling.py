"""Limits on how fast one address or one account may repeat an action (automation).

Counters live in the shared cache (CACHE_URL: Redis in production, so that every process
counts together) through django-ratelimit's fixed windows. A refusal is an ApplicationError
with status 429 and the seconds until the window ends, which the pages and the API turn into
a message and a `Retry-After` header.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.core.middleware import client_ip_address


class RateLimitedError(ApplicationError):
    """Too many attempts in a window; `retry_after` says how many seconds to wait."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after


def address_of(request: HttpRequest) -> str:
    """Return the value that identifies the request's address in a counter."""
    return client_ip_address(request) or "unknown"


def account_key(value: str) -> str:
    """Return a value identifying an account (a username, NIK, phone or e-mail) in a counter,
    hashed so that the cache holds no identity number."""
    return keyed_hash(f"throttle:{value.strip().lower()}")


def throttle_check(
    request: HttpRequest, *, action: str, key: str, rate: str, count: bool = True
) -> None:
    """Count one `action` by `key` (an address or an account key) and refuse it once `key` is
    past `rate` ("10/h", "20/15m"); with `count=False`, only refuse, counting nothing."""
    usage = get_usage(
        request, group=action, key=lambda _group, _request: key, rate=rate, increment=count
    )
    if usage is None:  # RATELIMIT_ENABLE is off
        return
    if usage["should_limit"] or (not count and usage["count"] >= usage["limit"]):
        raise RateLimitedError(
            _("Too many attempts. Wait %(minutes)s minutes and try again.")
            % {"minutes": max(1, -(-int(usage["time_left"]) // 60))},
            retry_after=max(1, int(usage["time_left"])),
        )


def throttle_record(request: HttpRequest, *, action: str, key: str, rate: str) -> None:
    """Count one `action` by `key` without refusing it (a failure, counted after the fact)."""
    get_usage(request, group=action, key=lambda _group, _request: key, rate=rate, increment=True)


def rate_limited_response(response: HttpResponse, error: RateLimitedError) -> HttpResponse:
    """Return a page that shows `error` as 429 Too Many Requests, saying when to come back."""
    response.status_code = error.status
    response["Retry-After"] = str(error.retry_after)
    return response
