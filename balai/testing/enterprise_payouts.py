"""Approved grants ready to pay, and their payouts at each step, for the payouts' tests.

The grant is a row as the grants' approval leaves it: status APPROVED, the batch's
committed amount raised, and the GRANT_APPROVED posting (Dr grant expense / Cr grants
payable) in the ledger. Payouts go through the payouts' own services.
"""

from __future__ import annotations

import itertools
import uuid

from django.db.models import F
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.ledger import credit, debit, ledger_post
from balai.enterprise.models import (
    BankTransferFile,
    BusinessType,
    DisbursementChannel,
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransactionKind,
)
from balai.enterprise.payouts import payout_approve, payout_mark_sent, payout_record
from balai.registry.models import Person
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.factories import UserFactory
from balai.testing.places import SUKARASA

_numbers = itertools.count(1)


def make_finance_admins(count: int = 2) -> list[User]:
    """`count` Disnaker finance staff (admins): a maker and a checker, and more if asked."""
    return [
        UserFactory.create(username=f"keuangan{next(_numbers)}", role=Role.ADMIN)
        for _ in range(count)
    ]


def make_approved_grant(
    *,
    batch: GrantBatch | None = None,
    person: Person | None = None,
    kelurahan_code: str = SUKARASA,
    amount: int | None = None,
) -> GrantApplication:
    """An APPROVED grant application of a resident, with its approval in the ledger."""
    batch = batch or make_grant_batch()
    person = person or make_residents(1, kelurahan_code=kelurahan_code)[0]
    amount = amount or batch.amount_per_grant
    today = timezone.localdate()
    grant = GrantApplication.objects.create(
        batch=batch,
        person=person,
        kelurahan=person.domicile_kelurahan,
        business_name=f"Warung {person.full_name}",
        business_type=BusinessType.FOOD,
        business_started_on=today.replace(day=1),
        business_address="Jl. Merdeka 1",
        requested_use="Etalase dan kompor",
        amount=amount,
        status=GrantApplicationStatus.APPROVED,
        decided_at=timezone.now(),
    )
    GrantBatch.objects.filter(pk=batch.pk).update(committed_amount=F("committed_amount") + amount)
    ledger_post(
        kind=LedgerTransactionKind.GRANT_APPROVED,
        postings=[
            debit(LedgerAccount.GRANT_EXPENSE, amount, grant_application_id=grant.pk),
            credit(LedgerAccount.GRANTS_PAYABLE, amount, grant_application_id=grant.pk),
        ],
        idempotency_key=f"grant:{grant.pk}:approved",
        occurred_on=today,
        actor=None,
        grant_application=grant,
    )
    return grant


def record_payout(
    grant: GrantApplication, maker: User, *, account_number: str = "1234567890"
) -> GrantDisbursement:
    """A bank transfer to BCA recorded by `maker`, awaiting approval."""
    return payout_record(
        grant_id=grant.pk,
        channel=DisbursementChannel.BANK_TRANSFER,
        provider_code="bca",
        account_number=account_number,
        account_name=grant.person.full_name,
        idempotency_key=uuid.uuid4().hex,
        actor=maker,
    )


def make_transfer_file(disbursements: list[GrantDisbursement], by: User) -> BankTransferFile:
    """A transfer file row holding `disbursements` (its content is the bank part's matter)."""
    return BankTransferFile.objects.create(
        layout="test",
        file="enterprise/transfers/test.csv",
        line_count=len(disbursements),
        total_amount=sum(disbursement.amount for disbursement in disbursements),
        created_by=by,
    )


def sent_payout(grant: GrantApplication, maker: User, checker: User) -> GrantDisbursement:
    """A payout of `grant` recorded, approved and sent to the bank in a file of its own."""
    disbursement = record_payout(grant, maker)
    payout_approve(disbursement=disbursement, actor=checker)
    transfer_file = make_transfer_file([disbursement], checker)
    payout_mark_sent(disbursement_ids=[disbursement.pk], transfer_file=transfer_file)
    disbursement.refresh_from_db()
    return disbursement
