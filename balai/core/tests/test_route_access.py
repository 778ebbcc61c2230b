"""Every route, opened by every role and by an anonymous visitor, is refused or served as its
declared policy says; a route nobody classified fails the walk.

The routes come from the URL resolver, so a route added later is walked without anybody
remembering to add it here.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from balai.accounts.models import ApiToken, Role, User
from balai.accounts.services import api_token_create
from balai.core.access import policy_for
from balai.core.jobs import job_start
from balai.intake.models import Batch
from balai.intake.services import application_submit
from balai.intake.tests.test_submit import person_data, submission

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


def test_every_route_has_an_access_policy() -> None:
    unclassified = [name for name, _path in ALL_ROUTES if policy_for(name) is None]
    assert unclassified == [], f"Routes with no access policy: {unclassified}"


def test_the_walk_covers_the_api_and_the_pages() -> None:
    names = {name for name, _path in ALL_ROUTES}
    assert {"reporting:home", "registry:person_list", "api-v1:person_list", "api-v1:me"} <= names


def fill_path(path: str, samples: dict[str, str]) -> str:
    return ROUTE_PARAMETER.sub(lambda match: samples.get(match["name"], "1"), path)


@pytest.fixture
def samples(users_by_role: dict[str, User], open_batch: Batch) -> dict[str, str]:
    job = job_start(
        kind="seed_demo",
        label="walk",
        parameters={"scale": "small", "seed": 1},
        created_by=users_by_role[Role.ADMIN],
    )
    api_token, _token = api_token_create(user=users_by_role[Role.ADMIN], label="walk")
    application = application_submit(submission=submission(open_batch, person_data()))
    return {
        "batch_code": open_batch.code,
        "upload_id": str(uuid.uuid4()),
        "offer_id": str(uuid.uuid4()),
        "candidate_id": "1",
        "public_id": str(application.public_id),
        "job_id": str(job.id),
        "token_id": str(api_token.id),
        "uidb64": "MQ",
        "token": "set-password",
        "object_id": "1",
        "content_type_id": "1",
        "url": "nothing/",
    }


def response_for(client: Client, path: str) -> Any:
    return client.get(path, HTTP_ACCEPT="text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANONYMOUS, *Role.values])
def test_each_role_opens_exactly_the_routes_its_policy_allows(
    role: str, users_by_role: dict[str, User], samples: dict[str, str]
) -> None:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(users_by_role[role])
    wrong = walk_as(client, role, ALL_ROUTES, samples)
    assert wrong == [], "\n".join(wrong)


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


@pytest.mark.django_db
def test_a_route_without_a_policy_is_refused_before_its_view_runs(
    users_by_role: dict[str, User], settings: Any
) -> None:
    settings.ROOT_URLCONF = "balai.core.tests.unclassified_urls"
    client = Client()
    client.force_login(users_by_role[Role.ADMIN])
    response = client.get("/unclassified/")
    assert response.status_code == 403
    assert b"view ran" not in response.content


@pytest.mark.django_db
def test_api_routes_answer_401_in_the_error_shape_for_anonymous_callers(
    kota_tangerang: None,
) -> None:
    response = Client().get("/api/v1/persons/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_a_revoked_token_is_not_accepted(users_by_role: dict[str, User]) -> None:
    api_token, token = api_token_create(user=users_by_role[Role.ADMIN], label="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/accounts/me").status_code == 200
    ApiToken.objects.filter(pk=api_token.pk).update(revoked_at="2026-01-01T00:00:00Z")
    response = client.get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


# Every route that registers or applies for a person: found by name, so that a new route of
# that kind is walked without anybody remembering to add it here.
def person_writing_routes() -> list[tuple[str, str]]:
    return [
        (name, path)
        for name, path in ALL_ROUTES
        if name.endswith("register") or name == "api-v1:application_create"
    ]


def test_the_walk_finds_the_routes_that_write_for_a_person() -> None:
    names = {name for name, _path in person_writing_routes()}
    assert names == {"intake:register", "intake:assisted_register", "api-v1:application_create"}


@pytest.mark.django_db
@pytest.mark.parametrize(("view_name", "pattern"), person_writing_routes())
def test_no_route_lets_an_operator_write_for_a_resident_outside_their_area(
    view_name: str, pattern: str, users_by_role: dict[str, User], open_batch: Batch
) -> None:
    from balai.conftest import KERONCONG
    from balai.factories import kelurahan
    from balai.intake.models import Application
    from balai.intake.tests.test_registration_identity import api_payload, form_data

    resident = person_data(domicile_kelurahan=kelurahan(KERONCONG))  # Kecamatan Jatiuwung
    application_submit(submission=submission(open_batch, resident))
    second = make_second_batch(open_batch)
    client = Client()
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])  # of Kelurahan Sukarasa
    path = fill_path(pattern, {"batch_code": second.code})
    if view_name.startswith("api-v1:"):
        body = api_payload(second, nik=resident.nik, full_name=resident.full_name)
        response = client.post(path, json.dumps(body), content_type="application/json")
    else:
        data = form_data(second, nik=resident.nik, full_name=resident.full_name)
        response = client.post(path, data, follow=True)
    assert response.status_code < 500
    assert not Application.objects.filter(batch=second).exists()


def make_second_batch(batch: Batch) -> Batch:
    from balai.conftest import make_batch
    from balai.intake.selectors import offering_list
    from balai.intake.services import offerings_create

    second = make_batch(code="gelombang-2")
    offerings_create(
        batch=second,
        rows=[
            (offering.programme, offering.kelurahan, None, 20)
            for offering in offering_list(batch=batch)
        ],
    )
    return second
