"""The portfolio page, its download and its API: operators see their area, leaders the city
in aggregate and no names; a fixed number of queries whatever the number of loans."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from balai.accounts.models import Role, User
from balai.enterprise.models import LoanProduct
from balai.enterprise.portfolio_report import portfolio_report
from balai.testing.places import KERONCONG, SUKARASA
from balai.testing.portfolio import days_ago, weekly_loan

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/enterprise/portfolio/summary"
AREAS = "/api/v1/enterprise/portfolio/areas"


@pytest.fixture
def two_areas(weekly_product: LoanProduct) -> dict[str, str]:
    """A loan 40 days late in Sukarasa (Kecamatan Tangerang) and one 10 days late in
    Keroncong (Kecamatan Jatiuwung), each borrower's name by kelurahan."""
    here = weekly_loan(weekly_product, first_due_days_ago=40, kelurahan_code=SUKARASA)
    there = weekly_loan(weekly_product, first_due_days_ago=10, kelurahan_code=KERONCONG)
    return {SUKARASA: here.borrower.full_name, KERONCONG: there.borrower.full_name}


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_kelurahan_operator_sees_their_kelurahan_only(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    # When the operator of Sukarasa opens the page
    response = signed_in(users_by_role[Role.KELURAHAN_OPERATOR]).get(
        reverse("enterprise:portfolio")
    )
    # Then only Sukarasa's loan is counted and listed, with its borrower's name
    assert response.status_code == 200
    report = response.context["report"]
    assert report.quality.loans == 1
    assert report.quality.par30 == 1_000_000
    assert [loan.borrower_name for loan in report.loans_in_arrears] == [two_areas[SUKARASA]]
    assert two_areas[KERONCONG] not in response.content.decode()


def test_a_viewer_sees_the_city_in_aggregate_and_no_names(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    # When a leader opens the page
    response = signed_in(users_by_role[Role.VIEWER]).get(reverse("enterprise:portfolio"))
    # Then both loans count, by kecamatan, and no borrower is named
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.quality.loans, report.quality.par30) == (2, 1_000_000)
    assert report.breakdown == "kecamatan"
    assert len(report.areas) == 2
    assert report.loans_in_arrears is None
    page = response.content.decode()
    assert all(name not in page for name in two_areas.values())


def test_the_drill_down_to_a_kecamatan_shows_its_kelurahan(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    # When the admin drills into Kecamatan Tangerang
    response = signed_in(users_by_role[Role.ADMIN]).get(
        reverse("enterprise:portfolio"), {"kecamatan": SUKARASA[:8]}
    )
    # Then the kecamatan's loan alone counts, by kelurahan
    report = response.context["report"]
    assert report.breakdown == "kelurahan"
    assert [area.key for area in report.areas] == [SUKARASA]
    assert report.quality.loans == 1


def test_a_past_date_can_be_chosen_and_a_future_one_is_refused(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    client = signed_in(users_by_role[Role.ADMIN])
    # As of 20 days ago Sukarasa's loan was 20 days late and Keroncong's not yet due
    past = client.get(reverse("enterprise:portfolio"), {"as_of": days_ago(20).isoformat()})
    assert past.context["report"].quality.par30 == 0
    assert past.context["report"].quality.loans_in_arrears == 1
    future = client.get(reverse("enterprise:portfolio"), {"as_of": days_ago(-1).isoformat()})
    assert future.status_code == 400


def test_the_page_takes_the_same_number_of_queries_whatever_the_number_of_loans(
    weekly_product: LoanProduct,
    users_by_role: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    admin = users_by_role[Role.ADMIN]
    weekly_loan(weekly_product, first_due_days_ago=40)
    counted: list[int] = []
    for more in (0, 6):
        for days in range(more):
            weekly_loan(weekly_product, first_due_days_ago=5 + 30 * days)
        # Summary, breakdown and its names, loans in arrears and their borrowers: 5.
        with django_assert_num_queries(5) as context:
            report = portfolio_report(user=admin)
        counted.append(len(context.captured_queries))
        assert report.quality.loans == 1 + more
    assert counted == [5, 5]


def test_the_download_is_a_workbook_of_the_page(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    response = signed_in(users_by_role[Role.ADMIN]).get(reverse("enterprise:portfolio_export"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    # Ageing, by area, loans in arrears (titled in the user's language).
    assert len(workbook.sheetnames) == 3
    listed = workbook[workbook.sheetnames[2]]
    borrowers = [row[0] for row in listed.iter_rows(values_only=True)]
    assert set(two_areas.values()) <= set(borrowers)


def test_the_api_summary_keeps_its_contract(
    two_areas: dict[str, str], users_by_role: dict[str, User]
) -> None:
    response = signed_in(users_by_role[Role.ADMIN]).get(SUMMARY)
    assert response.status_code == 200
    body = response.json()
    # Sukarasa's loan is 40 days late (31-60); Keroncong's 10 (1-30): Rp2.000.000 outstanding.
    assert body["loans"] == 2
    assert body["outstanding"] == 2_000_000
    assert (body["par30"], body["par30_percent"]) == (1_000_000, "50.00")
    assert body["par90_percent"] == "0.00"
    assert [bucket["band"] for bucket in body["ageing"]] == [
        "current",
        "1-30",
        "31-60",
        "61-90",
        "91-180",
        "over-180",
    ]
    assert body["ageing"][2] == {
        "band": "31-60",
        "loans": 1,
        "outstanding": 1_000_000,
        "arrears": 1_000_000,
    }


def test_the_api_by_area_and_its_refusals(
    two_areas: dict[str, str],
    users_by_role: dict[str, User],
    django_assert_max_num_queries: Any,
) -> None:
    admin = signed_in(users_by_role[Role.ADMIN])
    # Signing in (session, user, access checks) and the breakdown with its names.
    with django_assert_max_num_queries(7):
        areas = admin.get(AREAS, {"breakdown": "kelurahan"}).json()
    assert {area["key"]: area["quality"]["loans"] for area in areas} == {
        SUKARASA: 1,
        KERONCONG: 1,
    }
    future = admin.get(SUMMARY, {"as_of": days_ago(-1).isoformat()})
    assert future.status_code == 400
    assert future.json()["code"] == "portfolio_invalid"
    viewer = signed_in(users_by_role[Role.VIEWER])
    assert viewer.get(AREAS, {"breakdown": "group"}).status_code == 400
    assert viewer.get(AREAS).status_code == 200
    participant = signed_in(users_by_role[Role.PARTICIPANT])
    assert participant.get(SUMMARY).status_code == 403
    operator = signed_in(users_by_role[Role.KELURAHAN_OPERATOR])
    assert operator.get(SUMMARY).json()["loans"] == 1
