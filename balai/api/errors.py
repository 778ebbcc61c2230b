"""One error shape for the whole API: {"code": …, "message": …, "details": {…}}."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from balai.core.errors import ApplicationError, error_body
from balai.core.throttling import RateLimitedError

__all__ = ["error_body", "install_error_handlers"]


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

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        body = error_body("not_found", _("Not found, or outside your area."))
        return api.create_response(request, body, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        body = error_body(f"http_{error.status_code}", str(error))
        return api.create_response(request, body, status=error.status_code)
