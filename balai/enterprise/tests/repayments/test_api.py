"""Repayments over the API: the same services, the error shape, and the caller's scope."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.models import Loan, LoanRepayment
from balai.testing.clients import bearer
from balai.testing.enterprise import GroupAtWork, make_residents

pytestmark = pytest.mark.django_db

BASE = "/api/v1/enterprise/repayments/"


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def test_a_repayment_is_recorded_once_per_key_and_shows_its_allocations(
    team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    body = {
        "loan_id": team_loans[0].pk,
        "amount": 150_000,
        "paid_on": timezone.localdate().isoformat(),
        "idempotency_key": "api-key-0001",
        "reference": "TRF-9",
    }

    first = post(client, "", body)
    again = post(client, "", body)

    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["allocations"] == [
        {"installment_number": 1, "amount": 100_000},
        {"installment_number": 2, "amount": 50_000},
    ]
    assert LoanRepayment.objects.count() == 1


def test_refusals_answer_in_the_error_shape_and_record_nothing(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.ADMIN])
    too_much = post(
        client,
        "",
        {
            "loan_id": team_loans[0].pk,
            "amount": 5_000_000,
            "paid_on": timezone.localdate().isoformat(),
            "idempotency_key": "api-too-much",
        },
    )
    collection = post(
        client,
        "collections",
        {
            "group_id": team.group.pk,
            "paid_on": timezone.localdate().isoformat(),
            "collection_key": "api-collection-1",
            "lines": [
                {"loan_id": team_loans[0].pk, "amount": 100_000},
                {"loan_id": team_loans[1].pk, "amount": 5_000_000},
            ],
        },
    )

    assert (too_much.status_code, too_much.json()["code"]) == (400, "repayment_refused")
    assert (collection.status_code, collection.json()["code"]) == (400, "collection_refused")
    assert team_loans[1].borrower.full_name in collection.json()["message"]
    assert not LoanRepayment.objects.exists()


def test_a_collection_a_reversal_a_write_off_and_the_statements(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    admin = bearer(users_by_role[Role.ADMIN])
    collected = post(
        admin,
        "collections",
        {
            "group_id": team.group.pk,
            "paid_on": timezone.localdate().isoformat(),
            "collection_key": "api-collection-2",
            "reference": "KW-2",
            "lines": [{"loan_id": loan.pk, "amount": 100_000} for loan in team_loans],
        },
    )
    assert collected.status_code == 201
    assert collected.json()["total"] == 500_000
    first_id = collected.json()["repayments"][0]["id"]

    reversal = post(admin, f"{first_id}/reverse", {"reason": "Wrong member"})
    written_off = post(admin, f"loans/{team_loans[4].pk}/write-off", {"reason": "Moved away"})
    loan_statement = admin.get(f"{BASE}loans/{team_loans[0].pk}/statement")
    group_statement = bearer(team.users[2]).get(f"{BASE}groups/{team.group.pk}/statement")

    assert reversal.status_code == 201
    assert reversal.json()["reverses_id"] == first_id
    assert reversal.json()["allocations"] == [{"installment_number": 1, "amount": -100_000}]
    assert (written_off.status_code, written_off.json()["status"]) == (200, "written_off")
    assert loan_statement.status_code == 200
    assert loan_statement.json()["outstanding"] == 1_000_000
    assert [m["kind"] for m in loan_statement.json()["movements"]][-1] == "reversal"
    assert group_statement.status_code == 200
    body = group_statement.json()
    assert (body["paid"], len(body["loans"]), len(body["collections"])) == (400_000, 5, 1)
    assert '"nik' not in json.dumps(body)  # no field of that name, masked or not


def test_a_participant_outside_the_group_is_told_not_found(
    team: GroupAtWork, team_loans: list[Loan]
) -> None:
    outsider = make_residents(1)[0].user
    assert outsider is not None
    client = bearer(outsider)

    group = client.get(f"{BASE}groups/{team.group.pk}/statement")
    loan = client.get(f"{BASE}loans/{team_loans[0].pk}/statement")
    recording = post(
        client,
        "",
        {
            "loan_id": team_loans[0].pk,
            "amount": 1,
            "paid_on": "2020-01-01",
            "idempotency_key": "outsider-1",
        },
    )

    assert (group.status_code, loan.status_code) == (404, 404)
    assert recording.status_code == 403
