"""What reporting reads of enterprise, for the pre-computed summaries (counted, never shown
row by row): business group members, Tangerang Bisa's grants and Tangerang Emas's loans per
kelurahan, each aggregated in the database."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Count, Q, Sum

from balai.enterprise.grant_eligibility import GRANT_HELD_STATUSES
from balai.enterprise.models import (
    DisbursementStatus,
    GrantApplication,
    GrantBatch,
    GrantDisbursement,
    GroupMembership,
    Loan,
)
from balai.enterprise.portfolio import Breakdown, portfolio_quality_by


def business_group_member_ids() -> set[int]:
    """The people who are, or have been, members of a business group."""
    return set(GroupMembership.objects.values_list("person_id", flat=True).distinct())


class GrantApplicationCounts(NamedTuple):
    """One kelurahan's grant applications, and those approved (or paid) with their Rupiah."""

    kelurahan_code: str
    applications: int
    approved: int
    committed: int


class GrantPayoutCounts(NamedTuple):
    """One kelurahan's grants whose money left (sent or paid), and those the bank confirmed
    paid, with their Rupiah."""

    kelurahan_code: str
    disbursed: int
    disbursed_amount: int
    paid: int
    paid_amount: int


class GrantBudgetTotals(NamedTuple):
    """Every round's budget ceilings and what approved grants hold of them, summed."""

    batches: int
    budget_ceiling: int
    committed: int


class LoanQualityCounts(NamedTuple):
    """One kelurahan's loans as portfolio.py measures them, in integer Rupiah so that areas
    add up: PAR30 = at_risk_30 / outstanding, repayment rate = principal_repaid /
    principal_due."""

    kelurahan_code: str
    active_loans: int
    outstanding: int
    at_risk_30: int
    principal_due: int
    principal_repaid: int


# Money has left the programme's account once a payout is sent (see payouts.py's ledger).
_DISBURSED_STATUSES = (DisbursementStatus.SENT, DisbursementStatus.PAID)


def grant_application_counts() -> Iterator[GrantApplicationCounts]:
    """Per kelurahan an application counts in (where the business is): every application,
    and those approved or paid with the Rupiah they commit (one grouped query)."""
    held = Q(status__in=GRANT_HELD_STATUSES)
    rows = (
        GrantApplication.objects.order_by()
        .values("kelurahan_id")
        .annotate(
            applications=Count("pk"),
            approved=Count("pk", filter=held),
            committed=Sum("amount", filter=held),
        )
        .values_list("kelurahan_id", "applications", "approved", "committed")
    )
    for code, applications, approved, committed in rows:
        yield GrantApplicationCounts(code, applications, approved, committed or 0)


def grant_payout_counts() -> Iterator[GrantPayoutCounts]:
    """Per kelurahan, the grants disbursed (payout sent or paid) and confirmed paid, with
    their Rupiah (one grouped query; one live payout per grant, so no grant counts twice)."""
    paid = Q(status=DisbursementStatus.PAID)
    rows = (
        GrantDisbursement.objects.filter(status__in=_DISBURSED_STATUSES)
        .order_by()
        .values("application__kelurahan_id")
        .annotate(
            disbursed=Count("application_id", distinct=True),
            disbursed_amount=Sum("amount"),
            paid=Count("application_id", distinct=True, filter=paid),
            paid_amount=Sum("amount", filter=paid),
        )
        .values_list(
            "application__kelurahan_id", "disbursed", "disbursed_amount", "paid", "paid_amount"
        )
    )
    for code, disbursed, disbursed_amount, paid_count, paid_amount in rows:
        yield GrantPayoutCounts(
            code, disbursed, disbursed_amount or 0, paid_count, paid_amount or 0
        )


def grant_budget_totals() -> GrantBudgetTotals:
    """The rounds' budget ceilings and committed amounts, summed (one query)."""
    totals = GrantBatch.objects.order_by().aggregate(
        batches=Count("pk"), budget=Sum("budget_ceiling"), committed=Sum("committed_amount")
    )
    return GrantBudgetTotals(totals["batches"], totals["budget"] or 0, totals["committed"] or 0)


def loan_quality_counts(*, as_of: datetime.date) -> list[LoanQualityCounts]:
    """Per kelurahan of the loan's application, the portfolio's quality as of `as_of` by
    portfolio.py's own definitions (two queries)."""
    return [
        LoanQualityCounts(
            kelurahan_code=area.key,
            active_loans=area.quality.loans,
            outstanding=area.quality.outstanding,
            at_risk_30=area.quality.par30,
            principal_due=area.quality.principal_due,
            principal_repaid=area.quality.principal_repaid,
        )
        for area in portfolio_quality_by(
            loans=Loan.objects.all(), breakdown=Breakdown.KELURAHAN, as_of=as_of
        )
    ]
