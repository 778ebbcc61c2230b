from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.forms import ApiTokenForm
from balai.accounts.models import ApiTokenScope, User
from balai.accounts.selectors import api_token_get_for, api_token_list
from balai.accounts.services import (
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_at_sign_out,
    user_tokens_revoke_after_password_change,
)
from balai.core.access import request_user
from balai.core.throttling import (
    RateLimitedError,
    account_key,
    address_of,
    rate_limited_response,
    throttle_check,
)


def api_token_page(request: HttpRequest) -> HttpResponse:
    """List the user's API tokens and create one; a new token is shown once, here."""
    user = request_user(request)
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _api_token, new_token = api_token_create(
            user=user,
            label=form.cleaned_data["label"],
            scope=ApiTokenScope(form.cleaned_data["scope"]),
        )
        form = ApiTokenForm()
    context = {"form": form, "tokens": api_token_list(user=user), "new_token": new_token}
    return render(request, "accounts/api_tokens.html", context)


@require_POST
def api_token_revoke_action(request: HttpRequest, token_id: int) -> HttpResponse:
    api_token_revoke(api_token=api_token_get_for(user=request_user(request), token_id=token_id))
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api_tokens")


class SignOutView(auth_views.LogoutView):
    """Sign out, ending too the API tokens that signing in handed out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if isinstance(request.user, User):
            api_tokens_revoke_at_sign_out(user=request.user)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; every API token made with the old one ends."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_tokens_revoke_after_password_change(user=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from an e-mailed link; every API token made with the old one ends."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_tokens_revoke_after_password_change(user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Send a password reset link; limited per address and per e-mail address."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rate = settings.PASSWORD_RESET_RATE
        email = request.POST.get("email", "")
        try:
            throttle_check(request, action="password-reset", key=address_of(request), rate=rate)
            throttle_check(
                request, action="password-reset-email", key=account_key(email), rate=rate
            )
        except RateLimitedError as error:
            form = self.get_form()
            form.add_error(None, error.message)
            return rate_limited_response(self.form_invalid(form), error)
        return super().post(request, *args, **kwargs)
