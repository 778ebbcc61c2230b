"""Grants over the API: the same rules as the pages, answers in named schemas, errors in the
one error shape, no NIK anywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.models import GrantApplication
from balai.testing.clients import bearer
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.grants import ALL_TICKED, apply_for, make_approved, mark_paid
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db

API = "/api/v1/enterprise/grants"


def application_payload(batch_id: int, **changes: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "batch_id": batch_id,
        "business_name": "Warung Berkah",
        "business_type": "food",
        "business_started_on": timezone.localdate().isoformat(),
        "business_address": "Jl. Merdeka 1",
        "requested_use": "Etalase",
    }
    payload.update(changes)
    return payload


def test_batches_list_their_remaining_budget(users_by_role: dict[str, User]) -> None:
    batch = make_grant_batch(budget_ceiling=3_000_000)

    answer = bearer(users_by_role[Role.ADMIN]).get(f"{API}/batches")
    detail = bearer(users_by_role[Role.ADMIN]).get(f"{API}/batches/{batch.pk}")

    assert answer.status_code == 200
    assert answer.json()[0]["remaining_budget"] == 3_000_000
    assert detail.json()["budget_ceiling"] == 3_000_000


def test_a_participant_applies_and_a_double_submit_answers_with_one_application(
    kota_tangerang: None,
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    assert resident.user is not None
    client = bearer(resident.user)

    first = client.post(
        f"{API}/apply", application_payload(batch.pk), content_type="application/json"
    )
    again = client.post(
        f"{API}/apply", application_payload(batch.pk), content_type="application/json"
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    assert GrantApplication.objects.count() == 1
    assert "nik" not in first.content.decode().lower()
    assert first.json()["status"] == "submitted"


def test_an_ineligible_application_answers_every_reason(
    kota_tangerang: None, settings: Any
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    settings.BALAI_REGENCY_CODE = "36.03"
    assert resident.user is not None

    answer = bearer(resident.user).post(
        f"{API}/apply",
        application_payload(batch.pk, declares_other_city_grant=True),
        content_type="application/json",
    )

    body = answer.json()
    assert answer.status_code == 400
    assert body["code"] == "grant_ineligible"
    assert {reason["code"] for reason in body["details"]["reasons"]} == {
        "domicile_outside_city",
        "other_city_grant",
    }


def test_verify_approve_and_over_budget_through_the_api(users_by_role: dict[str, User]) -> None:
    first, second = make_residents(2)
    batch = make_grant_batch(amount_per_grant=700_000, budget_ceiling=1_000_000)
    applications = [apply_for(first, batch), apply_for(second, batch)]
    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    admin = bearer(users_by_role[Role.ADMIN])
    for application in applications:
        verified = operator.post(
            f"{API}/{application.pk}/verify",
            {"checklist": ALL_TICKED},
            content_type="application/json",
        )
        assert verified.json()["status"] == "verified"

    approved = admin.post(f"{API}/{applications[0].pk}/approve")
    refused = admin.post(f"{API}/{applications[1].pk}/approve")

    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert refused.status_code == 400 and refused.json()["code"] == "over_budget"
    assert admin.get(f"{API}/batches/{batch.pk}").json()["remaining_budget"] == 300_000


def test_an_operator_may_not_approve_and_sees_only_their_area(
    users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    batch = make_grant_batch()
    (inside,) = make_residents(1)
    (outside,) = make_residents(1, kelurahan_code=KERONCONG)
    apply_for(inside, batch)
    elsewhere = apply_for(outside, batch)
    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])

    with django_assert_max_num_queries(8):
        listed = operator.get(f"{API}/", {"batch_id": batch.pk})

    assert [item["person_name"] for item in listed.json()["items"]] == [inside.full_name]
    assert operator.get(f"{API}/{elsewhere.pk}").status_code == 404
    assert operator.post(f"{API}/{elsewhere.pk}/approve").status_code == 403


def test_the_recipient_reports_usage_of_a_paid_grant(users_by_role: dict[str, User]) -> None:
    (resident,) = make_residents(1)
    grant = mark_paid(
        make_approved(
            resident,
            make_grant_batch(),
            operator=users_by_role[Role.KELURAHAN_OPERATOR],
            admin=users_by_role[Role.ADMIN],
        )
    )
    assert resident.user is not None

    answer = bearer(resident.user).post(
        f"{API}/{grant.pk}/usage",
        {"spent_on": "Etalase", "amount_spent": 480_000, "business_running": True},
        content_type="application/json",
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "application_id": grant.pk,
        "spent_on": "Etalase",
        "amount_spent": 480_000,
        "business_running": True,
        "has_evidence": False,
    }
