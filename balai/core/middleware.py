from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation

from balai.core.errors import ApplicationError
from balai.core.request_context import acting_as


def client_ip_address(request: HttpRequest) -> str | None:
    """Return the client's address, for the audit log and for login throttling alike."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.USE_X_FORWARDED_FOR and forwarded:
        # Behind our proxy REMOTE_ADDR is the proxy, which appends the address it saw as the
        # last entry; earlier entries come from the client and may be forged.
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Record who is acting and from where for everything this request writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        channel = "api" if request.path.startswith("/api/") else "web"
        with acting_as(user, channel=channel, ip_address=client_ip_address(request)):
            return self.get_response(request)


class ApplicationErrorMiddleware:
    """Show a domain refusal raised in a page's view as a page with its message.

    Forms catch ApplicationError themselves to redisplay with the message beside the fields;
    this is the fallback for the rest (a record outside the user's area, say).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        response = TemplateResponse(
            request, "error.html", {"message": exception.message}, status=exception.status
        )
        retry_after = getattr(exception, "retry_after", None)
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response


class LanguageMiddleware:
    """Speak Indonesian unless the person chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
    Indonesia are set to English while their owners expect a government service in
    Indonesian; so only the explicit choice (the language cookie) counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
