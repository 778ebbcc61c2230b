"""The loan pages and API: who sees what (area scoping, a group's members), lists in a fixed
number of queries, and the API's answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.enterprise.models import LoanApplication, LoanApplicationStatus
from balai.testing.enterprise import make_group, make_group_loans, make_loan_product
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_operator_of_another_kelurahan_gets_not_found(kota_tangerang: None) -> None:
    (loan, *_rest) = make_group_loans(make_group())
    stranger = UserFactory.create(
        username="jatiuwung", role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG)
    )
    client = signed_in(stranger)
    assert client.get(f"/loans/{loan.pk}/").status_code == 404
    assert client.get(f"/loans/applications/{loan.application_id}/").status_code == 404
    assert client.get(f"/api/v1/enterprise/loans/{loan.pk}").status_code == 404


def test_a_member_sees_the_groups_loans_and_another_participant_does_not(
    kota_tangerang: None,
) -> None:
    team = make_group()
    loans = make_group_loans(team)
    member = signed_in(team.users[3])
    page = member.get("/loans/mine/")
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="loan"') == 5
    assert member.get(f"/loans/{loans[0].pk}/").status_code == 200
    outsider = signed_in(make_group(name="Lain").users[0])
    assert outsider.get(f"/loans/{loans[0].pk}/").status_code == 404
    assert outsider.get("/loans/mine/").content.decode().count('data-testid="loan"') == 0


def test_the_loan_page_shows_the_schedule(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    (loan, *_rest) = make_group_loans(make_group())
    page = signed_in(users_by_role[Role.KELURAHAN_OPERATOR]).get(f"/loans/{loan.pk}/")
    assert page.content.decode().count('data-testid="installment"') == 10


def test_the_lists_take_a_fixed_number_of_queries(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    product = make_loan_product()
    for number in range(3):
        make_group_loans(make_group(name=f"Kelompok {number}"), product=product)
    client = signed_in(users_by_role[Role.ADMIN])
    for path in ["/loans/", "/loans/applications/", "/api/v1/enterprise/loans/applications"]:
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200


def test_the_product_page_shows_an_example_schedule(users_by_role: dict[str, User]) -> None:
    make_loan_product()
    page = signed_in(users_by_role[Role.ADMIN]).get("/loans/products/")
    assert "Rp1.000.000" in page.content.decode()
    assert 'data-testid="example-schedule"' in page.content.decode()


def test_a_product_is_created_with_the_fee_as_a_percentage(
    users_by_role: dict[str, User],
) -> None:
    response = signed_in(users_by_role[Role.ADMIN]).post(
        "/loans/products/new/",
        {
            "code": "emas-2",
            "name": "Emas Dua",
            "admin_fee": "2,5",
            "min_amount": "500.000",
            "max_amount": "Rp 2.000.000",
            "tenor_months": "10",
            "grace_period_months": "0",
            "frequency": "monthly",
            "rounding_unit": "1.000",
            "excess_policy": "refuse",
            "min_group_size": "5",
            "max_group_size": "10",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = signed_in(users_by_role[Role.ADMIN]).get("/loans/products/")
    assert "Emas Dua" in page.content.decode()


def test_the_leader_applies_on_the_page_and_the_admin_approves_and_disburses_by_api(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    team = make_group()
    product = make_loan_product()
    form = {f"amount_{person.pk}": "1.000.000" for person in team.people}
    form |= {
        "product": str(product.pk),
        "business_purpose": "Modal",
        "joint_liability_accepted": "on",
    }
    response = signed_in(team.users[0]).post("/loans/apply/", form)
    assert response.status_code == 302
    application = LoanApplication.objects.get(group=team.group)
    admin = signed_in(users_by_role[Role.ADMIN])
    base = f"/api/v1/enterprise/loans/applications/{application.pk}"
    approved = admin.post(f"{base}/approve", content_type="application/json")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == LoanApplicationStatus.APPROVED
    first = admin.post(f"{base}/disburse", {}, content_type="application/json")
    second = admin.post(f"{base}/disburse", {}, content_type="application/json")
    assert first.status_code == second.status_code == 200
    assert [loan["id"] for loan in first.json()["loans"]] == [
        loan["id"] for loan in second.json()["loans"]
    ]
    (one, *_rest) = first.json()["loans"]
    assert sum(row["principal_due"] for row in one["schedule"]) == one["principal"]
    assert "nik" not in str(first.json()).lower()
    detail = admin.get(base).json()
    assert {row["net_payout"] for row in detail["members"]} == {970_000}


def test_the_api_refuses_an_amount_out_of_range_with_the_error_shape(
    kota_tangerang: None,
) -> None:
    team = make_group()
    product = make_loan_product()
    payload = {
        "product_id": product.pk,
        "group_id": team.group.pk,
        "amounts": [{"person_id": person.pk, "amount": 100_000} for person in team.people],
        "business_purpose": "Modal",
        "joint_liability_accepted": True,
    }
    answer = signed_in(team.users[0]).post(
        "/api/v1/enterprise/loans/applications", payload, content_type="application/json"
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "amount_out_of_range"
