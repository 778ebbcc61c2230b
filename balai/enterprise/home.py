"""Reads for enterprise's home (/usaha/): a participant's business interest, group, grants
and loans in one place; for staff, what waits for them in their area."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils import timezone

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.enterprise.membership import ROLE_ORDER
from balai.enterprise.models import (
    BusinessInterest,
    DisbursementStatus,
    GrantApplication,
    GrantApplicationStatus,
    GrantDisbursement,
    GroupMembership,
    Loan,
    LoanApplication,
    LoanApplicationStatus,
    LoanInstallment,
    LoanStatus,
)


@dataclass(frozen=True)
class ParticipantHome:
    """What a participant sees of their own enterprise: each part empty when they have none."""

    interest: BusinessInterest | None
    membership: GroupMembership | None
    members: list[GroupMembership]
    grants: list[GrantApplication]
    loans: list[Loan]


@dataclass(frozen=True)
class StaffHome:
    """What waits for staff in their area (an admin's area is the city)."""

    grants_to_verify: int
    grants_to_approve: int
    payouts_to_check: int
    loan_applications_to_decide: int
    loan_applications_to_disburse: int
    loans_in_arrears: int


def participant_home(*, user: User) -> ParticipantHome:
    """Return `user`'s business interest, current group with its members, grant applications
    (their own and their group's) and own loans with the next instalment and the arrears
    (six queries)."""
    interest = scope_to_user(BusinessInterest.objects.filter(person__user=user), user).first()
    membership = (
        scope_to_user(GroupMembership.objects.filter(person__user=user, left_on__isnull=True), user)
        .select_related("group__kelurahan")
        .first()
    )
    members: list[GroupMembership] = []
    if membership is not None:
        members = list(
            scope_to_user(
                GroupMembership.objects.filter(group=membership.group, left_on__isnull=True),
                user,
            )
            .select_related("person")
            .order_by(ROLE_ORDER, "joined_on", "pk")
        )
    grants = scope_to_user(GrantApplication.objects.select_related("batch", "group"), user)
    loans = loans_with_next_installment(
        scope_to_user(Loan.objects.filter(borrower__user=user), user),
        today=timezone.localdate(),
    )
    return ParticipantHome(
        interest=interest,
        membership=membership,
        members=members,
        grants=list(grants.order_by("-created_at", "-pk")),
        loans=list(loans.select_related("product", "group").order_by("-disbursed_on", "-pk")),
    )


def loans_with_next_installment(loans: QuerySet[Loan], *, today: datetime.date) -> QuerySet[Loan]:
    """Annotate each loan with what it still owes (`outstanding`), its next instalment owed
    (`next_due_on`, `next_due_amount`) and its arrears (`arrears`: owed on instalments due
    before `today`; `overdue_since`: the oldest such instalment's due date)."""
    owing = LoanInstallment.objects.filter(
        loan=OuterRef("pk"), principal_paid__lt=F("principal_due")
    ).order_by("due_on", "number")
    owed_amount = F("principal_due") - F("principal_paid")
    overdue = owing.filter(due_on__lt=today)
    return loans.annotate(
        outstanding=_sum_of(owing, owed_amount),
        next_due_on=Subquery(owing.values("due_on")[:1]),
        next_due_amount=Subquery(
            owing.annotate(owed=owed_amount).values("owed")[:1], output_field=IntegerField()
        ),
        arrears=_sum_of(overdue, owed_amount),
        overdue_since=Subquery(overdue.values("due_on")[:1]),
    )


def _sum_of(installments: QuerySet[LoanInstallment], amount: CombinedExpression) -> Coalesce:
    total = installments.order_by().values("loan").annotate(total=Sum(amount)).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def staff_home(*, user: User) -> StaffHome:
    """Return the counts of what waits for `user` in their area (five queries)."""
    grants = scope_to_user(GrantApplication.objects.all(), user).aggregate(
        to_verify=Count("pk", filter=Q(status=GrantApplicationStatus.SUBMITTED)),
        to_approve=Count("pk", filter=Q(status=GrantApplicationStatus.VERIFIED)),
    )
    loan_applications = scope_to_user(LoanApplication.objects.all(), user).aggregate(
        to_decide=Count("pk", filter=Q(status=LoanApplicationStatus.SUBMITTED)),
        to_disburse=Count("pk", filter=Q(status=LoanApplicationStatus.APPROVED)),
    )
    payouts = scope_to_user(
        GrantDisbursement.objects.filter(status=DisbursementStatus.RECORDED), user
    ).count()
    in_arrears = (
        scope_to_user(Loan.objects.filter(status=LoanStatus.ACTIVE), user)
        .filter(
            installments__due_on__lt=timezone.localdate(),
            installments__principal_paid__lt=F("installments__principal_due"),
        )
        .values("pk")
        .distinct()
        .count()
    )
    return StaffHome(
        grants_to_verify=grants["to_verify"],
        grants_to_approve=grants["to_approve"],
        payouts_to_check=payouts,
        loan_applications_to_decide=loan_applications["to_decide"],
        loan_applications_to_disburse=loan_applications["to_disburse"],
        loans_in_arrears=in_arrears,
    )
