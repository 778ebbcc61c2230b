"""Allocation over the API: admins run, read and publish; applicants read and answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Batch, Offer
from balai.testing.allocation import Queue, account_for
from balai.testing.clients import bearer

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(
        f"/api/v1/allocation/{path}", json.dumps(body or {}), content_type="application/json"
    )


def test_an_admin_runs_reads_and_publishes_once(
    queue: Queue, users_by_role: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    batch, _offerings, _applications = queue
    admin = bearer(users_by_role[Role.ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        started = post(admin, "runs", {"batch_code": batch.code, "seed": 9})
    assert started.status_code == 202
    job = admin.get(f"/api/v1/jobs/{started.json()['job_id']}").json()
    assert job["status"] == "succeeded"
    run_id = job["result"]["run"]

    runs = admin.get("/api/v1/allocation/runs", {"batch_code": batch.code}).json()
    assert [(run["id"], run["seed"], run["status"]) for run in runs] == [(run_id, 9, "dry_run")]
    detail = admin.get(f"/api/v1/allocation/runs/{run_id}").json()
    assert detail["placed"] == 3 and detail["unplaced"] == 2
    assert [item["count"] for item in detail["by_choice"]] == [1, 1, 1]
    placements = admin.get(f"/api/v1/allocation/runs/{run_id}/placements").json()
    assert placements["count"] == 5 and len(placements["items"]) == 5

    with django_capture_on_commit_callbacks(execute=True):
        assert post(admin, f"runs/{run_id}/publish").status_code == 202
    refused = post(admin, f"runs/{run_id}/publish")
    assert refused.status_code == 400
    assert refused.json()["code"] == "already_published"


def test_a_still_open_batch_is_refused_in_indonesian(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    response = post(bearer(users_by_role[Role.ADMIN]), "runs", {"batch_code": open_batch.code})
    assert response.status_code == 400
    assert response.json()["message"].startswith("Pendaftaran masih dibuka")


def test_only_admins_run_allocations(queue: Queue, users_by_role: dict[str, User]) -> None:
    batch, *_rest = queue
    for role in (Role.KELURAHAN_OPERATOR, Role.PARTICIPANT, Role.VIEWER):
        assert (
            post(bearer(users_by_role[role]), "runs", {"batch_code": batch.code}).status_code == 403
        )


def test_an_applicant_reads_the_result_and_answers_their_own_offer_only(queue: Queue) -> None:
    batch, _offerings, (top, middle, *_rest) = queue
    allocation_publish(run=allocation_run(batch=batch, seed=5, created_by=None))
    owner = bearer(account_for(middle))
    (result,) = owner.get("/api/v1/allocation/mine").json()
    assert [offer["choice_rank"] for offer in result["offers"]] == [2]
    first, second = result["explanation"]
    assert first["lowest_admitted"].startswith("warga kelurahan setempat, 8 poin")
    assert second["placed_here"] and result["waitlist"] == [
        {"choice_rank": 1, "offering": first["offering"], "position": 1}
    ]
    offer_id = result["offers"][0]["id"]
    stranger = bearer(account_for(top))
    assert post(stranger, f"offers/{offer_id}/decline").status_code == 404
    accepted = post(owner, f"offers/{offer_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = post(owner, f"offers/{offer_id}/accept")
    assert again.status_code == 400 and again.json()["code"] == "offer_answered"
    assert Offer.objects.get(public_id=offer_id).status == "accepted"
