"""The job search funnel and the money of grants and loans, on small hand-made data, at
every level: each kelurahan hand-counted, a kecamatan the sum of its kelurahan, the city the
sum of its kecamatan, and PAR30 what the portfolio's own report says."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.enterprise.models import Loan
from balai.enterprise.payouts import payout_mark_paid
from balai.enterprise.portfolio import portfolio_quality
from balai.placement.interviews import interview_book, interview_outcome_record
from balai.placement.models import (
    ApplicationStatus,
    InterviewOutcome,
    JobApplication,
    Vacancy,
    VacancyStatus,
)
from balai.registry.models import Person
from balai.reporting.dashboard import dashboard_for
from balai.reporting.models import AreaSummary
from balai.reporting.refresh import summaries_refresh
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.enterprise_payouts import make_approved_grant, make_finance_admins, sent_payout
from balai.testing.grants import apply_for
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import make_company, make_graduates, make_vacancy
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.portfolio import make_weekly_product, repay, weekly_loan
from balai.training.models import Enrolment

pytestmark = pytest.mark.django_db

KECAMATAN_TANGERANG = "36.71.01"  # Sukarasa and Babakan
KECAMATAN_JATIUWUNG = "36.71.02"  # Keroncong
CITY = "36.71"


def figures(level: str, code: str, section: str) -> dict[str, Any]:
    return AreaSummary.objects.get(level=level, code=code).figures[section]  # type: ignore[no-any-return]


def _interviewed(
    enrolment: Enrolment, vacancy: Vacancy, employer: User, outcome: InterviewOutcome
) -> None:
    application = make_shortlisted(enrolment, vacancy)
    # A slot of its own, an hour after the vacancy's others.
    later = datetime.timedelta(days=3, hours=vacancy.interview_slots.count())
    slot = make_slot(vacancy, employer, starts_in=later)
    assert enrolment.person.user is not None  # graduates have accounts
    booking = interview_book(application=application, slot_id=slot.pk, user=enrolment.person.user)
    with time_machine.travel(slot.ends_at):
        interview_outcome_record(
            booking=booking,
            user=employer,
            outcome=outcome,
            starts_on=timezone.localdate() + datetime.timedelta(days=14),
        )


@pytest.fixture
def job_search(kota_tangerang: None, programmes: list[Programme]) -> None:
    """Three graduates: Sukarasa's hired from a vacancy (and applied to a second one),
    Babakan's interviewed and not selected, Keroncong's applied and no more. Two vacancies
    were published (2 + 3 openings, one closed since), one is a draft."""
    hired, rejected, waiting = make_graduates(programmes).enrolments
    company, (employer,) = make_company()
    cook = make_vacancy(company, openings=2)
    waiter = make_vacancy(company, title="Pramusaji", openings=3)
    Vacancy.objects.filter(pk=waiter.pk).update(status=VacancyStatus.CLOSED)
    make_vacancy(company, title="Kasir", status=VacancyStatus.DRAFT, openings=7)
    _interviewed(hired, cook, employer, InterviewOutcome.HIRED)
    JobApplication.objects.create(
        vacancy=waiter,
        person=hired.person,
        enrolment=hired,
        status=ApplicationStatus.APPLIED,
        status_changed_at=timezone.now(),
    )
    _interviewed(rejected, cook, employer, InterviewOutcome.NOT_SELECTED)
    JobApplication.objects.create(
        vacancy=cook,
        person=waiting.person,
        enrolment=waiting,
        status=ApplicationStatus.APPLIED,
        status_changed_at=timezone.now(),
    )
    Person.objects.filter(pk=rejected.person_id).update(domicile_kelurahan_id=BABAKAN)
    Person.objects.filter(pk=waiting.person_id).update(domicile_kelurahan_id=KERONCONG)
    summaries_refresh()


JOB_SEARCH = {
    ("kelurahan", SUKARASA): {"applied": 1, "shortlisted": 1, "interviewed": 1, "hired": 1},
    ("kelurahan", BABAKAN): {"applied": 1, "shortlisted": 1, "interviewed": 1},
    ("kelurahan", KERONCONG): {"applied": 1, "shortlisted": 0, "interviewed": 0},
    ("kecamatan", KECAMATAN_TANGERANG): {
        "applied": 2,
        "shortlisted": 2,
        "interviewed": 2,
        "hired": 1,
    },
    ("kecamatan", KECAMATAN_JATIUWUNG): {"applied": 1, "shortlisted": 0, "interviewed": 0},
    ("regency", CITY): {"applied": 3, "shortlisted": 2, "interviewed": 2, "hired": 1},
}


def test_the_job_search_counts_each_resident_once_per_stage_where_they_live(
    job_search: None,
) -> None:
    counted = {area: figures(*area, "jobfair")["total"] for area in JOB_SEARCH}
    assert counted == JOB_SEARCH


def test_only_the_city_counts_the_vacancies_published_and_their_openings(
    job_search: None,
) -> None:
    assert figures("regency", CITY, "jobfair")["vacancies"] == {
        "vacancies_published": 2,
        "openings_published": 5,
        "vacancies_open": 1,
        "job_fairs": 0,
        "booths": 0,
    }
    assert "vacancies" not in figures("kecamatan", KECAMATAN_TANGERANG, "jobfair")


@pytest.fixture
def grants(kota_tangerang: None) -> None:
    """Sukarasa: one grant approved, sent and paid (Rp500.000) and one application waiting;
    Babakan: one approved and sent (Rp500.000); Keroncong: one approved, not paid out
    (Rp1.000.000, from a second round)."""
    maker, checker = make_finance_admins()
    first = make_grant_batch(budget_ceiling=5_000_000)
    second = make_grant_batch(amount_per_grant=1_000_000, budget_ceiling=3_000_000, name="Ke-2")
    paid = sent_payout(make_approved_grant(batch=first), maker, checker)
    payout_mark_paid(disbursement=paid, paid_on=timezone.localdate(), provider_reference="BCA-0001")
    sent_payout(make_approved_grant(batch=first, kelurahan_code=BABAKAN), maker, checker)
    make_approved_grant(batch=second, kelurahan_code=KERONCONG)
    apply_for(make_residents(1)[0], first)


@pytest.fixture
def loans(kota_tangerang: None, users_by_role: dict[str, User]) -> None:
    """Three loans of Rp1.000.000 in four weekly instalments of Rp250.000:
    Sukarasa's first due 40 days ago, one paid (overdue since 33 days: at risk);
    Babakan's first due 10 days ago, both due paid (current);
    Keroncong's first due 5 days ago, nothing paid (late, not at risk)."""
    desk = users_by_role[Role.ADMIN]
    product = make_weekly_product()
    late = weekly_loan(product, first_due_days_ago=40)
    current = weekly_loan(product, first_due_days_ago=10, kelurahan_code=BABAKAN)
    weekly_loan(product, first_due_days_ago=5, kelurahan_code=KERONCONG)
    repay(late, 250_000, paid_days_ago=30, desk=desk)
    repay(current, 500_000, paid_days_ago=2, desk=desk)


SUKARASA_GRANTS = {
    "applications": 2,
    "approved": 1,
    "committed": 500_000,
    "disbursed": 1,
    "disbursed_amount": 500_000,
    "paid": 1,
    "paid_amount": 500_000,
}
BABAKAN_GRANTS = {
    "applications": 1,
    "approved": 1,
    "committed": 500_000,
    "disbursed": 1,
    "disbursed_amount": 500_000,
    "paid": 0,
    "paid_amount": 0,
}
KERONCONG_GRANTS = {"applications": 1, "approved": 1, "committed": 1_000_000}


def _added(*parts: dict[str, int]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for name, amount in part.items():
            total[name] = total.get(name, 0) + amount
    return total


def test_grants_are_counted_in_rupiah_where_each_business_is(grants: None) -> None:
    summaries_refresh()
    assert figures("kelurahan", SUKARASA, "money")["grants"] == SUKARASA_GRANTS
    assert figures("kelurahan", BABAKAN, "money")["grants"] == BABAKAN_GRANTS
    assert figures("kelurahan", KERONCONG, "money")["grants"] == KERONCONG_GRANTS
    assert figures("kecamatan", KECAMATAN_TANGERANG, "money")["grants"] == _added(
        SUKARASA_GRANTS, BABAKAN_GRANTS
    )
    assert figures("regency", CITY, "money")["grants"] == _added(
        SUKARASA_GRANTS, BABAKAN_GRANTS, KERONCONG_GRANTS
    )


def test_the_city_sets_the_rounds_budgets_against_what_they_committed(grants: None) -> None:
    summaries_refresh()
    assert figures("regency", CITY, "money")["budget"] == {
        "batches": 2,
        "budget_ceiling": 8_000_000,
        "committed": 2_000_000,
    }
    assert "budget" not in figures("kecamatan", KECAMATAN_TANGERANG, "money")


SUKARASA_LOANS = {
    "active_loans": 1,
    "outstanding": 750_000,
    "at_risk_30": 750_000,
    "principal_due": 1_000_000,
    "principal_repaid": 250_000,
}
BABAKAN_LOANS = {
    "active_loans": 1,
    "outstanding": 500_000,
    "at_risk_30": 0,
    "principal_due": 500_000,
    "principal_repaid": 500_000,
}
KERONCONG_LOANS = {
    "active_loans": 1,
    "outstanding": 1_000_000,
    "at_risk_30": 0,
    "principal_due": 250_000,
    "principal_repaid": 0,
}


def test_loans_add_up_from_kelurahan_to_the_city(loans: None) -> None:
    summaries_refresh()
    assert figures("kelurahan", SUKARASA, "money")["loans"] == SUKARASA_LOANS
    assert figures("kelurahan", BABAKAN, "money")["loans"] == BABAKAN_LOANS
    assert figures("kelurahan", KERONCONG, "money")["loans"] == KERONCONG_LOANS
    assert figures("kecamatan", KECAMATAN_TANGERANG, "money")["loans"] == _added(
        SUKARASA_LOANS, BABAKAN_LOANS
    )
    assert figures("regency", CITY, "money")["loans"] == _added(
        SUKARASA_LOANS, BABAKAN_LOANS, KERONCONG_LOANS
    )


def test_the_citys_par30_and_repayment_rate_are_the_portfolios_own(loans: None) -> None:
    summaries_refresh()
    city = figures("regency", CITY, "money")["loans"]
    quality = portfolio_quality(loans=Loan.objects.all())
    assert (city["at_risk_30"], city["outstanding"]) == (quality.par30, quality.outstanding)
    assert (city["principal_repaid"], city["principal_due"]) == (
        quality.principal_repaid,
        quality.principal_due,
    )


def test_areas_with_no_outcomes_have_empty_figures(kota_tangerang: None) -> None:
    summaries_refresh()
    assert figures("kelurahan", SUKARASA, "jobfair") == {"total": {}}
    assert figures("kelurahan", SUKARASA, "money") == {"grants": {}, "loans": {}}


def test_the_city_dashboard_shows_the_funnel_the_grants_and_the_loans(
    grants: None, loans: None, users_by_role: dict[str, User]
) -> None:
    summaries_refresh()
    dashboard = dashboard_for(user=users_by_role[Role.VIEWER])

    grant_rows = [row.cells for row in dashboard.table("grants").rows]
    assert grant_rows[0][2] == 8_000_000
    assert [cells[1:] for cells in grant_rows[1:]] == [
        [3, 2_000_000],
        [2, 1_000_000],
        [1, 500_000],
    ]
    loans_table = dashboard.table("loans")
    assert loans_table.total is not None
    # 2.250.000 outstanding; 750.000 of 1.750.000 due repaid; 750.000 at risk.
    assert loans_table.total[1:] == [3, 2_250_000, 42.9, 33.3]
    tangerang = next(
        row for row in loans_table.rows if row.link == ("kecamatan", KECAMATAN_TANGERANG)
    )
    assert tangerang.cells[1:] == [2, 1_250_000, 50.0, 60.0]
    assert dashboard.table("jobfair").chart is not None


def test_a_kelurahan_dashboard_shows_its_own_loans_and_no_class_has_outcomes(
    loans: None, users_by_role: dict[str, User]
) -> None:
    summaries_refresh()
    kelurahan = dashboard_for(user=users_by_role[Role.KELURAHAN_OPERATOR])
    assert [row.cells[1:] for row in kelurahan.table("loans").rows] == [[1, 750_000, 25.0, 100.0]]
    assert "budget" not in kelurahan.table("grants").extra
