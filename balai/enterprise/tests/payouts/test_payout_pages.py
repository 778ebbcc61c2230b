"""The payout pages: the queue as maker and checker see it, recording from a grant's page
(a double-clicked form records once), approving, cancelling and retrying."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.models import DisbursementStatus, GrantDisbursement
from balai.enterprise.payouts import payout_mark_returned
from balai.testing.clients import client_for
from balai.testing.enterprise_payouts import (
    make_approved_grant,
    make_finance_admins,
    record_payout,
    sent_payout,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks(kota_tangerang: None) -> list[User]:
    return make_finance_admins(2)


def test_the_checker_approves_where_the_maker_sees_you_recorded_this_one(
    desks: list[User],
) -> None:
    maker, checker = desks
    record_payout(make_approved_grant(), maker)

    as_maker = client_for(maker).get("/payouts/").content.decode()
    as_checker = client_for(checker).get("/payouts/").content.decode()

    assert 'data-testid="recorded-by-you"' in as_maker
    assert 'data-testid="payout-approve"' not in as_maker
    assert 'data-testid="payout-approve"' in as_checker


def test_a_double_clicked_payout_form_records_one_payout(desks: list[User]) -> None:
    maker, _checker = desks
    grant = make_approved_grant()
    client = client_for(maker)
    page = client.get(f"/grants/{grant.pk}/payout/")
    key = page.context["form"].initial["idempotency_key"]
    data = {
        "channel": "bank",
        "provider_code": "bjb",
        "account_number": "0001112223334",
        "account_name": "Siti Aminah",
        "idempotency_key": key,
    }

    first = client.post(f"/grants/{grant.pk}/payout/", data)
    second = client.post(f"/grants/{grant.pk}/payout/", data)

    assert first.status_code == second.status_code == 302
    assert GrantDisbursement.objects.filter(application=grant).count() == 1


def test_a_grant_with_a_payout_under_way_shows_its_history_and_no_form(
    desks: list[User],
) -> None:
    grant = make_approved_grant()
    record_payout(grant, desks[0])

    page = client_for(desks[1]).get(f"/grants/{grant.pk}/payout/")

    assert page.context["form"] is None
    assert len(page.context["history"]) == 1


def test_the_maker_pressing_approve_is_told_why_not(desks: list[User]) -> None:
    maker, _checker = desks
    disbursement = record_payout(make_approved_grant(), maker)

    response = client_for(maker).post(f"/payouts/{disbursement.pk}/approve/", follow=True)

    assert "administrator lain" in response.content.decode() or "another administrator" in (
        response.content.decode()
    )
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.RECORDED


def test_the_checker_approves_and_then_cancels_from_the_queue(desks: list[User]) -> None:
    maker, checker = desks
    disbursement = record_payout(make_approved_grant(), maker)
    client = client_for(checker)

    client.post(f"/payouts/{disbursement.pk}/approve/")
    client.post(f"/payouts/{disbursement.pk}/cancel/", {"reason": "Rekening ditutup"})

    disbursement.refresh_from_db()
    assert disbursement.approved_by == checker
    assert disbursement.status == DisbursementStatus.CANCELLED


def test_a_returned_payout_is_paid_again_from_its_retry_page(desks: list[User]) -> None:
    maker, checker = desks
    returned = payout_mark_returned(
        disbursement=sent_payout(make_approved_grant(), maker, checker),
        reason="Nama tidak cocok",
        returned_on=timezone.localdate(),
    )
    client = client_for(maker)
    page = client.get(f"/payouts/{returned.pk}/retry/")
    data: dict[str, Any] = {**page.context["form"].initial, "account_name": "Siti Aminah Binti"}

    response = client.post(f"/payouts/{returned.pk}/retry/", data)

    assert response.status_code == 302
    retry = GrantDisbursement.objects.get(status=DisbursementStatus.RECORDED)
    assert (retry.attempt, retry.account_name) == (2, "Siti Aminah Binti")


def test_the_queue_costs_the_same_few_queries_however_many_payouts(
    desks: list[User], django_assert_max_num_queries: Any
) -> None:
    maker, checker = desks
    for _ in range(4):
        record_payout(make_approved_grant(), maker)
    sent_payout(make_approved_grant(), maker, checker)
    client = client_for(checker)

    with django_assert_max_num_queries(12):
        response = client.get("/payouts/")

    assert response.status_code == 200
