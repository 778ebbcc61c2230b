"""Route access: which roles may open which route, declared beside the routes, enforced here.

Each app registers a policy for every named route in its urls.py (and its API routes in
api.py). `RouteAccessMiddleware` checks it before any view runs, and refuses a route with no
policy, so a forgotten route is closed rather than open; the route-walking test fails on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import PermissionDeniedError


@dataclass(frozen=True)
class Policy:
    """`roles` may open the route; `public` opens it to everyone, signed in or not."""

    roles: frozenset[str] = frozenset()
    public: bool = False
    # Django's own admin checks is_staff itself; listed so that it is a decision, not a gap.
    delegated: bool = False

    def allows(self, role: str) -> bool:
        return self.public or self.delegated or role in self.roles


PUBLIC = Policy(public=True)
DJANGO_ADMIN = Policy(delegated=True)
SIGNED_IN = Policy(roles=frozenset(Role.values))
STAFF = Policy(roles=frozenset({Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR}))
ADMIN_ONLY = Policy(roles=frozenset({Role.ADMIN}))


def roles(*allowed: Role) -> Policy:
    return Policy(roles=frozenset(allowed))


_POLICIES: dict[str, Policy] = {
    # The Django admin's own sign-in and sign-out pages are for everybody to reach.
    "admin:login": PUBLIC,
    "admin:logout": PUBLIC,
}
_NAMESPACE_POLICIES: dict[str, Policy] = {"admin": DJANGO_ADMIN}


def register_route_access(namespace: str, policies: Mapping[str, Policy]) -> None:
    """Declare the policy of each route `name` in `namespace` ("core", "api-v1", …)."""
    for name, policy in policies.items():
        _POLICIES[f"{namespace}:{name}" if namespace else name] = policy


def policy_for(view_name: str) -> Policy | None:
    """Return the policy of a resolved view name, or None if nobody classified it."""
    policy = _POLICIES.get(view_name)
    if policy is None and ":" in view_name:
        policy = _NAMESPACE_POLICIES.get(view_name.split(":", 1)[0])
    return policy


def classified_view_names() -> Iterable[str]:
    return list(_POLICIES)


class RouteAccessMiddleware:
    """Refuse a request before its view runs unless the route's policy allows the user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        view_name = match.view_name if match is not None else ""
        policy = policy_for(view_name)
        is_api = request.path.startswith("/api/")
        if policy is None:
            return _refuse(request, is_api, status=403)
        if policy.public or policy.delegated:
            return None
        user = request.user
        if not user.is_authenticated:
            if is_api:
                return _refuse(request, is_api, status=401)
            return redirect_to_login(request.get_full_path())
        if not policy.allows(getattr(user, "role", "")):
            return _refuse(request, is_api, status=403)
        return None


def route_allowed(request: HttpRequest, view_name: str) -> bool:
    """Whether the signed-in user may use the route `view_name`: a page offers a button or
    form only to those whose role its route admits, so that nobody is shown a refusal."""
    policy = policy_for(view_name)
    role = getattr(request.user, "role", None)
    return policy is not None and role is not None and policy.allows(role)


def request_user(request: HttpRequest) -> User:
    """Return the signed-in user of a request that route access has already admitted."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDeniedError(_("Sign in first."))
    return user


def _refuse(request: HttpRequest, is_api: bool, *, status: int) -> HttpResponse:
    if status == 401:
        message, code = _("Sign in first."), "not_authenticated"
    else:
        message, code = _("Your role may not open this page."), "permission_denied"
    if is_api:
        return JsonResponse({"code": code, "message": message, "details": {}}, status=status)
    return TemplateResponse(request, "403.html", {"message": message}, status=status)
