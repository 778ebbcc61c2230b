from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils.translation import gettext as _

from balai.accounts.models import ApiTokenScope
from balai.accounts.services import api_token_authenticate

BEARER = "bearer "
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _refusal(code: str, message: str, *, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "details": {}}, status=status)


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
            api_token = api_token_authenticate(token=header[len(BEARER) :].strip())
            if api_token is None:
                return _refusal("invalid_token", _("The API token is not valid."), status=401)
            if (
                api_token.scope == ApiTokenScope.READ
                and request.method not in SAFE_METHODS
                # Ending itself is the one change a read token may make.
                and request.path != reverse("api-v1:sign_out")
            ):
                message = _("This API token may only read. Create a token that may write.")
                return _refusal("token_read_only", message, status=403)
            request.user = api_token.user
            request.api_token = api_token  # type: ignore[attr-defined]  # read by sign-out
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]  # Django's own flag
        elif _session_write_without_csrf(request):
            message = _("The form's security token is missing or wrong. Reload the page.")
            return _refusal("csrf_failed", message, status=403)
        return self.get_response(request)


def _plain_view(request: HttpRequest) -> HttpResponse:
    """Stands in for an API view in Django's CSRF check, which skips views marked exempt."""
    raise NotImplementedError


def _session_write_without_csrf(request: HttpRequest) -> bool:
    """Whether a change sent to the API by a signed-in browser lacks its CSRF proof.

    django-ninja checks CSRF only on operations that require a session; one open to anyone
    (registration) would otherwise take a signed-in operator's cookie from another site's form.
    """
    if (
        not request.path.startswith("/api/")
        or request.method in SAFE_METHODS
        or not request.user.is_authenticated
    ):
        return False
    check = CsrfViewMiddleware(lambda _request: HttpResponse())
    return check.process_view(request, _plain_view, (), {}) is not None
