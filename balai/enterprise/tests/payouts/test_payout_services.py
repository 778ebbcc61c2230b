"""Paying approved grants: maker and checker, one payout per grant, replays, returns and
retries, and the ledger through a full cycle."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.enterprise.ledger import account_balance, ledger_check
from balai.enterprise.models import (
    DisbursementChannel,
    DisbursementStatus,
    GrantApplicationStatus,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransaction,
    LedgerTransactionKind,
)
from balai.enterprise.payout_selectors import payout_list, payout_queue
from balai.enterprise.payouts import (
    payout_approve,
    payout_cancel,
    payout_mark_paid,
    payout_mark_returned,
    payout_mark_sent,
    payout_record,
    payout_retry,
)
from balai.testing.enterprise_payouts import (
    make_approved_grant,
    make_finance_admins,
    make_transfer_file,
    record_payout,
    sent_payout,
)
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks(kota_tangerang: None) -> list[User]:
    return make_finance_admins(2)


def record(grant_id: int, actor: User, key: str, **account: str) -> GrantDisbursement:
    fields = {
        "channel": DisbursementChannel.BANK_TRANSFER,
        "provider_code": "bri",
        "account_number": "0123-4567-8901-234",
        "account_name": "Siti Aminah",
    }
    fields.update(account)
    return payout_record(grant_id=grant_id, idempotency_key=key, actor=actor, **fields)


def payable(grant_id: int) -> int:
    return account_balance(LedgerAccount.GRANTS_PAYABLE, grant_application_id=grant_id)


def test_it_records_the_grants_amount_under_a_reference_of_grant_and_attempt(
    desks: list[User],
) -> None:
    grant = make_approved_grant(amount=750_000)

    disbursement = record(grant.pk, desks[0], "key-00000001")

    assert disbursement.amount == 750_000
    assert disbursement.reference == f"TB-{grant.pk}-1"
    assert disbursement.status == DisbursementStatus.RECORDED
    assert disbursement.account_number == "012345678901234"  # the separators typed, removed


def test_replaying_the_same_request_yields_one_disbursement(desks: list[User]) -> None:
    grant = make_approved_grant()

    first = record(grant.pk, desks[0], "same-key-123")
    again = record(grant.pk, desks[0], "same-key-123")

    assert again.pk == first.pk
    assert GrantDisbursement.objects.count() == 1


def test_a_second_live_payout_for_a_grant_is_refused(desks: list[User]) -> None:
    grant = make_approved_grant()
    record(grant.pk, desks[0], "first-key-1")

    with pytest.raises(ApplicationError) as refusal:
        record(grant.pk, desks[1], "second-key-2")

    assert refusal.value.code == "payout_already_live"
    assert GrantDisbursement.objects.count() == 1


def test_the_database_refuses_a_second_live_payout_whatever_the_code_does(
    desks: list[User],
) -> None:
    grant = make_approved_grant()
    first = record(grant.pk, desks[0], "first-key-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        GrantDisbursement.objects.create(
            application=grant,
            attempt=2,
            amount=first.amount,
            channel=first.channel,
            provider_code=first.provider_code,
            account_number=first.account_number,
            account_name=first.account_name,
            reference="TB-X-2",
            idempotency_key="other-key-2",
            recorded_by=desks[1],
        )


def test_a_request_key_of_another_grant_is_refused(desks: list[User]) -> None:
    record(make_approved_grant().pk, desks[0], "shared-key-1")

    with pytest.raises(ApplicationError) as refusal:
        record(make_approved_grant().pk, desks[0], "shared-key-1")

    assert refusal.value.code == "idempotency_key_reused"


@pytest.mark.parametrize(
    ("account", "field"),
    [
        ({"account_number": "12345"}, "account_number"),
        ({"account_number": "12345678AB"}, "account_number"),
        (
            {"channel": "ewallet", "provider_code": "ovo", "account_number": "1234567890"},
            "account_number",
        ),
        ({"channel": "ewallet", "provider_code": "bca"}, "provider_code"),
        ({"account_name": "   "}, "account_name"),
    ],
)
def test_it_refuses_an_account_that_cannot_be_paid_naming_the_field(
    desks: list[User], account: dict[str, str], field: str
) -> None:
    grant = make_approved_grant()

    with pytest.raises(ApplicationError) as refusal:
        record(grant.pk, desks[0], "account-key-1", **account)

    assert refusal.value.details == {"field": field}


def test_an_e_wallet_is_paid_to_a_mobile_number(desks: list[User]) -> None:
    grant = make_approved_grant()

    disbursement = record(
        grant.pk,
        desks[0],
        "wallet-key-1",
        channel="ewallet",
        provider_code="dana",
        account_number="0812 3456 7890",
    )

    assert disbursement.account_number == "081234567890"


def test_only_an_approved_grant_is_paid(desks: list[User]) -> None:
    grant = make_approved_grant()
    grant.status = GrantApplicationStatus.VERIFIED
    grant.save()

    with pytest.raises(ApplicationError) as refusal:
        record(grant.pk, desks[0], "verified-key-1")

    assert refusal.value.code == "grant_not_approved"


def test_an_operator_cannot_record_a_payout(desks: list[User]) -> None:
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA))

    with pytest.raises(PermissionDeniedError):
        record(make_approved_grant().pk, operator, "operator-key-1")


def test_the_maker_cannot_approve_their_own_payout(desks: list[User]) -> None:
    maker, _checker = desks
    disbursement = record_payout(make_approved_grant(), maker)

    with pytest.raises(ApplicationError) as refusal:
        payout_approve(disbursement=disbursement, actor=maker)

    assert refusal.value.code == "payout_maker_cannot_approve"
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.RECORDED


def test_the_database_refuses_a_checker_who_is_the_maker(desks: list[User]) -> None:
    maker, _checker = desks
    disbursement = record_payout(make_approved_grant(), maker)

    with pytest.raises(IntegrityError), transaction.atomic():
        GrantDisbursement.objects.filter(pk=disbursement.pk).update(approved_by=maker)


def test_another_admin_approves_and_pressing_twice_approves_once(desks: list[User]) -> None:
    maker, checker = desks
    disbursement = record_payout(make_approved_grant(), maker)

    payout_approve(disbursement=disbursement, actor=checker)
    again = payout_approve(disbursement=disbursement, actor=checker)

    assert again.status == DisbursementStatus.APPROVED
    assert again.approved_by == checker


def test_a_cancelled_payout_frees_the_grant_for_another(desks: list[User]) -> None:
    maker, checker = desks
    grant = make_approved_grant()
    disbursement = record_payout(grant, maker)

    cancelled = payout_cancel(disbursement=disbursement, reason="Nomor salah", actor=checker)
    second = record_payout(grant, maker)

    assert cancelled.status == DisbursementStatus.CANCELLED
    assert cancelled.failure_reason == "Nomor salah"
    assert second.attempt == 2


def test_a_payout_sent_to_the_bank_cannot_be_cancelled(desks: list[User]) -> None:
    disbursement = sent_payout(make_approved_grant(), *desks)

    with pytest.raises(ApplicationError) as refusal:
        payout_cancel(disbursement=disbursement, reason="Terlambat", actor=desks[0])

    assert refusal.value.code == "payout_not_cancellable"


def test_marking_sent_is_all_or_none(desks: list[User]) -> None:
    maker, checker = desks
    approved = record_payout(make_approved_grant(), maker)
    payout_approve(disbursement=approved, actor=checker)
    unapproved = record_payout(make_approved_grant(), maker)
    transfer_file = make_transfer_file([approved, unapproved], checker)

    with pytest.raises(ApplicationError) as refusal:
        payout_mark_sent(disbursement_ids=[approved.pk, unapproved.pk], transfer_file=transfer_file)

    assert refusal.value.details == {"references": [unapproved.reference]}
    approved.refresh_from_db()
    assert approved.status == DisbursementStatus.APPROVED
    assert not LedgerTransaction.objects.filter(kind=LedgerTransactionKind.GRANT_DISBURSED)


def test_a_full_cycle_pays_the_grant_and_leaves_nothing_payable(desks: list[User]) -> None:
    grant = make_approved_grant(amount=500_000)
    assert payable(grant.pk) == -500_000
    disbursement = sent_payout(grant, *desks)
    assert payable(grant.pk) == 0
    assert account_balance(LedgerAccount.BANK) == -500_000

    paid = payout_mark_paid(
        disbursement=disbursement, paid_on=timezone.localdate(), provider_reference="BJB-991"
    )
    replayed = payout_mark_paid(
        disbursement=disbursement, paid_on=timezone.localdate(), provider_reference="BJB-991"
    )

    assert paid.status == replayed.status == DisbursementStatus.PAID
    grant.refresh_from_db()
    assert grant.status == GrantApplicationStatus.PAID
    assert payable(grant.pk) == 0
    assert ledger_check().balances
    sent = LedgerTransaction.objects.get(kind=LedgerTransactionKind.GRANT_DISBURSED)
    assert sent.idempotency_key == f"payout:{disbursement.pk}:sent"
    assert sent.grant_disbursement_id == disbursement.pk


def test_a_returned_payout_is_retried_and_then_paid(desks: list[User]) -> None:
    maker, checker = desks
    grant = make_approved_grant(amount=500_000)
    first = sent_payout(grant, maker, checker)
    today = timezone.localdate()

    returned = payout_mark_returned(
        disbursement=first, reason="Nama atau NIK tidak cocok di bank", returned_on=today
    )
    assert returned.status == DisbursementStatus.FAILED
    assert payable(grant.pk) == -500_000
    assert account_balance(LedgerAccount.BANK) == 0
    assert payout_queue(user=maker).returned == [returned]

    retry = payout_retry(
        disbursement=returned,
        channel=DisbursementChannel.BANK_TRANSFER,
        provider_code="bjb",
        account_number="0001112223334",
        account_name="Siti Aminah",
        idempotency_key=uuid.uuid4().hex,
        actor=maker,
    )
    assert (retry.attempt, retry.reference, retry.status) == (
        2,
        f"TB-{grant.pk}-2",
        DisbursementStatus.RECORDED,
    )
    assert payout_queue(user=maker).returned == []
    with pytest.raises(ApplicationError):
        payout_approve(disbursement=retry, actor=maker)  # a checker again
    payout_approve(disbursement=retry, actor=checker)
    payout_mark_sent(
        disbursement_ids=[retry.pk], transfer_file=make_transfer_file([retry], checker)
    )
    retry.refresh_from_db()
    payout_mark_paid(disbursement=retry, paid_on=today, provider_reference="BJB-1")

    assert payable(grant.pk) == 0
    assert account_balance(LedgerAccount.BANK) == -500_000
    assert ledger_check().balances


def test_only_a_returned_payout_is_retried(desks: list[User]) -> None:
    disbursement = record_payout(make_approved_grant(), desks[0])

    with pytest.raises(ApplicationError) as refusal:
        payout_retry(
            disbursement=disbursement,
            channel="bank",
            provider_code="bca",
            account_number="1234567890",
            account_name="Siti",
            idempotency_key=uuid.uuid4().hex,
            actor=desks[0],
        )

    assert refusal.value.code == "payout_not_returned"


def test_a_payout_cannot_be_paid_on_a_future_date(desks: list[User]) -> None:
    disbursement = sent_payout(make_approved_grant(), *desks)

    with pytest.raises(ApplicationError) as refusal:
        payout_mark_paid(
            disbursement=disbursement,
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            provider_reference="X",
        )

    assert refusal.value.code == "payout_paid_in_future"


def test_a_payout_not_sent_cannot_be_paid_or_returned(desks: list[User]) -> None:
    disbursement = record_payout(make_approved_grant(), desks[0])
    today = timezone.localdate()

    with pytest.raises(ApplicationError):
        payout_mark_paid(disbursement=disbursement, paid_on=today, provider_reference="X")
    with pytest.raises(ApplicationError):
        payout_mark_returned(disbursement=disbursement, reason="x", returned_on=today)


def test_an_operator_sees_the_payouts_of_their_area_only_and_a_recipient_their_own(
    desks: list[User],
) -> None:
    here = make_approved_grant()
    elsewhere = make_approved_grant(kelurahan_code=KERONCONG)
    mine = record_payout(here, desks[0])
    record_payout(elsewhere, desks[0])
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(SUKARASA))

    assert list(payout_list(user=operator)) == [mine]
    assert list(payout_list(user=here.person.user)) == [mine]
    assert payout_list(user=desks[0]).count() == 2
