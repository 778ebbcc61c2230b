"""Timetables over the API."""

from __future__ import annotations

import json
from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Instructor
from balai.catalogue.services import instructor_create
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.validator import timetable_check
from balai.testing.clients import bearer
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import BABAKAN
from balai.testing.scheduling import local_holiday_of

pytestmark = pytest.mark.django_db


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


def test_an_admin_moves_a_session_and_hands_a_class_over_through_the_api(
    city: Batch, users_by_role: dict[str, User]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    admin = bearer(users_by_role[Role.ADMIN])
    training_class = TrainingClass.objects.select_related("programme").order_by("pk").first()
    assert training_class is not None
    sessions = admin.get(f"/api/v1/schedule/classes/{training_class.pk}/sessions").json()
    first = sessions[0]
    refused = admin.post(
        f"/api/v1/schedule/sessions/{first['id']}/move",
        json.dumps({"date": local_holiday_of(city).isoformat(), "slot": first["slot"]}),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "session_move_conflict"
    assert any("hari libur" in text for text in refused.json()["details"]["problems"])
    assert ClassSession.objects.get(pk=first["id"]).date.isoformat() == first["date"]

    newcomer = instructor_create(
        full_name="Pengganti",
        home_kelurahan=kelurahan(BABAKAN),
        programmes=[training_class.programme],
    )
    handed = admin.post(
        f"/api/v1/schedule/classes/{training_class.pk}/instructor",
        json.dumps({"instructor_id": newcomer.pk, "starts_on": str(city.training_starts_on)}),
        content_type="application/json",
    )
    assert handed.status_code == 200 and handed.json() == {"changed": len(sessions)}
    assert timetable_check(batch=city) == []

    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    assert (
        operator.post(
            f"/api/v1/schedule/sessions/{first['id']}/move",
            json.dumps({"date": first["date"], "slot": 0}),
            content_type="application/json",
        ).status_code
        == 403
    )
