from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from balai.core.errors import error_body

# Headers an error answer carries that a client acts on.
KEPT_HEADERS = ("Allow", "Retry-After")


class ApiErrorShapeMiddleware:
    """Give every error under /api/ the one error shape, whoever answered it.

    django-ninja's handlers shape the errors of its operations; this covers the rest: an
    unknown address (Django's 404), a method a route does not have (django-ninja's 405), a
    request refused before any route (a bad Host: 400) and an unexpected failure (500).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_json = response.get("Content-Type", "").startswith("application/json")
        if not request.path.startswith("/api/") or response.status_code < 400 or is_json:
            return response
        code, message = _error_words(response.status_code)
        shaped = JsonResponse(error_body(code, message), status=response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                shaped[header] = response[header]
        return shaped


def _error_words(status: int) -> tuple[str, str]:
    words = {
        400: ("bad_request", _("The request cannot be read.")),
        403: ("permission_denied", _("Your role may not open this page.")),
        404: ("not_found", _("Not found, or outside your area.")),
        405: ("method_not_allowed", _("This method is not allowed at this address.")),
        413: ("too_large", _("The request is too large.")),
    }
    if status in words:
        return words[status]
    if status >= 500:
        return "server_error", _("Something went wrong on our side. Please try again shortly.")
    return f"http_{status}", _("The request cannot be done.")
