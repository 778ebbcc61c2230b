from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.forms import ApiTokenForm
from balai.accounts.selectors import api_token_get_for, api_token_list
from balai.accounts.services import api_token_create, api_token_revoke
from balai.core.access import request_user


def api_token_page(request: HttpRequest) -> HttpResponse:
    """List the user's API tokens and create one; a new token is shown once, here."""
    user = request_user(request)
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _api_token, new_token = api_token_create(user=user, label=form.cleaned_data["label"])
        form = ApiTokenForm()
    context = {"form": form, "tokens": api_token_list(user=user), "new_token": new_token}
    return render(request, "accounts/api_tokens.html", context)


@require_POST
def api_token_revoke_action(request: HttpRequest, token_id: int) -> HttpResponse:
    api_token_revoke(api_token=api_token_get_for(user=request_user(request), token_id=token_id))
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api_tokens")
