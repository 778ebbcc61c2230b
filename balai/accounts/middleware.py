from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from balai.accounts.services import api_token_authenticate

BEARER = "bearer "


class ApiTokenMiddleware:
    """Sign in an API request that carries `Authorization: Bearer <token>`.

    Done as middleware so that route access, area scoping and the audit log see the token's
    user exactly as they see a signed-in browser's. Token requests carry no cookie, so CSRF
    (an attack through cookies) does not apply to them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header[: len(BEARER)].lower() == BEARER and request.path.startswith("/api/"):
            user = api_token_authenticate(token=header[len(BEARER) :].strip())
            if user is None:
                return JsonResponse(
                    {
                        "code": "invalid_token",
                        "message": _("The API token is not valid."),
                        "details": {},
                    },
                    status=401,
                )
            request.user = user
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]  # Django's own flag
        return self.get_response(request)
