"""Wrong survey links are limited per address, so that tokens cannot be trawled for; a real
link (answered, expired or open) never counts."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from balai.core.throttling import address_of, throttle_check, throttle_record

ACTION = "tracer-survey-token"


def survey_guesses_check(request: HttpRequest) -> None:
    """Refuse (RateLimitedError, 429) an address past TRACER_SURVEY_GUESS_RATE wrong links."""
    throttle_check(
        request,
        action=ACTION,
        key=address_of(request),
        rate=settings.TRACER_SURVEY_GUESS_RATE,
        count=False,
    )


def survey_guess_record(request: HttpRequest) -> None:
    """Count one wrong link from the request's address."""
    throttle_record(
        request, action=ACTION, key=address_of(request), rate=settings.TRACER_SURVEY_GUESS_RATE
    )
