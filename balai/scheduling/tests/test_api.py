"""Timetables over the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.catalogue.models import Instructor
from balai.factories import UserFactory
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession

pytestmark = pytest.mark.django_db


def bearer(user: User) -> Client:
    _token, secret = api_token_create(user=user, label="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_an_admin_solves_and_everyone_reads_their_part(
    city: Batch, users_by_role: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    admin = bearer(users_by_role[Role.ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        started = admin.post(
            "/api/v1/schedule/solve",
            json.dumps({"batch_code": city.code, "time_limit": 10}),
            content_type="application/json",
        )
    assert started.status_code == 202
    (run,) = admin.get("/api/v1/schedule/runs", {"batch_code": city.code}).json()
    assert run["classes_scheduled"] == 6 and run["violations"] == []

    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    classes = operator.get("/api/v1/schedule/classes", {"batch_code": city.code}).json()
    assert len(classes) == 6 and all(item["status"] == "scheduled" for item in classes)
    sessions = operator.get(f"/api/v1/schedule/classes/{classes[0]['id']}/sessions").json()
    assert [item["number"] for item in sessions] == list(range(1, 21))

    instructor = Instructor.objects.get(pk=classes[0]["instructor_id"])
    account = UserFactory.create(role=Role.INSTRUCTOR)
    Instructor.objects.filter(pk=instructor.pk).update(user=account)
    mine = bearer(account).get("/api/v1/schedule/mine").json()
    assert len(mine) == ClassSession.objects.filter(instructor=instructor).count()

    refused = operator.post(
        "/api/v1/schedule/solve",
        json.dumps({"batch_code": city.code}),
        content_type="application/json",
    )
    assert refused.status_code == 403
