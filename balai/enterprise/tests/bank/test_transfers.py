"""Transfer files: the approved bank payouts written, stored, marked sent and posted."""

from __future__ import annotations

import csv
import io

import pytest

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    DisbursementStatus,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransaction,
)
from balai.testing.bank import make_payouts

pytestmark = pytest.mark.django_db


def test_every_approved_payout_goes_into_the_file_and_is_marked_sent(admin: User) -> None:
    payouts = make_payouts(3, amount=500_000)
    make_payouts(1, status=DisbursementStatus.RECORDED)

    transfer_file = bank_transfer_create(actor=admin)

    assert (transfer_file.line_count, transfer_file.total_amount) == (3, 1_500_000)
    rows = list(csv.reader(io.StringIO(transfer_file.file.read().decode())))
    assert [row[0] for row in rows[1:]] == [payout.reference for payout in payouts]
    sent = GrantDisbursement.objects.filter(status=DisbursementStatus.SENT)
    assert set(sent.values_list("transfer_file", flat=True)) == {transfer_file.pk}
    assert sent.count() == 3


def test_sending_posts_each_payout_out_of_the_bank(admin: User) -> None:
    payout, _other = make_payouts(2, amount=500_000)

    bank_transfer_create(actor=admin)

    assert account_balance(LedgerAccount.BANK) == -1_000_000
    assert account_balance(LedgerAccount.GRANTS_PAYABLE) == 1_000_000
    posted = LedgerTransaction.objects.get(idempotency_key=f"payout:{payout.pk}:sent")
    assert posted.grant_disbursement_id == payout.pk
    assert posted.grant_application_id == payout.application_id
    assert ledger_check().balances


def test_a_payout_goes_in_one_file_only(admin: User) -> None:
    first, _second = make_payouts(2)

    bank_transfer_create(actor=admin, disbursement_ids=[first.pk])
    later = bank_transfer_create(actor=admin)

    assert later.line_count == 1
    with pytest.raises(ApplicationError) as refused:
        bank_transfer_create(actor=admin, disbursement_ids=[first.pk])
    assert refused.value.code == "nothing_to_send"
    assert LedgerTransaction.objects.count() == 2


def test_choosing_a_payout_not_ready_refuses_the_whole_file(admin: User) -> None:
    (ready,) = make_payouts(1)
    (recorded,) = make_payouts(1, status=DisbursementStatus.RECORDED)

    with pytest.raises(ApplicationError):
        bank_transfer_create(actor=admin, disbursement_ids=[ready.pk, recorded.pk])

    ready.refresh_from_db()
    assert ready.status == DisbursementStatus.APPROVED


def test_only_an_admin_makes_a_transfer_file(users_by_role: dict[str, User]) -> None:
    make_payouts(1)

    with pytest.raises(ApplicationError) as refused:
        bank_transfer_create(actor=users_by_role["kelurahan_operator"])

    assert refused.value.code == "permission_denied"
