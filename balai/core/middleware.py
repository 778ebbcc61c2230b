from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError, error_body
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


class NoStoreMiddleware:
    """Keep every answer that may hold personal data out of caches: `Cache-Control: no-store`.

    A shared kelurahan-office computer's browser, or a proxy on the way, must not hand one
    person's page to the next. Static files never reach this (WhiteNoise answers them first,
    with far-future caching); an answer a view declares `public` keeps its caching unless the
    request came signed in (a session cookie or a bearer token).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        public = "public" in response.get("Cache-Control", "")
        signed_in = (
            settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META
        )
        if signed_in or not public:
            response["Cache-Control"] = "no-store"
        return response


class UrlCharactersMiddleware:
    """Refuse an address whose path or query holds a NUL character, with a clear message.

    No address of Balai needs one, PostgreSQL refuses to store or compare one, and forms
    already refuse it in posted fields (Django's validator); this covers what is read from
    the URL: path parts and GET parameters alike.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parts = [request.path, *request.GET.keys(), *request.GET.values()]
        if not any("\x00" in part for part in parts):
            return self.get_response(request)
        message = _("The address contains a NUL character, which is not allowed.")
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("invalid_characters", message), status=400)
        return render(request, "error.html", {"message": message}, status=400)


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
