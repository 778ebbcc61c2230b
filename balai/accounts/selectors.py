from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from balai.accounts.models import ApiToken, User
from balai.core.errors import NotFoundError


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """Return `user`'s own API tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_for(*, user: User, token_id: int) -> ApiToken:
    """Return one of `user`'s own API tokens."""
    api_token = api_token_list(user=user).filter(id=token_id).first()
    if api_token is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return api_token
