"""One error shape for the whole API: {"code": …, "message": …, "details": {…}}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from balai.core.errors import ApplicationError
from balai.core.throttling import RateLimitedError


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or {}}


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every failure of `api` answer in the one error shape."""

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, error: ApplicationError) -> HttpResponse:
        response = api.create_response(
            request, error_body(error.code, error.message, error.details), status=error.status
        )
        if isinstance(error, RateLimitedError):
            response["Retry-After"] = str(error.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        body = error_body("invalid_input", _("The request is not valid."), {"errors": error.errors})
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        body = error_body("not_authenticated", _("Sign in first."))
        return api.create_response(request, body, status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        body = error_body(f"http_{error.status_code}", str(error))
        return api.create_response(request, body, status=error.status_code)
