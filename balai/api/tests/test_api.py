from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from balai.accounts.models import Role, User
from balai.api.urls import api
from balai.conftest import KERONCONG, SUKARASA, bearer
from balai.factories import PersonFactory, kelurahan

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
