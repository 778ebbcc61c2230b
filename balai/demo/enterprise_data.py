"""The demo's business groups, Tangerang Bisa grants and Tangerang Emas loans.

Everything goes through the services, in the order people would act: residents declare an
interest in a business, staff found groups, groups apply for loans that an admin
approves and disburses, treasurers bring the members' instalments, residents apply for
grants that the kelurahan verifies, an admin approves and the finance desk pays (recorded by
one admin, approved by another), through a transfer file to the bank.

History is compressed, as in the placement demo: groups are founded today, yet their loans
were disbursed months ago (the disbursement date is the desk's to record), so that the
portfolio shows a realistic repayment record: most groups pay on time, one pays late, one
stopped paying some months ago and is in arrears.

The demo's "ketua" and "bendahara" logins lead and keep the books of the first group, which
has no loan yet: signing in as "ketua" one can apply for it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from balai.accounts.models import User
from balai.demo.randomness import RandomStreams
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.collections import CollectionLine, group_collection_record
from balai.enterprise.grants import (
    VERIFICATION_CHECKLIST,
    BatchTerms,
    BusinessDetails,
    grant_apply,
    grant_approve,
    grant_batch_create,
    grant_verify,
)
from balai.enterprise.groups import business_interest_declare, group_create
from balai.enterprise.loans import (
    LoanApplicationInput,
    LoanProductInput,
    loan_application_approve,
    loan_application_disburse,
    loan_apply,
    loan_product_create,
)
from balai.enterprise.models import (
    BusinessGroup,
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    Loan,
    LoanInstallment,
    LoanProduct,
    LoanRepayment,
)
from balai.enterprise.payouts import payout_approve, payout_mark_paid, payout_record
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.registry.services import person_link_account

GROUP_SIZE = 5
# (group name, kind of business, months since its loan, how it repays)
GROUPS = [
    ("Kelompok Berkah", BusinessType.FOOD, None, ""),
    ("Kelompok Jahit Mandiri", BusinessType.FASHION, 8, "on time"),
    ("Kelompok Rias Ayu", BusinessType.BEAUTY, 7, "on time"),
    ("Kelompok Servis Jaya", BusinessType.SERVICES, 9, "late"),
    ("Kelompok Warung Sejahtera", BusinessType.TRADE, 6, "stopped"),
    ("Kelompok Kriya Lestari", BusinessType.CRAFT, 5, "on time"),
]
GRANT_APPLICANTS = 12


@dataclass(frozen=True)
class DemoEnterprise:
    groups: int
    loans: int
    repayments: int
    grants: int
    grants_paid: int


def demo_enterprise(
    *, users: dict[str, User], kelurahan: list[Kelurahan], streams: RandomStreams
) -> DemoEnterprise:
    """Groups, one to a kelurahan, with their loans and repayment history, and a grant round
    for residents of the other kelurahan. Run once: a second run adds nothing."""
    if BusinessGroup.objects.exists():
        return _counts()
    # Two kelurahan are left to the grant round's applicants (all of them at the small scale).
    places = _group_places(kelurahan[: max(1, min(len(GROUPS), len(kelurahan) - 2))])
    product = _loan_product(users["admin"])
    leaders = _leader_logins(users, places[0])
    for (name, kind, months, behaviour), place in zip(GROUPS, places, strict=False):
        members = _members_in(place, users, first=leaders if place == places[0] else [])
        group = group_create(
            name=f"{name} {place.name.title()}",
            business_type=kind,
            business_plan=streams.faker.paragraph(nb_sentences=3),
            by=users["admin"],
            kelurahan=place,
            members=members,
        )
        if months is not None and len(members) == GROUP_SIZE:
            loans = _group_loans(group, members, product, months, users)
            _repayment_history(group, loans, behaviour, users["admin"])
    applicants = list(
        Person.objects.filter(group_memberships__isnull=True)
        .exclude(user=users["peserta"])
        .order_by("domicile_kelurahan", "pk")[:GRANT_APPLICANTS]
    )
    for person in applicants:
        interest = streams.chooser.choice([choice.value for choice in BusinessType])
        business_interest_declare(
            by=users["admin"], business_type=interest, wants_group=True, person=person
        )
    _grant_round(users, applicants, streams)
    return _counts()


def _group_places(kelurahan: list[Kelurahan]) -> list[Kelurahan]:
    """The kelurahan groups are founded in, the first being one where two residents have no
    account yet (for the demo's "ketua" and "bendahara" logins)."""
    free = {
        code
        for code in Person.objects.filter(user__isnull=True)
        .values("domicile_kelurahan")
        .annotate(count=Count("pk"))
        .filter(count__gte=2)
        .values_list("domicile_kelurahan", flat=True)
    }
    home = next(place for place in kelurahan if place.pk in free)
    return [home, *(place for place in kelurahan if place != home)]


def _members_in(place: Kelurahan, users: dict[str, User], *, first: list[Person]) -> list[Person]:
    others = (
        Person.objects.filter(domicile_kelurahan=place, group_memberships__isnull=True)
        .exclude(pk__in=[person.pk for person in first])
        .exclude(user=users["peserta"])
        .order_by("pk")
    )
    return [*first, *others[: GROUP_SIZE - len(first)]]


def _leader_logins(users: dict[str, User], place: Kelurahan) -> list[Person]:
    """Give the demo's "ketua" and "bendahara" logins the records of two residents of
    `place` with no account yet: the first group's leader and treasurer."""
    people = Person.objects.filter(domicile_kelurahan=place, user__isnull=True).order_by("pk")
    return [
        person_link_account(person=person, user=users[login])
        for person, login in zip(people[:2], ["ketua", "bendahara"], strict=True)
    ]


def _loan_product(admin: User) -> LoanProduct:
    return loan_product_create(
        data=LoanProductInput(
            code="tangerang-emas",
            name="Tangerang Emas",
            admin_fee="3",
            min_amount=500_000,
            max_amount=2_000_000,
            tenor_months=10,
            rounding_unit=1_000,
        ),
        actor=admin,
    )


def _group_loans(
    group: BusinessGroup,
    members: list[Person],
    product: LoanProduct,
    months: int,
    users: dict[str, User],
) -> list[Loan]:
    """The admin applies for the group, the finance admin approves (the one who submitted may
    not), and the loan was disbursed
    `months` ago (the desk records the day the money went out)."""
    amounts = {
        person.pk: 1_000_000 + 250_000 * (number % 3) for number, person in enumerate(members)
    }
    application = loan_apply(
        data=LoanApplicationInput(
            product_id=product.pk,
            amounts=amounts,
            business_purpose="Modal bahan baku dan peralatan usaha bersama.",
            group_id=group.pk,
            joint_liability_accepted=True,
        ),
        actor=users["admin"],
    )
    loan_application_approve(application_id=application.pk, actor=users["keuangan"])
    disbursed_on = timezone.localdate() - datetime.timedelta(days=30 * months + 3)
    return loan_application_disburse(
        application_id=application.pk, disbursed_on=disbursed_on, actor=users["admin"]
    )


def _repayment_history(group: BusinessGroup, loans: list[Loan], behaviour: str, desk: User) -> None:
    """The treasurer brings every member's instalment once a month: on the due day, two
    weeks late, or (a group that stopped) only for the first three months."""
    today = timezone.localdate()
    due_dates = sorted(
        set(
            LoanInstallment.objects.filter(loan__in=loans, due_on__lte=today).values_list(
                "due_on", flat=True
            )
        )
    )
    if behaviour == "stopped":
        due_dates = due_dates[:3]
    for number, due_on in enumerate(due_dates):
        paid_on = due_on + datetime.timedelta(days=14 if behaviour == "late" else 0)
        if paid_on > today:
            continue
        lines = [
            CollectionLine(loan_id=loan.pk, amount=_instalment_due(loan, due_on)) for loan in loans
        ]
        group_collection_record(
            group=group,
            lines=[line for line in lines if line.amount],
            paid_on=paid_on,
            collection_key=f"demo-{group.pk}-{number}",
            actor=desk,
            reference=f"SETOR-{group.pk}-{number + 1:02d}",
        )


def _instalment_due(loan: Loan, due_on: datetime.date) -> int:
    installment = LoanInstallment.objects.filter(loan=loan, due_on=due_on).first()
    return installment.principal_owed if installment is not None else 0


def _grant_round(users: dict[str, User], applicants: list[Person], streams: RandomStreams) -> None:
    """A round open now: every applicant applies at the desk; the kelurahan verifies two in
    three; the admin approves half of those; the finance desk pays the first few."""
    today = timezone.localdate()
    admin = operator = users["admin"]
    batch = grant_batch_create(
        by=admin,
        terms=BatchTerms(
            name=f"Tangerang Bisa {today.year}",
            year=today.year,
            amount_per_grant=760_000,
            budget_ceiling=76_000_000,
            opens_on=today - datetime.timedelta(days=20),
            closes_on=today + datetime.timedelta(days=40),
            max_business_age_months=24,
        ),
    )
    approved = []
    for number, person in enumerate(applicants):
        grant = grant_apply(
            by=operator,
            batch_id=batch.pk,
            person_public_id=person.public_id,
            details=BusinessDetails(
                business_name=f"Usaha {person.full_name.split()[0]}",
                business_type=streams.chooser.choice([choice.value for choice in BusinessType]),
                business_started_on=today - datetime.timedelta(days=60 + 30 * (number % 12)),
                business_address=person.address or "Jl. Demo No. 1",
                requested_use="Membeli peralatan dan bahan baku pertama.",
            ),
        )
        if number % 3 == 2:
            continue
        grant_verify(
            by=operator,
            application_id=grant.pk,
            checklist=dict.fromkeys(VERIFICATION_CHECKLIST, True),
        )
        if number % 2 == 0:
            approved.append(grant_approve(by=admin, application_id=grant.pk))
    _pay(approved[:3], users)


def _pay(grants: list[GrantApplication], users: dict[str, User]) -> None:
    """One admin records each payout, the finance admin approves it, the transfer file goes
    to the bank, and the bank's statement says paid."""
    payouts = []
    for grant in grants:
        payout = payout_record(
            grant_id=grant.pk,
            channel="bank",
            provider_code="bjb",
            account_number=f"00123{grant.pk:08d}",
            account_name=grant.person.full_name,
            idempotency_key=f"demo-payout-{grant.pk}",
            actor=users["admin"],
        )
        payouts.append(payout_approve(disbursement=payout, actor=users["keuangan"]))
    if not payouts:
        return
    bank_transfer_create(actor=users["admin"], disbursement_ids=[payout.pk for payout in payouts])
    for payout in payouts:
        payout.refresh_from_db()
        payout_mark_paid(
            disbursement=payout,
            paid_on=timezone.localdate(),
            provider_reference=f"BJB{payout.pk:010d}",
        )


def _counts() -> DemoEnterprise:
    return DemoEnterprise(
        groups=BusinessGroup.objects.count(),
        loans=Loan.objects.count(),
        repayments=LoanRepayment.objects.count(),
        grants=GrantApplication.objects.count(),
        grants_paid=GrantApplication.objects.filter(status=GrantApplicationStatus.PAID).count(),
    )
