"""Input that no database can store is refused with a clear 4xx, never a 500: lone
surrogates and NUL characters in JSON, integers beyond 64 bits, NUL in an address, page
numbers past any list."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.intake.models import Application, Batch
from balai.testing.clients import bearer
from balai.testing.registration import registration_payload

pytestmark = pytest.mark.django_db
APPLICATIONS = "/api/v1/applications/"


def post_raw(body: str) -> Any:
    return Client().post(APPLICATIONS, body, content_type="application/json")


def refused_fields(response: Any) -> set[str]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_input"
    return {str(error["loc"][-1]) for error in body["details"]["errors"]}


def test_a_lone_surrogate_in_json_text_is_refused_naming_the_field(open_batch: Batch) -> None:
    body = json.dumps(registration_payload(open_batch, full_name="Siti Aminah"))
    response = post_raw(body.replace("Siti Aminah", "Siti \\ud800Aminah"))
    assert refused_fields(response) == {"full_name"}
    assert Application.objects.count() == 0


def test_a_nul_character_in_json_text_is_refused_naming_the_field(open_batch: Batch) -> None:
    response = post_raw(json.dumps(registration_payload(open_batch, address="Jl. Mawar\x001")))
    assert refused_fields(response) == {"address"}
    assert Application.objects.count() == 0


def test_an_integer_beyond_64_bits_is_refused_naming_the_field(open_batch: Batch) -> None:
    response = post_raw(json.dumps(registration_payload(open_batch, choices=[2**70])))
    assert refused_fields(response) == {"choices"}


def test_a_page_past_any_list_is_refused(users_by_role: dict[str, User]) -> None:
    admin = bearer(users_by_role[Role.ADMIN])
    for address in ("/api/v1/persons/?page=", "/api/v1/applications/area?page="):
        response = admin.get(f"{address}{2**70}")
        assert refused_fields(response) == {"page"}


def test_a_nul_character_in_an_api_query_is_refused_in_the_error_shape(
    users_by_role: dict[str, User],
) -> None:
    response = bearer(users_by_role[Role.ADMIN]).get("/api/v1/schedule/runs?batch_code=a%00b")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_a_nul_character_in_a_page_address_gets_a_page_saying_so(kota_tangerang: None) -> None:
    response = Client().get("/verifikasi/", {"number": "BLK\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
