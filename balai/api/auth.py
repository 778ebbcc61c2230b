"""API authentication as the OpenAPI schema describes it.

The work is done before the view: ApiTokenMiddleware turns a bearer token into
`request.user`, and Django's sessions do the same for a signed-in browser; these classes
accept that user, and tell API clients which two ways there are.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return request.user if request.user.is_authenticated else None


SIGNED_IN_AUTH = [BearerToken(), SessionAuth()]
