"""Reads of repayments: a borrower's statement, a group's statement, and what each member
owes now (the treasurer's collection). Every queryset passes through area scoping.

A group's statement costs a fixed number of queries whatever its number of members and
repayments: each loan's sums are subqueries of the one query of the group's loans, and
the collections are grouped by the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils import timezone

from balai.accounts.models import User
from balai.core.scoping import scope_to_user, scoped_get
from balai.enterprise.models import (
    BusinessGroup,
    GroupMembership,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Loan,
    LoanInstallment,
    LoanRepayment,
    LoanStatus,
)


@dataclass(frozen=True)
class InstallmentLine:
    number: int
    due_on: datetime.date
    due: int
    paid: int
    owed: int
    paid_off_on: datetime.date | None
    days_late: int


@dataclass(frozen=True)
class HistoryLine:
    """One movement of the loan's account, with the balance it left (from the ledger)."""

    occurred_on: datetime.date
    kind: str
    kind_label: str
    receivable_change: int
    credit_change: int
    balance: int
    repayment_id: int | None
    paid_by: str
    reference: str
    memo: str
    reversed: bool


@dataclass(frozen=True)
class LoanStatement:
    loan: Loan
    as_of: datetime.date
    installments: list[InstallmentLine]
    history: list[HistoryLine]
    paid: int
    outstanding: int
    arrears: int
    days_in_arrears: int
    credit_held: int


@dataclass(frozen=True)
class MemberLoanLine:
    loan: Loan
    role: str
    paid: int
    outstanding: int
    arrears: int
    days_in_arrears: int


@dataclass(frozen=True)
class CollectionSummary:
    collection_key: str
    paid_on: datetime.date
    paid_by: str
    reference: str
    members: int
    total: int
    reversed_total: int


@dataclass(frozen=True)
class GroupStatement:
    group: BusinessGroup
    as_of: datetime.date
    lines: list[MemberLoanLine]
    collections: list[CollectionSummary]
    principal: int
    paid: int
    outstanding: int
    arrears: int


@dataclass(frozen=True)
class MemberDue:
    """What a member's loan owes now: the instalments overdue and the current one."""

    loan: Loan
    arrears: int
    current: int

    @property
    def due_now(self) -> int:
        return self.arrears + self.current


def loan_get(*, user: User, loan_id: int) -> Loan:
    """Return a loan `user` may see (with its borrower, group and product), or not found."""
    return scoped_get(Loan.objects.select_related("borrower", "group", "product"), user, pk=loan_id)


def repayment_get(*, user: User, repayment_id: int) -> LoanRepayment:
    """Return a repayment `user` may see (with its loan and borrower), or not found."""
    return scoped_get(
        LoanRepayment.objects.select_related("loan__borrower", "paid_by"), user, pk=repayment_id
    )


def group_get(*, user: User, group_id: int) -> BusinessGroup:
    """Return a business group `user` may see (staff of its area, its current members)."""
    return scoped_get(BusinessGroup.objects.select_related("kelurahan"), user, pk=group_id)


def days_between(earlier: datetime.date | None, later: datetime.date) -> int:
    """Return the days from `earlier` to `later` (0 when there is no earlier date or it is
    not earlier)."""
    return max((later - earlier).days, 0) if earlier else 0


def loan_statement(*, user: User, loan_id: int) -> LoanStatement:
    """A borrower's statement: the schedule (due, paid, owed, days late) and every movement
    with the balance it left, as of today."""
    loan = loan_get(user=user, loan_id=loan_id)
    today = timezone.localdate()
    installments = [
        _installment_line(installment, today)
        for installment in LoanInstallment.objects.filter(loan=loan).order_by("number")
    ]
    history = _history(loan)
    overdue = [line for line in installments if line.owed and line.due_on < today]
    return LoanStatement(
        loan=loan,
        as_of=today,
        installments=installments,
        history=history,
        paid=sum(line.paid for line in installments),
        outstanding=history[-1].balance if history else 0,
        arrears=sum(line.owed for line in overdue),
        days_in_arrears=days_between(overdue[0].due_on if overdue else None, today)
        if loan.status == LoanStatus.ACTIVE
        else 0,
        credit_held=-sum(line.credit_change for line in history),
    )


def _installment_line(installment: LoanInstallment, today: datetime.date) -> InstallmentLine:
    owed = installment.principal_owed
    if owed:
        days_late = days_between(installment.due_on, today)
    else:
        days_late = days_between(installment.due_on, installment.paid_off_on or installment.due_on)
    return InstallmentLine(
        number=installment.number,
        due_on=installment.due_on,
        due=installment.principal_due,
        paid=installment.principal_paid,
        owed=owed,
        paid_off_on=installment.paid_off_on,
        days_late=days_late,
    )


def _side_sum(account: LedgerAccount, side: str) -> Coalesce:
    return Coalesce(
        Sum(f"entries__{side}", filter=Q(entries__account=account)),
        Value(0),
        output_field=IntegerField(),
    )


def _history(loan: Loan) -> list[HistoryLine]:
    transactions = (
        LedgerTransaction.objects.filter(loan=loan)
        .select_related("loan_repayment__paid_by", "loan_repayment__reversal")
        .annotate(
            receivable_debits=_side_sum(LedgerAccount.LOANS_RECEIVABLE, "debit"),
            receivable_credits=_side_sum(LedgerAccount.LOANS_RECEIVABLE, "credit"),
            credit_debits=_side_sum(LedgerAccount.BORROWER_CREDIT, "debit"),
            credit_credits=_side_sum(LedgerAccount.BORROWER_CREDIT, "credit"),
        )
        .order_by("occurred_on", "pk")
    )
    lines, balance = [], 0
    for posted in transactions:
        change = posted.receivable_debits - posted.receivable_credits
        balance += change
        repayment = posted.loan_repayment
        lines.append(
            HistoryLine(
                occurred_on=posted.occurred_on,
                kind=posted.kind,
                kind_label=posted.get_kind_display(),
                receivable_change=change,
                credit_change=posted.credit_debits - posted.credit_credits,
                balance=balance,
                repayment_id=repayment.pk if repayment else None,
                paid_by=repayment.paid_by.full_name if repayment and repayment.paid_by else "",
                reference=repayment.reference if repayment else "",
                memo=posted.memo,
                reversed=bool(repayment and _is_reversed(repayment) and posted.reverses_id is None),
            )
        )
    return lines


def _is_reversed(repayment: LoanRepayment) -> bool:
    try:
        return repayment.reversal is not None
    except LoanRepayment.DoesNotExist:
        return False


def _installment_sum(expression: Combinable, condition: Q) -> Coalesce:
    rows = (
        LoanInstallment.objects.filter(condition, loan=OuterRef("pk"))
        .values("loan")
        .annotate(total=Sum(expression))
        .values("total")
    )
    return Coalesce(Subquery(rows), Value(0), output_field=IntegerField())


def _overdue(today: datetime.date) -> Q:
    return Q(due_on__lt=today, principal_paid__lt=F("principal_due"))


def group_loans_summed(group: BusinessGroup, user: User, today: datetime.date) -> QuerySet[Loan]:
    """The group's loans `user` may see, each with its sums (paid, arrears, outstanding from
    the ledger, oldest overdue date) computed in the same query."""
    outstanding = (
        LedgerEntry.objects.filter(account=LedgerAccount.LOANS_RECEIVABLE, loan=OuterRef("pk"))
        .values("loan")
        .annotate(total=Sum("debit") - Sum("credit"))
        .values("total")
    )
    oldest_overdue = (
        LoanInstallment.objects.filter(_overdue(today), loan=OuterRef("pk"))
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return (
        scope_to_user(Loan.objects.filter(group=group), user)
        .select_related("borrower")
        .annotate(
            paid_total=_installment_sum(F("principal_paid"), Q()),
            arrears_total=_installment_sum(
                F("principal_due") - F("principal_paid"), _overdue(today)
            ),
            outstanding_total=Coalesce(
                Subquery(outstanding), Value(0), output_field=IntegerField()
            ),
            oldest_overdue_on=Subquery(oldest_overdue),
        )
        .order_by("borrower__full_name", "pk")
    )


def group_statement(*, user: User, group_id: int) -> GroupStatement:
    """A group's statement: every member's loan (principal, paid, outstanding, arrears,
    days in arrears), the group's totals and its collections, in four queries."""
    group = group_get(user=user, group_id=group_id)
    today = timezone.localdate()
    roles = dict(
        GroupMembership.objects.filter(group=group, left_on__isnull=True).values_list(
            "person_id", "role"
        )
    )
    lines = [
        MemberLoanLine(
            loan=loan,
            role=roles.get(loan.borrower_id, ""),
            paid=loan.paid_total,  # type: ignore[attr-defined]  # annotated above
            outstanding=loan.outstanding_total,  # type: ignore[attr-defined]  # annotated above
            arrears=loan.arrears_total if loan.status == LoanStatus.ACTIVE else 0,  # type: ignore[attr-defined]  # annotated above
            days_in_arrears=days_between(loan.oldest_overdue_on, today)  # type: ignore[attr-defined]  # annotated above
            if loan.status == LoanStatus.ACTIVE
            else 0,
        )
        for loan in group_loans_summed(group, user, today)
    ]
    return GroupStatement(
        group=group,
        as_of=today,
        lines=lines,
        collections=_collections(group, user),
        principal=sum(line.loan.principal for line in lines),
        paid=sum(line.paid for line in lines),
        outstanding=sum(line.outstanding for line in lines),
        arrears=sum(line.arrears for line in lines),
    )


def _collections(group: BusinessGroup, user: User) -> list[CollectionSummary]:
    rows = (
        scope_to_user(LoanRepayment.objects.filter(loan__group=group), user)
        .filter(reverses__isnull=True)
        .exclude(collection_key="")
        .values("collection_key")
        .annotate(
            paid_on=Min("paid_on"),
            paid_by=Max("paid_by__full_name"),
            reference=Max("reference"),
            members=Count("pk"),
            total=Sum("amount"),
            reversed_total=Coalesce(Sum("amount", filter=Q(reversal__isnull=False)), Value(0)),
        )
        .order_by("-paid_on", "collection_key")
    )
    return [
        CollectionSummary(
            collection_key=row["collection_key"],
            paid_on=row["paid_on"],
            paid_by=row["paid_by"] or "",
            reference=row["reference"] or "",
            members=row["members"],
            total=row["total"],
            reversed_total=row["reversed_total"],
        )
        for row in rows
    ]


def group_collection_due(*, user: User, group: BusinessGroup) -> list[MemberDue]:
    """Each of the group's loans being repaid, with what it owes now: the instalments due
    before today and the current one (the first due today or later). Two queries."""
    today = timezone.localdate()
    loans = list(
        scope_to_user(Loan.objects.filter(group=group, status=LoanStatus.ACTIVE), user)
        .select_related("borrower")
        .order_by("borrower__full_name", "pk")
    )
    arrears = {loan.pk: 0 for loan in loans}
    current: dict[int, int] = {}
    for installment in LoanInstallment.objects.filter(
        loan__in=[loan.pk for loan in loans], principal_paid__lt=F("principal_due")
    ).order_by("loan_id", "due_on", "number"):
        if installment.due_on < today:
            arrears[installment.loan_id] += installment.principal_owed
        elif installment.loan_id not in current:
            current[installment.loan_id] = installment.principal_owed
    return [
        MemberDue(loan=loan, arrears=arrears[loan.pk], current=current.get(loan.pk, 0))
        for loan in loans
    ]
