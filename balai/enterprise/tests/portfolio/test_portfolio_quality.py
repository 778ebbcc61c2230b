"""Portfolio at risk, arrears ageing and the repayment rate on a hand-made portfolio match
the values computed by hand; the boundary day, closed and written-off loans, past dates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balai.enterprise.models import Loan, LoanProduct
from balai.enterprise.portfolio import portfolio_quality
from balai.testing.portfolio import (
    HandMadePortfolio,
    days_ago,
    weekly_loan,
)

pytestmark = pytest.mark.django_db


def by_band(quality: object) -> dict[str, tuple[int, int, int]]:
    return {
        bucket.band.key: (bucket.loans, bucket.outstanding, bucket.arrears)
        for bucket in quality.buckets  # type: ignore[attr-defined]
    }


def test_par_on_a_hand_made_portfolio_matches_hand_computed_values(
    hand_made: HandMadePortfolio,
) -> None:
    # Given nine loans of Rp1.000.000 (4 weekly instalments of Rp250.000, the first due
    # N days ago, the next N-7, N-14, N-21 days ago), "overdue" = due BEFORE today, unpaid:
    #   due_today             N=0:  first instalment due today: not late. current, owes 1.000.000
    #   thirty_days           N=30: nothing paid: overdue since 30 days -> 1-30, owes 1.000.000
    #   thirty_one_days       N=31: nothing paid: 31 days -> 31-60, owes 1.000.000
    #   paid_one_then_stopped N=70: paid 250.000 on the first's day; second due 63 days ago
    #                               -> 61-90, owes 750.000 (all overdue)
    #   ninety_one_days       N=91: nothing paid: 91 days -> 91-180, owes 1.000.000
    #   two_hundred_days      N=200: paid 100.000 late: first still not fully paid -> 200 days
    #                               -> over 180, owes 900.000
    #   repaid                N=33: repaid in full 12 days ago: closed, outside the portfolio
    #   written_off           N=93: written off 5 days ago: outside the portfolio
    #   late_caught_up        N=14: paid 500.000 yesterday (first two); third due today
    #                               -> current, owes 500.000
    # Portfolio: 7 active loans, outstanding 6.150.000.
    # PAR1  = 6.150.000 - 1.500.000 (current)           = 4.650.000 -> 75,609..% = 75.61
    # PAR30 = 1.000.000 + 750.000 + 1.000.000 + 900.000 = 3.650.000 -> 59,349..% = 59.35
    # PAR90 = 1.000.000 + 900.000                       = 1.900.000 -> 30,894..% = 30.89
    # Repayment rate, every loan disbursed, on instalments due up to today (today included):
    #   due:  250.000 (due_today) + 7 x 1.000.000 + 750.000 (late_caught_up) = 8.000.000
    #   paid: 250.000 + 100.000 + 1.000.000 + 500.000                       = 1.850.000
    #   -> 23,125% = 23.13
    # When
    quality = portfolio_quality(loans=Loan.objects.all())
    # Then
    assert quality.loans == 7
    assert quality.outstanding == 6_150_000
    assert by_band(quality) == {
        "current": (2, 1_500_000, 0),
        "1-30": (1, 1_000_000, 1_000_000),
        "31-60": (1, 1_000_000, 1_000_000),
        "61-90": (1, 750_000, 750_000),
        "91-180": (1, 1_000_000, 1_000_000),
        "over-180": (1, 900_000, 900_000),
    }
    assert quality.arrears == 4_650_000
    assert (quality.par1, quality.par30, quality.par90) == (4_650_000, 3_650_000, 1_900_000)
    assert quality.par1_percent == Decimal("75.61")
    assert quality.par30_percent == Decimal("59.35")
    assert quality.par90_percent == Decimal("30.89")
    assert (quality.principal_due, quality.principal_repaid) == (8_000_000, 1_850_000)
    assert quality.repayment_rate_percent == Decimal("23.13")


def test_a_loan_exactly_thirty_days_late_is_not_at_risk_and_one_day_more_is(
    weekly_product: LoanProduct,
) -> None:
    # Given a loan whose first instalment fell due 30 days ago, unpaid
    loan = weekly_loan(weekly_product, first_due_days_ago=30)
    # Then it is 1-30 days in arrears, outside PAR30 (Fineract: days > 30)
    quality = portfolio_quality(loans=Loan.objects.filter(pk=loan.pk))
    assert by_band(quality)["1-30"][0] == 1
    assert quality.par30 == 0
    # and as of tomorrow, 31 days, it is at risk
    tomorrow = days_ago(-1)
    later = portfolio_quality(loans=Loan.objects.filter(pk=loan.pk), as_of=tomorrow)
    assert by_band(later)["31-60"][0] == 1
    assert later.par30_percent == Decimal("100.00")


def test_closed_and_written_off_loans_are_outside_the_portfolio(
    hand_made: HandMadePortfolio,
) -> None:
    # Given the repaid and the written-off loans alone
    names = ["repaid", "written_off"]
    loans = Loan.objects.filter(pk__in=[hand_made.loans[name].pk for name in names])
    # When
    quality = portfolio_quality(loans=loans)
    # Then they count in no bucket and put nothing at risk, but their dues count in the rate
    assert (quality.loans, quality.outstanding, quality.par1) == (0, 0, 0)
    assert quality.par30_percent is None
    assert (quality.principal_due, quality.principal_repaid) == (2_000_000, 1_000_000)


def test_as_of_a_past_date_later_payments_do_not_count_and_loans_closed_since_do(
    hand_made: HandMadePortfolio,
) -> None:
    # Given the date 13 days ago: the repaid loan was repaid 12 days ago, the written-off
    # one written off 5 days ago, late_caught_up paid yesterday
    names = ["repaid", "written_off", "late_caught_up"]
    loans = Loan.objects.filter(pk__in=[hand_made.loans[name].pk for name in names])
    # When
    quality = portfolio_quality(loans=loans, as_of=days_ago(13))
    # Then (as of then) repaid: first due 33 days ago, unpaid: 20 days -> 1-30, owes 1.000.000;
    # written_off: first due 93 days ago: 80 days -> 61-90, owes 1.000.000;
    # late_caught_up: first due 14 days ago: 1 day -> 1-30, owes 1.000.000
    # arrears: repaid 3 instalments due before then, late_caught_up 1
    assert by_band(quality)["1-30"] == (2, 2_000_000, 750_000 + 250_000)
    assert by_band(quality)["61-90"] == (1, 1_000_000, 1_000_000)
    assert quality.par30 == 1_000_000
    # and nothing had been paid on what had fallen due then
    assert quality.principal_repaid == 0
