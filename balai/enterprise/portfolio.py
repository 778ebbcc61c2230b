"""The loan portfolio's quality as of a date: arrears ageing, portfolio at risk (PAR1, PAR30,
PAR90) and the repayment rate, whole or by kecamatan, kelurahan or group, over a scoped
queryset of loans, computed in the database in a fixed number of queries.

Definitions, as Apache Fineract computes them (loans here are interest-free, so principal
is all there is):

- An instalment is overdue when it is due *before* the date and not fully paid; a loan's
  "overdue since" date is the earliest due date of its overdue instalments and its days in
  arrears are the days from then to the date (Fineract's `LoanArrearsAgingServiceImpl`:
  `MIN(mr.duedate) ... WHERE completed_derived is false and mr.duedate < CURDATE()`, the
  `m_loan_arrears_aging.overdue_since_date_derived` its reports count days from). An
  instalment falling due on the date itself is not yet late.
- Ageing buckets 1-30, 31-60, 61-90 days, then 91+ (Fineract's arrears reports:
  `DATEDIFF(CURDATE(), overdue_since_date_derived) BETWEEN 1 AND 30`, `BETWEEN 31 AND 60`, ...);
  this programme splits 91+ into 91-180 and over 180. "Current" is 0 days.
- PAR30 = outstanding principal of the active loans more than 30 days in arrears (strictly:
  `DATEDIFF(...) > 30`, so a loan exactly 30 days late is in 1-30 and not at risk yet) ÷
  outstanding principal of all active loans (Fineract's `loan_status_id = 300`). The whole
  outstanding balance of such a loan counts, not only its overdue part (CGAP, Rosenberg 1999,
  "Measuring Microcredit Delinquency", Occasional Paper 3). PAR90 and PAR1 likewise.
  Closed and written-off loans are outside the portfolio.
- Repayment rate = principal paid, by the date, on the instalments due up to and including
  the date ÷ the principal of those instalments: Rosenberg's collection rate on amounts
  fallen due, late payments included (a payment made late still counts). It is taken over
  every loan disbursed by the date, closed and written-off ones too: leaving out the loans
  written off would flatter it.

As of a past date: a loan is in the portfolio if it was disbursed by then and is active
still or was closed (repaid or written off) after it (`closed_on`); what was paid by then is
the sum of the allocations of repayments paid by then (a reversal's negative allocations
included). As of today, `principal_paid` (kept beside each instalment) serves directly.

Ratios are Decimal percentages rounded to two places (None when nothing is outstanding or
due); amounts are integer Rupiah.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import User
from balai.core.money import rupiah_label
from balai.core.scoping import scope_to_user
from balai.enterprise.models import (
    BusinessGroup,
    Loan,
    LoanApplication,
    LoanInstallment,
    LoanRepayment,
    LoanStatus,
    RepaymentAllocation,
)
from balai.regions.models import Kecamatan, Kelurahan

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class AgeingBand:
    """Days in arrears from `lowest` to `highest` (None: no upper bound)."""

    key: str
    label: Promise
    lowest: int
    highest: int | None


BANDS = (
    AgeingBand("current", _("Current"), 0, 0),
    AgeingBand("1-30", _("1-30 days"), 1, 30),
    AgeingBand("31-60", _("31-60 days"), 31, 60),
    AgeingBand("61-90", _("61-90 days"), 61, 90),
    AgeingBand("91-180", _("91-180 days"), 91, 180),
    AgeingBand("over-180", _("Over 180 days"), 181, None),
)


class Breakdown(models.TextChoices):
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    GROUP = "group", _("Group")


def percent(part: int, whole: int) -> Decimal | None:
    """Return `part` as a percentage of `whole`, to two places, or None if `whole` is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AgeingBucket:
    """The active loans of one ageing band."""

    band: AgeingBand
    loans: int = 0
    outstanding: int = 0
    arrears: int = 0

    @property
    def outstanding_label(self) -> str:
        return rupiah_label(self.outstanding)

    @property
    def arrears_label(self) -> str:
        return rupiah_label(self.arrears)


@dataclass(frozen=True)
class PortfolioQuality:
    """A portfolio's quality as of `as_of` (amounts in Rupiah of principal)."""

    as_of: datetime.date
    buckets: list[AgeingBucket]
    principal_due: int = 0
    principal_repaid: int = 0

    def _at_risk(self, days: int) -> int:
        """Outstanding of the loans more than `days` days in arrears."""
        return sum(bucket.outstanding for bucket in self.buckets if bucket.band.lowest > days)

    @property
    def loans(self) -> int:
        return sum(bucket.loans for bucket in self.buckets)

    @property
    def loans_in_arrears(self) -> int:
        return sum(bucket.loans for bucket in self.buckets if bucket.band.lowest > 0)

    @property
    def outstanding(self) -> int:
        return sum(bucket.outstanding for bucket in self.buckets)

    @property
    def arrears(self) -> int:
        return sum(bucket.arrears for bucket in self.buckets)

    @property
    def par1(self) -> int:
        return self._at_risk(0)

    @property
    def par30(self) -> int:
        return self._at_risk(30)

    @property
    def par90(self) -> int:
        return self._at_risk(90)

    @property
    def par1_percent(self) -> Decimal | None:
        return percent(self.par1, self.outstanding)

    @property
    def par30_percent(self) -> Decimal | None:
        return percent(self.par30, self.outstanding)

    @property
    def par90_percent(self) -> Decimal | None:
        return percent(self.par90, self.outstanding)

    @property
    def repayment_rate_percent(self) -> Decimal | None:
        return percent(self.principal_repaid, self.principal_due)

    @property
    def outstanding_label(self) -> str:
        return rupiah_label(self.outstanding)

    @property
    def arrears_label(self) -> str:
        return rupiah_label(self.arrears)

    @property
    def par30_label(self) -> str:
        return rupiah_label(self.par30)

    @property
    def par90_label(self) -> str:
        return rupiah_label(self.par90)


@dataclass(frozen=True)
class AreaQuality:
    """One row of a breakdown: a kecamatan, a kelurahan or a group (key "" for the loans
    made to one person's business when broken down by group)."""

    key: str
    name: str
    quality: PortfolioQuality


@dataclass(frozen=True)
class LoanInArrears:
    """An active loan with an overdue instalment."""

    loan_id: int
    borrower_name: str
    group_name: str
    kelurahan_name: str
    overdue_since: datetime.date
    days: int
    outstanding: int
    arrears: int

    @property
    def outstanding_label(self) -> str:
        return rupiah_label(self.outstanding)

    @property
    def arrears_label(self) -> str:
        return rupiah_label(self.arrears)


@dataclass
class _Totals:
    loans: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    outstanding: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    arrears: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    due: int = 0
    repaid: int = 0

    def quality(self, as_of: datetime.date) -> PortfolioQuality:
        buckets = [
            AgeingBucket(band, self.loans[i], self.outstanding[i], self.arrears[i])
            for i, band in enumerate(BANDS)
        ]
        return PortfolioQuality(
            as_of=as_of, buckets=buckets, principal_due=self.due, principal_repaid=self.repaid
        )


def portfolio_loans(*, user: User | object, for_aggregates: bool = False) -> QuerySet[Loan]:
    """Return the loans `user` may see (viewers: for aggregates only, the whole city)."""
    return scope_to_user(Loan.objects.all(), user, for_aggregates=for_aggregates)


def portfolio_loans_in(
    loans: QuerySet[Loan], *, kecamatan_code: str = "", kelurahan_code: str = ""
) -> QuerySet[Loan]:
    """Return `loans` narrowed to a kecamatan or a kelurahan (a drill-down)."""
    if kelurahan_code:
        loans = loans.filter(application__kelurahan_id=kelurahan_code)
    if kecamatan_code:
        loans = loans.filter(application__kelurahan__kecamatan_id=kecamatan_code)
    return loans


def portfolio_quality(
    *, loans: QuerySet[Loan], as_of: datetime.date | None = None
) -> PortfolioQuality:
    """Return the quality of `loans` as of `as_of` (default today), in one query."""
    as_of = as_of or timezone.localdate()
    totals = _totals_by(loans, as_of, dimension=None)
    return totals.get("", _Totals()).quality(as_of)


def portfolio_quality_by(
    *, loans: QuerySet[Loan], breakdown: str, as_of: datetime.date | None = None
) -> list[AreaQuality]:
    """Return the quality of `loans` for each kecamatan, kelurahan or group they lie in,
    by name, in two queries."""
    as_of = as_of or timezone.localdate()
    totals = _totals_by(loans, as_of, dimension=breakdown)
    names = _names_of(breakdown, [key for key in totals if key])
    individual = str(_("One person's business"))
    rows = [
        AreaQuality(key=key, name=names.get(key) or individual, quality=row.quality(as_of))
        for key, row in totals.items()
    ]
    return sorted(rows, key=lambda row: (row.key == "", row.name.lower(), row.key))


def loans_in_arrears(
    *, loans: QuerySet[Loan], as_of: datetime.date | None = None, limit: int = 200
) -> list[LoanInArrears]:
    """Return up to `limit` active loans in arrears, longest in arrears first, with their
    borrower, group and kelurahan, in two queries."""
    as_of = as_of or timezone.localdate()
    per_loan_sql, params = _per_loan_sql(loans, as_of, dimension=None)
    sql = (
        f"WITH per_loan AS ({per_loan_sql}) "  # noqa: S608 (values are parameters)
        "SELECT loan_id, overdue_since, outstanding, arrears FROM per_loan "
        "WHERE in_portfolio = 1 AND overdue_since IS NOT NULL "
        "ORDER BY overdue_since, loan_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    found = Loan.objects.select_related("borrower", "group", "application__kelurahan").in_bulk(
        [row[0] for row in rows]
    )
    listed = []
    for loan_id, overdue_since, outstanding, arrears in rows:
        loan = found[loan_id]
        since = _date(overdue_since)
        listed.append(
            LoanInArrears(
                loan_id=loan_id,
                borrower_name=loan.borrower.full_name,
                group_name=loan.group.name if loan.group else "",
                kelurahan_name=loan.application.kelurahan.name,
                overdue_since=since,
                days=(as_of - since).days,
                outstanding=int(outstanding),
                arrears=int(arrears),
            )
        )
    return listed


def _date(value: object) -> datetime.date:
    # SQLite hands back a date computed by MIN() as text.
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _totals_by(
    loans: QuerySet[Loan], as_of: datetime.date, *, dimension: str | None
) -> dict[str, _Totals]:
    per_loan_sql, params = _per_loan_sql(loans, as_of, dimension=dimension)
    # Bands by date rather than by days: no date arithmetic in SQL, the same on every database.
    band_cases = " ".join(
        f"WHEN overdue_since >= %s THEN {index}"
        for index, band in enumerate(BANDS[1:-1], start=1)
        if band.highest is not None
    )
    band_params = [
        as_of - datetime.timedelta(days=band.highest)
        for band in BANDS[1:-1]
        if band.highest is not None
    ]
    sql = (
        f"WITH per_loan AS ({per_loan_sql}) "  # noqa: S608 (values are parameters)
        "SELECT dimension, band, SUM(in_portfolio), SUM(in_portfolio * outstanding), "
        "SUM(in_portfolio * arrears), SUM(due), SUM(repaid) FROM ("
        "SELECT per_loan.*, CASE WHEN overdue_since IS NULL THEN 0 "
        f"{band_cases} ELSE {len(BANDS) - 1} END AS band FROM per_loan"
        ") banded GROUP BY dimension, band"
    )
    totals: dict[str, _Totals] = defaultdict(_Totals)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *band_params])
        for key, band, count, outstanding, arrears, due, repaid in cursor.fetchall():
            row = totals[str(key) if key is not None else ""]
            row.loans[band] += int(count or 0)
            row.outstanding[band] += int(outstanding or 0)
            row.arrears[band] += int(arrears or 0)
            row.due += int(due or 0)
            row.repaid += int(repaid or 0)
    return dict(totals)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _per_loan_sql(
    loans: QuerySet[Loan], as_of: datetime.date, *, dimension: str | None
) -> tuple[str, list[Any]]:
    """One row per loan of `loans` disbursed by `as_of`: whether it is in the portfolio, its
    outstanding principal, its overdue since date and arrears, and what fell due and was
    paid up to the date; with the key of `dimension`."""
    scoped_sql, scoped_params = loans.order_by().values("pk").query.sql_with_params()
    loan, installment = _table(Loan), _table(LoanInstallment)
    joins, key = "", "''"
    if dimension in (Breakdown.KECAMATAN, Breakdown.KELURAHAN):
        joins = f" JOIN {_table(LoanApplication)} a ON a.id = l.application_id"
        key = "a.kelurahan_id"
        if dimension == Breakdown.KECAMATAN:
            joins += f" JOIN {_table(Kelurahan)} k ON k.code = a.kelurahan_id"
            key = "k.kecamatan_id"
    elif dimension == Breakdown.GROUP:
        key = "l.group_id"
    # PostgreSQL refuses a constant in GROUP BY: the key is grouped by only when it is a column.
    grouped_key = "" if key == "''" else f", {key}"
    paid, paid_params = "i.principal_paid", list[Any]()
    if as_of < timezone.localdate():
        # What was paid by then: the allocations of the repayments paid by then.
        joins += (
            " LEFT JOIN (SELECT ra.installment_id, SUM(ra.amount) AS amount"  # noqa: S608
            f" FROM {_table(RepaymentAllocation)} ra"
            f" JOIN {_table(LoanRepayment)} r ON r.id = ra.repayment_id"
            " WHERE r.paid_on <= %s GROUP BY ra.installment_id) p ON p.installment_id = i.id"
        )
        paid, paid_params = "COALESCE(p.amount, 0)", [as_of]
    # Raw SQL because a loan's band depends on an aggregate over its instalments and the
    # bands are then aggregated again, which the ORM cannot group by. Only fixed fragments,
    # quoted table names and the scoped queryset's own compiled SQL are joined; every value
    # is a parameter.
    sql = (
        f"SELECT l.id AS loan_id, {key} AS dimension, "  # noqa: S608
        "CASE WHEN l.status = %s OR l.closed_on > %s THEN 1 ELSE 0 END AS in_portfolio, "
        f"SUM(i.principal_due - {paid}) AS outstanding, "
        f"MIN(CASE WHEN i.due_on < %s AND i.principal_due > {paid} THEN i.due_on END) "
        "AS overdue_since, "
        f"SUM(CASE WHEN i.due_on < %s THEN i.principal_due - {paid} ELSE 0 END) AS arrears, "
        "SUM(CASE WHEN i.due_on <= %s THEN i.principal_due ELSE 0 END) AS due, "
        f"SUM(CASE WHEN i.due_on <= %s THEN {paid} ELSE 0 END) AS repaid "
        f"FROM {loan} l JOIN {installment} i ON i.loan_id = l.id{joins} "
        f"WHERE l.disbursed_on <= %s AND l.id IN ({scoped_sql}) "
        f"GROUP BY l.id, l.status, l.closed_on{grouped_key}"
    )
    params: list[Any] = [
        LoanStatus.ACTIVE.value,
        as_of,
        as_of,
        as_of,
        as_of,
        as_of,
        *paid_params,
        as_of,
        *scoped_params,
    ]
    return sql, params


def _names_of(breakdown: str, keys: Iterable[str]) -> dict[str, str]:
    keys = list(keys)
    if breakdown == Breakdown.KECAMATAN:
        return dict(Kecamatan.objects.filter(code__in=keys).values_list("code", "name"))
    if breakdown == Breakdown.KELURAHAN:
        return dict(Kelurahan.objects.filter(code__in=keys).values_list("code", "name"))
    names = BusinessGroup.objects.filter(pk__in=[int(key) for key in keys])
    return {str(pk): name for pk, name in names.values_list("pk", "name")}
