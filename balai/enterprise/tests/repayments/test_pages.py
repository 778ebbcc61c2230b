"""The repayment pages: the desk records, a double click records once, the collection is
all or nothing, and statements are shown only to those who may see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone, translation

from balai.accounts.models import Role, User
from balai.enterprise.models import Loan, LoanRepayment, LoanStatus
from balai.testing.clients import client_for
from balai.testing.enterprise import GroupAtWork, make_residents
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG
from balai.testing.repayments import paid_by_number, repay

pytestmark = pytest.mark.django_db


def repayment_form(key: str, **changes: Any) -> dict[str, Any]:
    form = {
        "amount": "Rp 150.000",
        "paid_on": timezone.localdate().isoformat(),
        "reference": "KW-7",
        "idempotency_key": key,
    }
    form.update(changes)
    return form


def test_the_desk_records_a_repayment_once_however_often_the_form_is_sent(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    loan = team_loans[2]
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.get(f"/loans/{loan.pk}/repay/")
    assert page.status_code == 200
    form = repayment_form("a1b2c3d4e5", paid_by=team.treasurer.pk)

    first = client.post(f"/loans/{loan.pk}/repay/", form)
    second = client.post(f"/loans/{loan.pk}/repay/", form)

    assert first.status_code == second.status_code == 302
    repayment = LoanRepayment.objects.get()
    assert (repayment.amount, repayment.paid_by_id) == (150_000, team.treasurer.pk)
    assert paid_by_number(loan)[:2] == [100_000, 50_000]


def test_a_fraction_or_too_much_is_refused_beside_the_amount(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    loan = team_loans[0]
    client = client_for(users_by_role[Role.ADMIN])

    fraction = client.post(
        f"/loans/{loan.pk}/repay/",
        repayment_form("k-fraction", amount="150.000,50", paid_by=loan.borrower_id),
    )
    too_much = client.post(
        f"/loans/{loan.pk}/repay/",
        repayment_form("k-too-much", amount="2.000.000", paid_by=loan.borrower_id),
    )

    assert fraction.status_code == too_much.status_code == 200
    assert "Rp1.000.000" in too_much.content.decode()
    assert not LoanRepayment.objects.exists()


def test_the_collection_page_prefills_what_is_due_and_records_all_or_nothing(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    path = f"/groups/{team.group.pk}/collection/"
    page = client.get(path)
    assert page.status_code == 200
    assert page.content.decode().count('value="400.000"') == len(team_loans)
    form = {
        "paid_on": timezone.localdate().isoformat(),
        "reference": "",
        "collection_key": "page-collection-1",
        **{f"amount_{loan.pk}": "100.000" for loan in team_loans},
    }

    refused = client.post(path, {**form, f"amount_{team_loans[3].pk}": "9.000.000"})
    assert refused.status_code == 200
    assert team_loans[3].borrower.full_name in refused.content.decode()
    assert not LoanRepayment.objects.exists()

    recorded = client.post(path, {**form, f"amount_{team_loans[3].pk}": ""})
    assert recorded.status_code == 302
    assert LoanRepayment.objects.filter(collection_key="page-collection-1").count() == 4


def test_an_admin_reverses_a_repayment_and_writes_a_loan_off(
    team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    loan = team_loans[0]
    mistaken = repay(loan, 100_000, admin, "to-reverse")
    client = client_for(admin)

    assert client.get(f"/repayments/{mistaken.pk}/reverse/").status_code == 200
    reversed_ = client.post(f"/repayments/{mistaken.pk}/reverse/", {"reason": "Wrong member"})
    written_off = client.post(f"/loans/{loan.pk}/write-off/", {"reason": "Moved away"})

    assert reversed_.status_code == written_off.status_code == 302
    assert LoanRepayment.objects.filter(reverses=mistaken).exists()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.WRITTEN_OFF


def test_an_operator_may_not_reverse(
    team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    mistaken = repay(team_loans[0], 100_000, users_by_role[Role.ADMIN], "op-reverse")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])

    response = client.post(f"/repayments/{mistaken.pk}/reverse/", {"reason": "Mine"})

    assert response.status_code == 403
    assert not LoanRepayment.objects.filter(reverses=mistaken).exists()


def test_statements_are_shown_to_staff_of_the_area_the_members_and_nobody_else(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    repay(team_loans[0], 100_000, users_by_role[Role.ADMIN], "shown")
    group_path = f"/groups/{team.group.pk}/statement/"
    loan_path = f"/loans/{team_loans[0].pk}/statement/"
    outsider = make_residents(1)[0].user
    assert outsider is not None
    far_operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))

    member_page = client_for(team.users[3]).get(group_path)
    staff_page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(group_path)
    borrower_page = client_for(team.users[0]).get(loan_path)

    assert member_page.status_code == staff_page.status_code == borrower_page.status_code == 200
    assert team.people[4].full_name in member_page.content.decode()
    assert "statement.css" in borrower_page.content.decode()
    for stranger in (outsider, far_operator):
        assert client_for(stranger).get(group_path).status_code == 404
        assert client_for(stranger).get(loan_path).status_code == 404


def test_a_borrowers_statement_labels_every_schedule_cell_for_a_phone(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    repay(team_loans[0], 100_000, users_by_role[Role.ADMIN], "phone")

    text = client_for(team.users[0]).get(f"/loans/{team_loans[0].pk}/statement/").content.decode()

    schedule = text.split('data-testid="installment"')[1].split("</tr>")[0]
    assert schedule.count("<td data-label=") + schedule.count('<td class="amount" data-label=') == 6
    assert 'data-label="Ganti"' not in text and 'data-label="Jumlah"' in text


def test_a_collection_not_reversed_is_not_labelled_reversed_on_a_phone(
    team: GroupAtWork, team_loans: list[Loan], users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    path = f"/groups/{team.group.pk}/collection/"
    form = {
        "paid_on": timezone.localdate().isoformat(),
        "collection_key": "labelled",
        **{f"amount_{loan.pk}": "100.000" for loan in team_loans},
    }
    assert client_for(admin).post(path, form).status_code == 302
    kept = client_for(team.users[3]).get(f"/groups/{team.group.pk}/statement/").content.decode()
    mistaken = LoanRepayment.objects.filter(collection_key="labelled").first()
    assert mistaken is not None
    client_for(admin).post(f"/repayments/{mistaken.pk}/reverse/", {"reason": "Salah catat"})
    partly = client_for(team.users[3]).get(f"/groups/{team.group.pk}/statement/").content.decode()

    with translation.override("id"):
        reversed_label = f'data-label="{translation.gettext("Reversed")}"'
    assert reversed_label not in kept
    assert partly.count(reversed_label) == 1
    assert 'data-testid="collection-reversed"' in partly
