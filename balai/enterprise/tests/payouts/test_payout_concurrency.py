"""Many finance desks paying the same approved grant at once, on PostgreSQL: the grant's row
lock and the one-live-payout constraint leave exactly one payout, approved once."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from balai.enterprise.models import DisbursementStatus, GrantDisbursement
from balai.enterprise.payouts import payout_approve, payout_record
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.enterprise_payouts import make_approved_grant, make_finance_admins

DESKS = 12


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_desks_recording_and_approving_one_grant_at_once_leave_one_payout(
    kota_tangerang: None,
) -> None:
    skip_unless_postgresql()
    grant = make_approved_grant()
    admins = make_finance_admins(DESKS + 1)

    def record(number: int) -> str:
        payout_record(
            grant_id=grant.pk,
            channel="bank",
            provider_code="bjb",
            account_number="0001112223334",
            account_name="Siti Aminah",
            idempotency_key=uuid.uuid4().hex,
            actor=admins[number],
        )
        return "recorded"

    recorded = Counter(run_concurrently(DESKS, record))
    disbursement = GrantDisbursement.objects.get()

    def approve(number: int) -> str:
        payout_approve(disbursement=disbursement, actor=admins[number + 1])
        return "approved"

    approved = Counter(run_concurrently(DESKS, approve))

    assert recorded == {"recorded": 1, "payout_already_live": DESKS - 1}
    # The maker among the desks is refused as maker; of the others, one approves.
    makers = 1 if disbursement.recorded_by in admins[1 : DESKS + 1] else 0
    assert (
        approved
        == Counter(
            {
                "approved": 1,
                "payout_not_awaiting_approval": DESKS - 1 - makers,
                "payout_maker_cannot_approve": makers,
            }
        )
        - Counter()
    )
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.APPROVED
    assert disbursement.approved_by_id != disbursement.recorded_by_id
