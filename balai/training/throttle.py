"""Public certificate look-ups are limited per address, so numbers cannot be trawled."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from balai.core.middleware import client_ip_address


def verification_limited(request: HttpRequest) -> bool:
    """Count this look-up; True once the address is past CERTIFICATE_VERIFY_RATE."""
    return bool(
        is_ratelimited(
            request,
            group="certificate-verify",
            key=lambda _group, request: client_ip_address(request) or "unknown",
            rate=settings.CERTIFICATE_VERIFY_RATE,
            increment=True,
        )
    )
