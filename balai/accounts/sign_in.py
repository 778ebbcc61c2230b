"""Signing in, with limits on guessing that an attacker cannot turn against the owner.

Three counters of failures: one account from one address (django-axes locks it for 15
minutes), one address over all accounts (password spraying) and one account from all
addresses (guessing from many machines). The last two would let anybody lock an account, or
everybody behind one carrier's shared address, out: so, as OWASP's "device cookies" advise,
a browser that has signed in to an account before carries a signed cookie naming it, and for
that account it is held only to a limit of its own.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core import signing
from django.http import HttpRequest, HttpResponse

from balai.accounts.forms import SignInForm
from balai.accounts.usernames import sign_in_username
from balai.core.throttling import (
    RateLimitedError,
    account_key,
    address_of,
    rate_limited_response,
    throttle_check,
    throttle_record,
)

DEVICE_COOKIE = "balai_device"
DEVICE_SALT = "balai.accounts.device-cookie"
DEVICE_COOKIE_AGE = 365 * 24 * 60 * 60


def device_cookie_value(username: str) -> str:
    """Return a signed cookie value naming this browser as one that signed in as `username`."""
    return signing.dumps(
        {"account": account_key(username), "device": secrets.token_urlsafe(12)}, salt=DEVICE_SALT
    )


def trusted_device(request: HttpRequest, username: str) -> str | None:
    """Return the device's id if the request carries a device cookie for `username`."""
    try:
        value = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("account") != account_key(username):
        return None
    return str(value.get("device", "")) or None


def failure_counters(request: HttpRequest) -> list[tuple[str, str, str]]:
    """Return the (counter, key, rate) that a failed sign-in of this request counts against."""
    # Read as the form reads it: typing one number another way is the same account.
    username = sign_in_username(request.POST.get("username", ""))
    device = trusted_device(request, username)
    if device is not None:
        return [("sign-in-failure-device", device, settings.SIGN_IN_FAILURES_PER_DEVICE)]
    return [
        ("sign-in-failure-address", address_of(request), settings.SIGN_IN_FAILURES_PER_ADDRESS),
        ("sign-in-failure-account", account_key(username), settings.SIGN_IN_FAILURES_PER_ACCOUNT),
    ]


class SignInView(auth_views.LoginView):
    """Sign in, refused once this request's failure counters are past their limits."""

    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            for action, key, rate in failure_counters(request):
                throttle_check(request, action=action, key=key, rate=rate, count=False)
        except RateLimitedError as error:
            form = self.get_form()
            form.add_error(None, error.message)
            return rate_limited_response(super().form_invalid(form), error)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        response.set_cookie(
            DEVICE_COOKIE,
            device_cookie_value(form.get_user().get_username()),
            max_age=DEVICE_COOKIE_AGE,
            secure=not settings.DEBUG,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        # A request django-axes already refused is its lock's business, not another failure.
        if not getattr(self.request, "axes_locked_out", False):
            for action, key, rate in failure_counters(self.request):
                throttle_record(self.request, action=action, key=key, rate=rate)
        return super().form_invalid(form)
