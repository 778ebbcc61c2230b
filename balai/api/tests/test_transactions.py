"""An API write commits exactly when its answer says it succeeded."""

from __future__ import annotations

import pytest
from django.test import Client

from balai.catalogue.models import Programme

pytestmark = [pytest.mark.django_db, pytest.mark.urls("balai.api.tests.transaction_urls")]
PREFIX = "/api/transaction-test"


def post(address: str) -> int:
    return Client(raise_request_exception=False).post(f"{PREFIX}/{address}").status_code


def test_a_write_whose_answer_succeeds_is_kept() -> None:
    assert post("written") == 201
    assert Programme.objects.filter(code="written").exists()


def test_a_write_whose_answer_fails_to_build_leaves_nothing() -> None:
    response = Client(raise_request_exception=False).post(f"{PREFIX}/answer-fails")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert not Programme.objects.filter(code="answer-fails").exists()


def test_a_write_whose_answer_does_not_fit_its_schema_leaves_nothing() -> None:
    assert post("answer-invalid") == 500
    assert not Programme.objects.filter(code="answer-invalid").exists()


def test_a_write_refused_after_the_service_wrote_leaves_nothing() -> None:
    response = Client().post(f"{PREFIX}/refused-after-write")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not Programme.objects.filter(code="refused").exists()
