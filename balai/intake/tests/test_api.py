from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.intake.models import Application, Batch
from balai.testing.places import KERONCONG
from balai.testing.registration import application_post, registration_payload

pytestmark = pytest.mark.django_db


def test_a_resident_applies_and_reads_it_back_with_the_token_returned(open_batch: Batch) -> None:
    created = application_post(Client(), registration_payload(open_batch))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "eligible" and body["nik_masked"] == "************0001"
    assert {item["rule"] for item in body["eligibility"]} >= {"age", "domicile"}
    mine = Client(HTTP_AUTHORIZATION=f"Bearer {body['api_token']}").get("/api/v1/applications/mine")
    assert [item["public_id"] for item in mine.json()] == [body["public_id"]]


def test_the_same_request_twice_yields_one_application(open_batch: Batch) -> None:
    body = registration_payload(open_batch)
    first, second = application_post(Client(), body), application_post(Client(), body)
    assert first.json()["public_id"] == second.json()["public_id"]
    assert Application.objects.count() == 1
    assert first.json()["api_token"] and second.json()["api_token"] is None


def test_errors_use_the_forms_messages_in_the_one_error_shape(open_batch: Batch) -> None:
    response = application_post(Client(), registration_payload(open_batch, birth_date="1995-03-10"))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "nik_birth_date"
    assert "menunjukkan tanggal lahir" in body["details"]["nik"][0]
    assert not Application.objects.exists()


def test_an_operator_applies_for_a_resident_of_their_area_only(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    _api_token, token = api_token_create(user=users_by_role[Role.KELURAHAN_OPERATOR], label="t")
    operator = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    outside = application_post(
        operator, registration_payload(open_batch, domicile_kelurahan_code=KERONCONG)
    )
    assert outside.status_code == 403
    assert outside.json()["code"] == "outside_area"
    inside = application_post(operator, registration_payload(open_batch))
    assert inside.status_code == 201 and inside.json()["api_token"] is None
    area = operator.get("/api/v1/applications/area").json()
    assert area["count"] == 1


def test_a_participant_cannot_list_an_area(open_batch: Batch, users_by_role: Any) -> None:
    _api_token, token = api_token_create(user=users_by_role[Role.PARTICIPANT], label="t")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/applications/area")
    assert response.status_code == 403
