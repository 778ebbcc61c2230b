"""An employer's own company page: the status and its reason, editing the details (and
sending them back for verification when they must be), and the company's members."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.core.models import AuditEntry
from balai.placement.models import Company, CompanyMember, CompanyStatus
from balai.testing.clients import bearer, client_for
from balai.testing.placement import make_company
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
COMPANY = "/employers/company/"


def details(company: Company, **changes: str) -> dict[str, str]:
    data = {
        "name": company.name,
        "sector": company.sector,
        "nib": company.nib,
        "address": company.address,
        "kelurahan": SUKARASA,
        "description": company.description,
        "contact_name": company.contact_name,
        "contact_phone": company.contact_phone,
        "contact_email": "hrd@maju.co.id",
    }
    data.update(changes)
    return data


def test_a_pending_company_shows_the_target_of_one_working_day(kota_tangerang: None) -> None:
    _company, (manager,) = make_company(status=CompanyStatus.PENDING)

    page = client_for(manager).get(COMPANY).content.decode()

    assert "Menunggu verifikasi — target 1 hari kerja" in page


def test_a_rejected_company_shows_the_reason(kota_tangerang: None) -> None:
    company, (manager,) = make_company(status=CompanyStatus.REJECTED)
    Company.objects.filter(pk=company.pk).update(status_reason="NIB tidak cocok dengan nama")

    page = client_for(manager).get(COMPANY).content.decode()

    assert 'data-status="rejected"' in page and "NIB tidak cocok dengan nama" in page


def test_an_employer_without_a_company_finds_no_company_page(
    users_by_role: dict[str, User],
) -> None:
    assert client_for(users_by_role[Role.EMPLOYER]).get(COMPANY).status_code == 404


def test_a_rejected_company_corrected_goes_back_to_the_queue(kota_tangerang: None) -> None:
    company, (manager,) = make_company(status=CompanyStatus.REJECTED)
    Company.objects.filter(pk=company.pk).update(status_reason="Nama salah")

    response = client_for(manager).post(
        f"{COMPANY}edit/", details(company, name="PT Maju Bersama Sejahtera")
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.status, company.status_reason, company.name) == (
        CompanyStatus.PENDING,
        "",
        "PT Maju Bersama Sejahtera",
    )


def test_a_verified_company_changing_its_name_is_verified_again(kota_tangerang: None) -> None:
    company, (manager,) = make_company()

    client_for(manager).post(f"{COMPANY}edit/", details(company, name="PT Nama Baru"))

    company.refresh_from_db()
    assert company.status == CompanyStatus.PENDING and company.decided_at is None


def test_a_verified_company_changing_its_address_stays_verified(kota_tangerang: None) -> None:
    company, (manager,) = make_company()

    client_for(manager).post(f"{COMPANY}edit/", details(company, address="Jl. Baru 2"))

    company.refresh_from_db()
    assert (company.status, company.address) == (CompanyStatus.VERIFIED, "Jl. Baru 2")
    assert AuditEntry.objects.filter(target_type="placement.company", action="update").exists()


def test_a_bad_edit_saves_nothing(kota_tangerang: None) -> None:
    company, (manager,) = make_company()

    response = client_for(manager).post(f"{COMPANY}edit/", details(company, nib="12345"))

    assert response.status_code == 400 and "nib" in response.context["company_form"].errors
    company.refresh_from_db()
    assert company.nib == ""


def test_a_member_who_is_not_a_manager_cannot_edit(kota_tangerang: None) -> None:
    company, (_manager, member) = make_company(members=2)

    response = client_for(member).post(f"{COMPANY}edit/", details(company, address="Jl. Lain"))

    assert response.status_code == 400
    company.refresh_from_db()
    assert company.address == "Jl. Merdeka 1"


def test_a_manager_adds_a_member_who_signs_in_with_the_temporary_password(
    kota_tangerang: None,
) -> None:
    company, (manager,) = make_company()

    response = client_for(manager).post(
        f"{COMPANY}members/add/",
        {"username": "rekan-hrd", "full_name": "Dewi Lestari", "phone": "0813 1111 2222"},
    )

    assert response.status_code == 200
    password = response.context["new_member"].temporary_password
    assert password in response.content.decode()
    added = CompanyMember.objects.get(user__username="rekan-hrd")
    assert (added.company, added.is_manager, added.phone) == (company, False, "+6281311112222")
    assert added.user.role == Role.EMPLOYER
    signing_in = Client().post("/accounts/login/", {"username": "rekan-hrd", "password": password})
    assert signing_in.status_code == 302


def test_adding_a_member_with_a_username_taken_adds_nobody(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    _company, (manager,) = make_company()

    response = client_for(manager).post(
        f"{COMPANY}members/add/",
        {"username": users_by_role[Role.ADMIN].username, "full_name": "Dewi", "phone": ""},
    )

    assert response.status_code == 400 and "username" in response.context["member_form"].errors
    assert CompanyMember.objects.count() == 1


def test_a_member_who_is_not_a_manager_cannot_add_members(kota_tangerang: None) -> None:
    _company, (_manager, member) = make_company(members=2)

    client_for(member).post(
        f"{COMPANY}members/add/", {"username": "siapa", "full_name": "Siapa", "phone": ""}
    )

    assert not User.objects.filter(username="siapa").exists()


def test_a_manager_removes_a_member_whose_account_is_closed(kota_tangerang: None) -> None:
    _company, (manager, member) = make_company(members=2)
    membership = CompanyMember.objects.get(user=member)

    client_for(manager).post(f"{COMPANY}members/{membership.pk}/remove/")

    assert not CompanyMember.objects.filter(pk=membership.pk).exists()
    member.refresh_from_db()
    assert not member.is_active
    assert AuditEntry.objects.filter(target_type="placement.companymember", action="delete")


def test_the_last_manager_cannot_be_removed(kota_tangerang: None) -> None:
    _company, (manager,) = make_company()
    membership = CompanyMember.objects.get(user=manager)

    client_for(manager).post(f"{COMPANY}members/{membership.pk}/remove/")

    assert CompanyMember.objects.filter(pk=membership.pk).exists()


def test_an_employer_of_one_company_cannot_touch_another_company(kota_tangerang: None) -> None:
    _company_a, (manager_a,) = make_company(name="PT A")
    company_b, (_manager_b, member_b) = make_company(name="PT B", members=2)
    membership_b = CompanyMember.objects.get(user=member_b)
    client = client_for(manager_a)

    removing = client.post(f"{COMPANY}members/{membership_b.pk}/remove/")

    assert removing.status_code == 404
    assert CompanyMember.objects.filter(pk=membership_b.pk).exists()
    assert client.get(f"/employers/{company_b.pk}/").status_code == 403  # the admin's page
    assert "PT B" not in client.get(COMPANY).content.decode()


def test_the_api_gives_an_employer_their_own_company_only(kota_tangerang: None) -> None:
    company, (manager,) = make_company(status=CompanyStatus.REJECTED)
    Company.objects.filter(pk=company.pk).update(status_reason="Alamat kurang lengkap")

    answer: Any = bearer(manager).get("/api/v1/placement/employers/company").json()

    assert (answer["id"], answer["status"], answer["status_reason"]) == (
        company.pk,
        "rejected",
        "Alamat kurang lengkap",
    )
