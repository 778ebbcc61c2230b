"""Enterprise's home: a participant sees their own interest, group, grants and loans and
nobody else's; staff see what waits for them in their area."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.money import rupiah_label
from balai.enterprise.models import (
    BusinessInterest,
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    LoanInstallment,
)
from balai.registry.models import Person
from balai.testing.clients import client_for
from balai.testing.enterprise import (
    make_grant_batch,
    make_group,
    make_group_loans,
    make_individual_loan,
    make_residents,
)
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db


def grant_for(person: Person, name: str, status: str) -> GrantApplication:
    return GrantApplication.objects.create(
        batch=make_grant_batch(),
        person=person,
        kelurahan=person.domicile_kelurahan,
        business_name=name,
        business_type=BusinessType.FOOD,
        business_started_on=timezone.localdate() - datetime.timedelta(days=60),
        business_address="Jl. Mawar 1",
        requested_use="Etalase",
        amount=500_000,
        status=status,
    )


def test_a_participant_sees_their_own_group_grant_and_loan_but_not_anothers(
    kota_tangerang: None,
) -> None:
    today = timezone.localdate()
    ours = make_group(members=5, name="Kelompok Berkah")
    theirs = make_group(members=5, name="Kelompok Lain", kelurahan_code=KERONCONG)
    me = ours.people[2]
    BusinessInterest.objects.create(person=me, business_type=BusinessType.CRAFT, note="Anyaman")
    grant_for(me, "Warung Saya", GrantApplicationStatus.VERIFIED)
    grant_for(theirs.people[0], "Warung Mereka", GrantApplicationStatus.APPROVED)
    loans = make_group_loans(
        ours,
        amounts=[1_000_000, 1_000_000, 600_000, 1_000_000, 1_000_000],
        disbursed_on=today - datetime.timedelta(days=70),
    )
    (mine,) = [loan for loan in loans if loan.borrower_id == me.pk]
    make_group_loans(theirs, amounts=[2_000_000] * 5)
    assert me.user is not None

    page = client_for(me.user).get("/usaha/").content.decode()

    assert "Kelompok Berkah" in page and "Kelompok Lain" not in page
    assert page.count('data-testid="group-member"') == 5
    assert "Anyaman" in page
    assert "Warung Saya" in page and "Warung Mereka" not in page
    assert page.count('data-testid="home-loan"') == 1
    assert "Rp600.000" in page and "Rp2.000.000" not in page
    owed_late = sum(
        installment.principal_due
        for installment in LoanInstallment.objects.filter(loan=mine, due_on__lt=today)
    )
    assert owed_late > 0
    assert rupiah_label(owed_late) in page


def test_a_participant_with_nothing_yet_is_shown_where_to_begin(
    users_by_role: dict[str, User],
) -> None:
    page = client_for(users_by_role[Role.PARTICIPANT]).get("/usaha/").content.decode()

    assert 'href="/groups/interest/"' in page
    assert 'href="/grants/apply/"' in page
    assert 'data-testid="home-loan"' not in page


def test_an_individual_loan_shows_its_next_instalment(kota_tangerang: None) -> None:
    (borrower,) = make_residents(1)
    loan = make_individual_loan(borrower, principal=1_000_000)
    first = LoanInstallment.objects.filter(loan=loan).order_by("number").first()
    assert first is not None and borrower.user is not None

    page = client_for(borrower.user).get("/usaha/").content.decode()

    assert first.due_on.strftime("%d-%m-%Y") in page


def test_staff_see_what_waits_in_their_area_only(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    (here,) = make_residents(1)
    (there,) = make_residents(1, kelurahan_code=KERONCONG)
    grant_for(here, "Di Sini", GrantApplicationStatus.SUBMITTED)
    grant_for(there, "Di Sana", GrantApplicationStatus.SUBMITTED)
    grant_for(there, "Sudah Diperiksa", GrantApplicationStatus.VERIFIED)
    admin = client_for(users_by_role[Role.ADMIN])
    admin.get("/usaha/")

    with django_assert_max_num_queries(10):
        everything = admin.get("/usaha/").context["waiting"]
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/usaha/")

    assert (everything.grants_to_verify, everything.grants_to_approve) == (2, 1)
    assert operator.context["waiting"].grants_to_verify == 1
    assert operator.context["waiting"].grants_to_approve == 0
    assert 'href="/grants/?status=submitted"' in operator.content.decode()


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.EMPLOYER, Role.VIEWER])
def test_roles_with_no_enterprise_are_refused_the_home(
    users_by_role: dict[str, User], role: str
) -> None:
    assert client_for(users_by_role[role]).get("/usaha/").status_code == 403
