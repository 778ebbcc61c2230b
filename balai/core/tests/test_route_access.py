"""Every route, opened by every role and by an anonymous visitor, is refused or served as its
declared policy says; a route nobody classified fails the walk.

The routes come from the URL resolver, so a route added later is walked without anybody
remembering to add it here.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import ApiToken, Role, User
from balai.accounts.services import api_token_create
from balai.core.access import policy_for
from balai.core.jobs import job_start
from balai.intake.models import Batch
from balai.intake.services import application_submit
from balai.testing.batches import make_second_batch
from balai.testing.registration import person_data, submission
from balai.testing.routes import ALL_ROUTES, ANONYMOUS, fill_path, walk_as


def test_every_route_has_an_access_policy() -> None:
    unclassified = [name for name, _path in ALL_ROUTES if policy_for(name) is None]
    assert unclassified == [], f"Routes with no access policy: {unclassified}"


def test_the_walk_covers_the_api_and_the_pages() -> None:
    names = {name for name, _path in ALL_ROUTES}
    assert {"reporting:home", "registry:person_list", "api-v1:person_list", "api-v1:me"} <= names


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
# that kind is walked without anybody remembering to add it here. An employer registering
# their company writes for no resident.
def person_writing_routes() -> list[tuple[str, str]]:
    return [
        (name, path)
        for name, path in ALL_ROUTES
        if (name.endswith("register") and name != "placement:employer_register")
        or name == "api-v1:application_create"
    ]


def test_the_walk_finds_the_routes_that_write_for_a_person() -> None:
    names = {name for name, _path in person_writing_routes()}
    assert names == {"intake:register", "intake:assisted_register", "api-v1:application_create"}


@pytest.mark.django_db
@pytest.mark.parametrize(("view_name", "pattern"), person_writing_routes())
def test_no_route_lets_an_operator_write_for_a_resident_outside_their_area(
    view_name: str, pattern: str, users_by_role: dict[str, User], open_batch: Batch
) -> None:
    from balai.intake.models import Application
    from balai.testing.factories import kelurahan
    from balai.testing.places import KERONCONG
    from balai.testing.registration import registration_form, registration_payload

    resident = person_data(domicile_kelurahan=kelurahan(KERONCONG))  # Kecamatan Jatiuwung
    application_submit(submission=submission(open_batch, resident))
    second = make_second_batch(open_batch)
    client = Client()
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])  # of Kelurahan Sukarasa
    path = fill_path(pattern, {"batch_code": second.code})
    if view_name.startswith("api-v1:"):
        body = registration_payload(second, nik=resident.nik, full_name=resident.full_name)
        response = client.post(path, json.dumps(body), content_type="application/json")
    else:
        data = registration_form(second, nik=resident.nik, full_name=resident.full_name)
        response = client.post(path, data, follow=True)
    assert response.status_code < 500
    assert not Application.objects.filter(batch=second).exists()
