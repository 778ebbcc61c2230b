"""Grant payouts ready for the bank, for the bank part's tests and benchmark.

Grants and payouts are rows as the grants and payouts services leave them (approved, with
maker and checker), made in bulk so that a benchmark can have 10,000 of them: `grantees`
residents apply once in each of as many batches as needed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.models import (
    BusinessType,
    DisbursementChannel,
    DisbursementStatus,
    GrantApplication,
    GrantApplicationStatus,
    GrantDisbursement,
)
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import SUKARASA

_numbers = itertools.count(1)


def make_payouts(
    count: int,
    *,
    amount: int = 500_000,
    grantees: int = 20,
    account_name: str = "Siti Rahma",
    status: DisbursementStatus = DisbursementStatus.APPROVED,
) -> list[GrantDisbursement]:
    """`count` approved bank payouts of `amount` for approved grants, each of its own grant."""
    number = next(_numbers)
    maker = UserFactory.create(username=f"pembuat{number}", role=Role.ADMIN)
    checker = UserFactory.create(username=f"pemeriksa{number}", role=Role.ADMIN)
    people = make_residents(min(count, grantees))
    place = kelurahan(SUKARASA)
    started = timezone.localdate()
    applications: list[GrantApplication] = []
    for round_number in range(-(-count // len(people))):
        batch = make_grant_batch(
            amount_per_grant=amount,
            budget_ceiling=amount * len(people),
            name=f"Hibah {round_number}",
        )
        applications += [
            GrantApplication(
                batch=batch,
                person=person,
                kelurahan=place,
                business_name=f"Warung {person.pk}",
                business_type=BusinessType.FOOD,
                business_started_on=started,
                business_address="Jl. Merdeka 1",
                requested_use="Etalase",
                amount=amount,
                status=GrantApplicationStatus.APPROVED,
            )
            for person in people
        ]
    applications = GrantApplication.objects.bulk_create(applications[:count], batch_size=1000)
    return GrantDisbursement.objects.bulk_create(
        [
            _payout(application, number, maker, checker, account_name, status)
            for application in applications
        ],
        batch_size=1000,
    )


def _payout(
    application: GrantApplication,
    number: int,
    maker: User,
    checker: User,
    account_name: str,
    status: DisbursementStatus,
) -> GrantDisbursement:
    return GrantDisbursement(
        application=application,
        amount=application.amount,
        channel=DisbursementChannel.BANK_TRANSFER,
        provider_code="110",
        account_number=f"00{application.pk:010d}",
        account_name=account_name,
        reference=f"TB{number:03d}-{application.pk:07d}",
        status=status,
        idempotency_key=f"payout-{number}-{application.pk}",
        recorded_by=maker,
        approved_by=checker,
        approved_at=timezone.now(),
    )


HEADER = "reference,amount,status,bank_reference,reason,value_date"


def statement_csv(rows: Iterable[tuple[str, object, str, str, str, str]]) -> bytes:
    """A BJB-CSV-1 statement of `rows` (reference, amount, status, bank ref, reason, date)."""
    lines = [HEADER] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def paid_row(reference: str, amount: int, date: str = "") -> tuple[str, object, str, str, str, str]:
    return (reference, amount, "BERHASIL", f"BJB{reference}", "", date)


def returned_row(reference: str, amount: int) -> tuple[str, object, str, str, str, str]:
    return (reference, amount, "GAGAL", "", "Nama tidak sesuai", "")
