"""Walking every route the resolver knows, as a role, and judging the answers by policy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from balai.accounts.models import Role
from balai.core.access import policy_for

ANONYMOUS = "anonymous"


ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def walk_routes(
    patterns: list[Any], namespaces: tuple[str, ...] = (), prefix: str = "/"
) -> Iterator[tuple[str, str]]:
    """Yield (view name, path pattern) for every route the resolver knows."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.lookup_str}>"
            yield ":".join((*namespaces, name)), prefix + str(pattern.pattern)


ALL_ROUTES = sorted(set(walk_routes(get_resolver().url_patterns)))


def fill_path(path: str, samples: dict[str, str]) -> str:
    return ROUTE_PARAMETER.sub(lambda match: samples.get(match["name"], "1"), path)


def response_for(client: Client, path: str) -> Any:
    return client.get(path, HTTP_ACCEPT="text/html")


def walk_as(
    client: Client, role: str, routes: list[tuple[str, str]], samples: dict[str, str]
) -> list[str]:
    """Open every route of `routes` with `client`, signed in as `role`; return what went
    wrong: a server error, or an answer its policy does not allow."""
    wrong = []
    for view_name, pattern in routes:
        policy = policy_for(view_name)
        assert policy is not None
        path = fill_path(pattern, samples)
        response = response_for(client, path)
        outcome = classify(response)
        if outcome == "error":
            wrong.append(f"{view_name} {path}: server error {response.status_code}")
        elif policy.delegated:
            # Django's admin refuses everybody but staff; what staff may do there it decides.
            if role != Role.ADMIN and outcome != "refused":
                wrong.append(f"{view_name} {path}: {outcome}, Django admin should refuse")
        elif policy.public or (role != ANONYMOUS and policy.allows(role)):
            if outcome == "refused":
                wrong.append(f"{view_name} {path}: refused {response.status_code}, policy allows")
        elif outcome != "refused":
            wrong.append(f"{view_name} {path}: {outcome} {response.status_code}, policy refuses")
    return wrong


def classify(response: Any) -> str:
    """Sort a response into served, refused (401/403 or a redirect to a login) or error."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in {401, 403}:
        return "refused"
    if response.status_code == 302 and "login" in response.headers.get("Location", ""):
        return "refused"
    return "served"
