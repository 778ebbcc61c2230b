"""A loan's schedule: whatever the principal, tenor and rounding, the instalments sum to the
principal exactly, are whole multiples of the rounding unit but the last, and fall due
once a period after the grace period."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.enterprise.models import InstallmentFrequency
from balai.enterprise.schedules import installment_amounts, installment_due_dates, schedule_for


@settings(max_examples=500, deadline=None)
@given(
    principal=st.integers(min_value=1, max_value=10_000_000_000),
    count=st.integers(min_value=1, max_value=120),
    rounding_unit=st.sampled_from([1, 10, 100, 500, 1_000, 5_000, 10_000, 100_000]),
)
def test_instalments_sum_to_the_principal_for_any_principal_tenor_and_rounding(
    principal: int, count: int, rounding_unit: int
) -> None:
    amounts = installment_amounts(principal, count, rounding_unit)

    assert sum(amounts) == principal
    assert len(amounts) == count
    assert all(isinstance(amount, int) and amount >= 0 for amount in amounts)
    assert all(amount % rounding_unit == 0 for amount in amounts[:-1])
    assert len(set(amounts[:-1])) <= 1  # equal instalments, the remainder in the last
    assert amounts[-1] >= max(amounts)
    assert amounts[-1] - amounts[0] < count * rounding_unit or count == 1


def test_a_million_over_three_months_puts_the_remainder_in_the_last() -> None:
    assert installment_amounts(1_000_000, 3) == [333_333, 333_333, 333_334]
    assert installment_amounts(1_000_000, 3, 1_000) == [333_000, 333_000, 334_000]


@pytest.mark.parametrize(
    ("principal", "count", "unit"), [(0, 3, 1), (100, 0, 1), (100, 3, 0), (-5, 3, 1)]
)
def test_a_schedule_of_nothing_is_refused(principal: int, count: int, unit: int) -> None:
    with pytest.raises(ValueError):
        installment_amounts(principal, count, unit)


def test_monthly_instalments_keep_the_day_of_the_month_or_the_months_last_day() -> None:
    # A pure function of its arguments: the dates are calendar facts, not "today".
    dates = installment_due_dates(
        disbursed_on=datetime.date(2027, 1, 31),
        frequency=InstallmentFrequency.MONTHLY,
        count=3,
    )

    assert dates == [
        datetime.date(2027, 2, 28),
        datetime.date(2027, 3, 31),
        datetime.date(2027, 4, 30),
    ]


def test_the_grace_period_delays_the_first_instalment() -> None:
    schedule = schedule_for(
        principal=1_200_000,
        disbursed_on=datetime.date(2027, 5, 10),
        frequency=InstallmentFrequency.MONTHLY,
        tenor_months=12,
        grace_period_months=2,
    )

    assert schedule[0].due_on == datetime.date(2027, 8, 10)
    assert [item.number for item in schedule] == list(range(1, 13))
    assert {item.principal_due for item in schedule} == {100_000}


def test_weekly_and_biweekly_instalments_fall_every_seven_and_fourteen_days() -> None:
    start = datetime.date(2027, 5, 10)
    weekly = installment_due_dates(disbursed_on=start, frequency="weekly", count=4)
    biweekly = installment_due_dates(disbursed_on=start, frequency="biweekly", count=2)

    assert [(day - start).days for day in weekly] == [7, 14, 21, 28]
    assert [(day - start).days for day in biweekly] == [14, 28]
    assert (
        len(schedule_for(principal=100, disbursed_on=start, frequency="weekly", tenor_months=3))
        == 12
    )
