"""How fast residents may register from one address, on the form and the API alike."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from balai.core.throttling import address_of, throttle_check


def registration_throttle(request: HttpRequest) -> None:
    """Count a resident's registration from this address; refuse past REGISTRATION_RATE
    (a script taking every first-come seat; operators use the assisted form instead)."""
    throttle_check(
        request, action="registration", key=address_of(request), rate=settings.REGISTRATION_RATE
    )
