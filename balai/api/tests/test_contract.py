"""The API keeps the contract its OpenAPI schema states, under generated input.

schemathesis reads /api/v1/openapi.json and sends every operation requests made from the
schema (in-process, through the WSGI application): anonymously, and as a user whose role the
operation admits, with made-up identifiers and with those of a small city that has a batch,
a published allocation, a timetabled class and its participants. Every answer must be no
server error, with a status, content type, headers and body the schema documents.

Derandomised with a bounded number of examples per operation, so CI sees the same requests
every run and the test stays quick.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.catalogue.models import Programme
from balai.core.access import policy_for
from balai.core.jobs import job_start
from balai.intake.models import AllocationRun
from balai.testing.placement import make_company
from balai.testing.training import Classroom, completed, make_classroom

pytestmark = pytest.mark.django_db

EXAMPLES_PER_CALLER = int(os.environ.get("CONTRACT_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ROLE_PREFERENCE = [
    Role.ADMIN,
    Role.KELURAHAN_OPERATOR,
    Role.INSTRUCTOR,
    Role.PARTICIPANT,
    Role.EMPLOYER,
]


@pytest.fixture
def wsgi_application() -> Iterator[Any]:
    # As Django's test client does: a request's start and end must not close the connection
    # that holds the test's transaction (and the city in it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> Classroom:
    return make_classroom(programmes)


def bearer_header(user: User) -> dict[str, str]:
    _token, secret = api_token_create(user=user, label="contract")
    return {"Authorization": f"Bearer {secret}"}


def callers(classroom: Classroom, users_by_role: dict[str, User]) -> dict[str, dict[str, str]]:
    """The headers of each role's caller: the admin, an operator, the class's instructor, one
    of its participants and an employer of a verified company."""
    _company, (employer,) = make_company()
    return {
        Role.ADMIN: bearer_header(users_by_role[Role.ADMIN]),
        Role.KELURAHAN_OPERATOR: bearer_header(users_by_role[Role.KELURAHAN_OPERATOR]),
        Role.INSTRUCTOR: bearer_header(classroom.teacher),
        Role.PARTICIPANT: bearer_header(classroom.participants[0]),
        Role.EMPLOYER: bearer_header(employer),
    }


def real_values(classroom: Classroom, admin: User) -> dict[str, Any]:
    """Identifiers that exist in the city, by parameter name."""
    job = job_start(kind="seed_demo", label="contract", parameters={}, created_by=admin)
    certificate = completed(classroom)  # the first participant's
    return {
        "number": certificate.number,
        "batch_code": classroom.training_class.batch.code,
        "run_id": AllocationRun.objects.get().pk,
        "class_id": classroom.training_class.pk,
        "session_id": classroom.sessions[0].pk,
        "offer_id": str(classroom.enrolments[0].offer.public_id),
        "job_id": str(job.id),
    }


def admitted_role(operation: Any) -> str | None:
    """The first role (admins first) that the route of `operation` admits, or None if the
    route is public."""
    path = operation.path
    for parameter in operation.path_parameters:
        schema = parameter.definition.get("schema", {})
        sample = str(uuid.uuid4()) if schema.get("format") == "uuid" else "1"
        path = path.replace("{" + parameter.name + "}", sample)
    policy = policy_for(resolve(operation.full_path.replace(operation.path, path)).view_name)
    assert policy is not None
    if policy.public:
        return None
    return next(role for role in ROLE_PREFERENCE if policy.allows(role))


def failures_of(operation: Any, caller: str, headers: dict[str, str], **fixed: Any) -> list[str]:
    """Send `operation` generated requests as `caller`, valid and invalid alike; return what
    broke the contract."""
    strategy = operation.as_strategy(**fixed) | operation.as_strategy(
        generation_mode=GenerationMode.NEGATIVE, **fixed
    )

    @hypothesis.settings(
        max_examples=EXAMPLES_PER_CALLER,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(case=strategy)
    def send(case: Any) -> None:
        # Called over WSGI, nothing would undo the gzip that answers get when asked for.
        case.call_and_validate(headers={**headers, "Accept-Encoding": "identity"}, checks=CHECKS)

    try:
        send()
    except (Exception, BaseExceptionGroup) as failure:  # reported together, then asserted
        return [f"{operation.label} as {caller}: {failure}"]
    return []


def fixed_values(operation: Any, values: dict[str, Any]) -> dict[str, Any]:
    fixed: dict[str, Any] = {}
    path = {p.name: values[p.name] for p in operation.path_parameters if p.name in values}
    query = {p.name: values[p.name] for p in operation.query if p.name in values}
    if path:
        fixed["path_parameters"] = path
    if query:
        fixed["query"] = query
    return fixed


def test_every_operation_keeps_the_contract(
    city: Classroom, users_by_role: dict[str, User], wsgi_application: Any
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application)
    headers_of = callers(city, users_by_role)
    values = real_values(city, users_by_role[Role.ADMIN])
    failures: list[str] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        failures += failures_of(operation, "anonymous", {})
        role = admitted_role(operation)
        if role is not None:
            failures += failures_of(operation, role, headers_of[role])
        fixed = fixed_values(operation, values)
        if fixed:
            caller = role or "anonymous"
            failures += failures_of(operation, caller, headers_of.get(caller, {}), **fixed)
    assert failures == [], "\n\n".join(failures)
