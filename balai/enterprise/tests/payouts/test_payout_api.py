"""Payouts over the API: recording is idempotent by key, lists mask account numbers, the
maker cannot approve, and only administrators are let in."""

from __future__ import annotations

import json
from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.enterprise.models import GrantDisbursement
from balai.testing.clients import bearer
from balai.testing.enterprise_payouts import make_approved_grant, make_finance_admins
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db

URL = "/api/v1/enterprise/payouts/"


@pytest.fixture
def desks(kota_tangerang: None) -> list[User]:
    return make_finance_admins(2)


def body(grant_id: int, **more: Any) -> str:
    return json.dumps(
        {
            "grant_id": grant_id,
            "channel": "bank",
            "provider_code": "bca",
            "account_number": "1234567890",
            "account_name": "Siti Aminah",
            **more,
        }
    )


def test_the_same_idempotency_key_returns_the_same_payout(desks: list[User]) -> None:
    grant = make_approved_grant()
    client = bearer(desks[0])

    first = client.post(
        URL, body(grant.pk), content_type="application/json", HTTP_IDEMPOTENCY_KEY="api-key-0001"
    )
    again = client.post(
        URL, body(grant.pk), content_type="application/json", HTTP_IDEMPOTENCY_KEY="api-key-0001"
    )

    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["amount"] == grant.amount
    assert GrantDisbursement.objects.count() == 1


def test_a_request_without_a_key_is_refused(desks: list[User]) -> None:
    response = bearer(desks[0]).post(
        URL, body(make_approved_grant().pk), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_missing"


def test_a_second_live_payout_is_refused_with_a_clear_code(desks: list[User]) -> None:
    grant = make_approved_grant()
    client = bearer(desks[0])
    client.post(URL, body(grant.pk, idempotency_key="body-key-01"), content_type="application/json")

    response = client.post(
        URL, body(grant.pk, idempotency_key="body-key-02"), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "payout_already_live"


def test_the_maker_cannot_approve_but_another_admin_can(desks: list[User]) -> None:
    maker, checker = desks
    created = (
        bearer(maker)
        .post(
            URL,
            body(make_approved_grant().pk, idempotency_key="maker-key-1"),
            content_type="application/json",
        )
        .json()
    )

    refused = bearer(maker).post(f"{URL}{created['id']}/approve")
    approved = bearer(checker).post(f"{URL}{created['id']}/approve")

    assert refused.status_code == 400
    assert refused.json()["code"] == "payout_maker_cannot_approve"
    assert approved.status_code == 200
    assert approved.json()["approved_by"] == checker.username


def test_lists_mask_account_numbers_in_few_queries(
    desks: list[User], django_assert_max_num_queries: Any
) -> None:
    client = bearer(desks[0])
    for number in range(3):
        client.post(
            URL,
            body(make_approved_grant().pk, idempotency_key=f"list-key-{number:04}"),
            content_type="application/json",
        )

    with django_assert_max_num_queries(6):
        listed = client.get(URL).json()

    assert [item["account_number"] for item in listed["items"]] == ["••••••7890"] * 3
    detail = client.get(f"{URL}{listed['items'][0]['id']}").json()
    assert detail["account_number"] == "1234567890"


def test_operators_and_recipients_are_refused(desks: list[User]) -> None:
    grant = make_approved_grant()
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA))

    for user in (operator, grant.person.user):
        assert user is not None
        response = bearer(user).post(
            URL, body(grant.pk, idempotency_key="refused-key-1"), content_type="application/json"
        )
        assert response.status_code == 403
    assert not GrantDisbursement.objects.exists()
