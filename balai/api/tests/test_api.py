from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ninja import Schema
from openapi_spec_validator import validate

from balai.accounts.models import Role, User
from balai.api.urls import api
from balai.testing.clients import bearer
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import KERONCONG, SUKARASA
from balai.testing.routes import ALL_ROUTES, ROUTE_PARAMETER

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_valid_and_served(kota_tangerang: None) -> None:
    # Through JSON, as clients receive it (status codes become strings there).
    validate(json.loads(json.dumps(api.get_openapi_schema())))
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/persons/" in response.json()["paths"]
    assert Client().get("/api/v1/docs").status_code == 200


def test_the_docs_page_loads_no_asset_from_another_host(kota_tangerang: None) -> None:
    page = Client().get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "https://" not in page


def test_me_answers_for_the_token_holder(users_by_role: dict[str, User]) -> None:
    body = bearer(users_by_role[Role.KELURAHAN_OPERATOR]).get("/api/v1/accounts/me").json()
    assert body["role"] == "kelurahan_operator"
    assert body["kelurahan_code"] == SUKARASA


def test_the_person_list_is_scoped_like_the_web_list(users_by_role: dict[str, User]) -> None:
    PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG))
    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    body = operator.get("/api/v1/persons/").json()
    assert body["count"] == 1
    assert body["items"][0]["domicile_kelurahan_code"] == SUKARASA
    assert body["items"][0]["nik_masked"].count("*") == 12
    admin = bearer(users_by_role[Role.ADMIN])
    assert admin.get("/api/v1/persons/").json()["count"] == 2


def test_a_role_outside_the_policy_gets_403_in_the_error_shape(
    users_by_role: dict[str, User],
) -> None:
    response = bearer(users_by_role[Role.PARTICIPANT]).get("/api/v1/persons/")
    assert response.status_code == 403
    assert set(response.json()) == {"code", "message", "details"}


def test_bad_input_answers_422_in_the_error_shape(users_by_role: dict[str, User]) -> None:
    response = bearer(users_by_role[Role.ADMIN]).get("/api/v1/persons/?page=abc")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_the_person_list_takes_the_same_queries_for_5_or_50_people(
    users_by_role: dict[str, User],
) -> None:
    client = bearer(users_by_role[Role.ADMIN])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/persons/").status_code == 200
        return len(captured)

    for _ in range(5):
        PersonFactory.create(domicile_kelurahan=kelurahan(SUKARASA))
    few = queries()
    for _ in range(45):
        PersonFactory.create(domicile_kelurahan=kelurahan(KERONCONG))
    assert queries() == few


def test_regions_are_public(kota_tangerang: None, client: Any) -> None:
    kecamatan = client.get("/api/v1/regions/kecamatan").json()
    assert len(kecamatan) == 13
    kelurahan_of_cibodas = client.get("/api/v1/regions/kelurahan?kecamatan=36.71.09").json()
    assert "Jatiuwung" in {item["name"] for item in kelurahan_of_cibodas}


def balai_schemas(base: type[Schema] = Schema) -> Iterator[type[Schema]]:
    for subclass in base.__subclasses__():
        if subclass.__module__.startswith("balai.") and ".tests." not in subclass.__module__:
            yield subclass
        yield from balai_schemas(subclass)


def test_every_api_schema_has_a_name_of_its_own() -> None:
    modules_by_name: dict[str, set[str]] = defaultdict(set)
    for schema in balai_schemas():
        modules_by_name[schema.__name__].add(schema.__module__)
    shared = {name: modules for name, modules in modules_by_name.items() if len(modules) > 1}
    assert shared == {}


def test_allocation_runs_are_documented_with_the_allocation_run_schema() -> None:
    document = json.loads(json.dumps(api.get_openapi_schema()))
    listed = document["paths"]["/api/v1/allocation/runs"]["get"]["responses"]["200"]
    reference = listed["content"]["application/json"]["schema"]["items"]["$ref"]
    properties = document["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]
    assert {"batch_code", "seed", "input_hash", "placed"} <= set(properties)


def test_every_json_answer_is_documented_by_a_named_schema() -> None:
    document = json.loads(json.dumps(api.get_openapi_schema()))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if status.startswith("2") and schema is not None:
                    named = schema.get("items", schema)
                    assert set(named) == {"$ref"}, (method, path, status)


def test_every_operation_documents_its_errors_in_the_error_shape() -> None:
    document = json.loads(json.dumps(api.get_openapi_schema()))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"400", "401", "503"} <= set(responses), (method, path)
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


@pytest.mark.parametrize(
    ("method", "address", "status", "code"),
    [
        ("get", "/api/v1/no-such-thing", 404, "not_found"),
        ("get", "/api/v1/allocation/runs/999999", 404, "not_found"),
        ("delete", "/api/v1/regions/kecamatan", 405, "method_not_allowed"),
        ("put", "/api/v1/applications/", 405, "method_not_allowed"),
    ],
)
def test_unknown_addresses_and_methods_answer_in_the_error_shape(
    users_by_role: dict[str, User], method: str, address: str, status: int, code: str
) -> None:
    response = getattr(bearer(users_by_role[Role.ADMIN]), method)(address)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": code, "message": response.json()["message"], "details": {}}


def test_no_address_carries_an_identity_number() -> None:
    # NIKs and KK numbers travel in request bodies only: an address ends up in access logs,
    # browser histories and the proxy's log, whatever Balai masks in its own.
    document = json.loads(json.dumps(api.get_openapi_schema()))
    names = {
        parameter["name"].lower()
        for operations in document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
    }
    names |= {
        match["name"].lower()
        for _view, path in ALL_ROUTES
        for match in ROUTE_PARAMETER.finditer(path)
    }
    assert not {name for name in names if "nik" in name or name.startswith("kk")}
