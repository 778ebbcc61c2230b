"""Residents, business groups, grant batches, loan products and disbursed loans for
enterprise's tests.

Groups, batches and products are rows as their services leave them (tests of forming and
changing them go through the services instead). Loans are disbursed through the one
disbursement service, so their schedules and ledger entries are the real ones.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.loan_disbursement import loans_disburse
from balai.enterprise.models import (
    BusinessGroup,
    BusinessType,
    GrantBatch,
    GroupMembership,
    GroupRole,
    GroupStatus,
    Loan,
    LoanApplication,
    LoanApplicationMember,
    LoanApplicationStatus,
    LoanProduct,
)
from balai.registry.models import Person
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.places import SUKARASA

_numbers = itertools.count(1)


@dataclass
class GroupAtWork:
    """A business group with its members' people and accounts (leader first, then the
    treasurer, then the members)."""

    group: BusinessGroup
    people: list[Person]

    @property
    def users(self) -> list[User]:
        return [person.user for person in self.people if person.user is not None]

    @property
    def leader(self) -> Person:
        return self.people[0]

    @property
    def treasurer(self) -> Person:
        return self.people[1]


def make_residents(count: int, *, kelurahan_code: str = SUKARASA) -> list[Person]:
    """`count` residents of `kelurahan_code`, each with a participant account."""
    place = kelurahan(kelurahan_code)
    residents = []
    for _ in range(count):
        number = next(_numbers)
        user = UserFactory.create(username=f"usaha{number}", role=Role.PARTICIPANT)
        residents.append(PersonFactory.create(domicile_kelurahan=place, user=user))
    return residents


def make_group(
    *, members: int = 5, kelurahan_code: str = SUKARASA, name: str = "Kelompok Berkah"
) -> GroupAtWork:
    """An active group of `members` residents: a leader, a treasurer and the rest members."""
    people = make_residents(members, kelurahan_code=kelurahan_code)
    group = BusinessGroup.objects.create(
        name=name,
        business_type=BusinessType.FOOD,
        business_plan="Katering rumahan untuk kantor kelurahan.",
        kelurahan=kelurahan(kelurahan_code),
        status=GroupStatus.ACTIVE,
    )
    today = timezone.localdate()
    roles = [GroupRole.LEADER, GroupRole.TREASURER] + [GroupRole.MEMBER] * (members - 2)
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group, person=person, role=role, joined_on=today)
        for person, role in zip(people, roles, strict=True)
    )
    return GroupAtWork(group=group, people=people)


def make_grant_batch(
    *,
    amount_per_grant: int = 500_000,
    budget_ceiling: int = 5_000_000,
    name: str = "Tangerang Bisa",
) -> GrantBatch:
    """A round open from a month ago to a month ahead, for businesses up to a year old."""
    today = timezone.localdate()
    return GrantBatch.objects.create(
        name=name,
        year=today.year,
        amount_per_grant=amount_per_grant,
        budget_ceiling=budget_ceiling,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
        max_business_age_months=12,
    )


def make_loan_product(**terms: object) -> LoanProduct:
    """Tangerang Emas's terms: Rp500.000-2.000.000 each, 10 monthly instalments, 3% fee."""
    number = next(_numbers)
    fields: dict[str, object] = {
        "code": f"emas-{number}",
        "name": f"Tangerang Emas {number}",
        "admin_fee_basis_points": 300,
        "min_amount": 500_000,
        "max_amount": 2_000_000,
        "tenor_months": 10,
    }
    fields.update(terms)
    return LoanProduct.objects.create(**fields)


def make_group_loans(
    team: GroupAtWork,
    *,
    amounts: list[int] | None = None,
    product: LoanProduct | None = None,
    disbursed_on: datetime.date | None = None,
    actor: User | None = None,
) -> list[Loan]:
    """Disburse a loan to each member of `team` (Rp1.000.000 each unless `amounts`)."""
    product = product or make_loan_product()
    application = LoanApplication.objects.create(
        product=product,
        group=team.group,
        kelurahan=team.group.kelurahan,
        business_purpose="Modal bahan baku",
        status=LoanApplicationStatus.APPROVED,
    )
    LoanApplicationMember.objects.bulk_create(
        LoanApplicationMember(application=application, person=person, amount=amount)
        for person, amount in zip(
            team.people, amounts or [1_000_000] * len(team.people), strict=True
        )
    )
    return loans_disburse(
        application_id=application.pk,
        disbursed_on=disbursed_on or timezone.localdate(),
        actor=actor,
    )


def make_individual_loan(
    borrower: Person,
    *,
    principal: int = 1_000_000,
    product: LoanProduct | None = None,
    disbursed_on: datetime.date | None = None,
) -> Loan:
    """Disburse one loan to `borrower`'s own micro business."""
    product = product or make_loan_product(lends_to_individuals=True)
    application = LoanApplication.objects.create(
        product=product,
        person=borrower,
        kelurahan=borrower.domicile_kelurahan,
        business_purpose="Modal usaha",
        status=LoanApplicationStatus.APPROVED,
    )
    LoanApplicationMember.objects.create(application=application, person=borrower, amount=principal)
    (loan,) = loans_disburse(
        application_id=application.pk,
        disbursed_on=disbursed_on or timezone.localdate(),
        actor=None,
    )
    return loan


def enterprise_records_erase() -> None:
    """Empty every table of enterprise, the ledger's included (tests that start the demo
    afresh). The ledger refuses DELETE on PostgreSQL; TRUNCATE, which Django's own test
    flush uses there, is not a row's deletion. SQLite checks foreign keys at commit."""
    tables = [model._meta.db_table for model in apps.get_app_config("enterprise").get_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys checked at commit would still be pending on the rows just written:
            # checked now, the tables may be emptied within the test's transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608  # our own table names
