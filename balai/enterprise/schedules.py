"""A loan's repayment schedule: equal instalments in whole Rupiah, the rest in the last.

Pure functions of the product's terms, so that the property tests can try any principal,
number of instalments and rounding unit without a database.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from balai.enterprise.models import InstallmentFrequency

INSTALLMENTS_PER_MONTH = {
    InstallmentFrequency.MONTHLY: 1,
    InstallmentFrequency.BIWEEKLY: 2,
    InstallmentFrequency.WEEKLY: 4,
}


@dataclass(frozen=True)
class ScheduledInstallment:
    number: int
    due_on: datetime.date
    principal_due: int


def installment_amounts(principal: int, count: int, rounding_unit: int = 1) -> list[int]:
    """Split `principal` into `count` instalments, each a whole multiple of `rounding_unit`
    rounded down, the last taking the remainder so that they sum to the principal exactly.

    The last is never smaller than the others, and larger by less than
    `count * rounding_unit`: rounding down keeps every early instalment affordable.
    """
    if principal < 1 or count < 1 or rounding_unit < 1:
        raise ValueError("principal, count and rounding unit must be positive")
    equal = principal // count // rounding_unit * rounding_unit
    return [equal] * (count - 1) + [principal - equal * (count - 1)]


def installment_count(frequency: str, tenor_months: int) -> int:
    """Return how many instalments `tenor_months` of `frequency` make."""
    return tenor_months * INSTALLMENTS_PER_MONTH[InstallmentFrequency(frequency)]


def installment_due_dates(
    *, disbursed_on: datetime.date, frequency: str, count: int, grace_period_months: int = 0
) -> list[datetime.date]:
    """Return the due dates: one period after the grace period, then one per period.

    Monthly instalments fall on the day of the month of disbursement (the month's last day
    when it has no such day: 31 January, then 28 or 29 February, then 31 March).
    """
    start = months_after(disbursed_on, grace_period_months)
    if frequency == InstallmentFrequency.MONTHLY:
        return [months_after(start, number) for number in range(1, count + 1)]
    days = 14 if frequency == InstallmentFrequency.BIWEEKLY else 7
    return [start + datetime.timedelta(days=days * number) for number in range(1, count + 1)]


def months_after(day: datetime.date, months: int) -> datetime.date:
    """Return the same day of the month `months` later, or that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def schedule_for(
    *,
    principal: int,
    disbursed_on: datetime.date,
    frequency: str,
    tenor_months: int,
    grace_period_months: int = 0,
    rounding_unit: int = 1,
) -> list[ScheduledInstallment]:
    """Return a loan's whole schedule from its principal and its product's terms."""
    count = installment_count(frequency, tenor_months)
    amounts = installment_amounts(principal, count, rounding_unit)
    dates = installment_due_dates(
        disbursed_on=disbursed_on,
        frequency=frequency,
        count=count,
        grace_period_months=grace_period_months,
    )
    return [
        ScheduledInstallment(number=number, due_on=due_on, principal_due=amount)
        for number, (due_on, amount) in enumerate(zip(dates, amounts, strict=True), start=1)
    ]
