"""Disnaker verifies companies: a queue of the longest waiting first with their age in
working days, decisions that are audited and told to the company, and a company that sees no
graduate until it is verified."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.models import AuditEntry
from balai.core.scoping import scope_to_user
from balai.notifications.models import Notification
from balai.placement.company_verification import company_verify
from balai.placement.employer_selectors import company_queue
from balai.placement.models import Company, CompanyStatus, JobApplication
from balai.scheduling.models import Holiday, HolidayKind
from balai.scheduling.selectors import working_days_between
from balai.testing.clients import bearer, client_for
from balai.testing.days import morning_of
from balai.testing.placement import make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db


def next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def pending(name: str, submitted: datetime.date) -> Company:
    company, (manager,) = make_company(name=name, status=CompanyStatus.PENDING)
    Company.objects.filter(pk=company.pk).update(submitted_at=morning_of(submitted))
    User.objects.filter(pk=manager.pk).update(email=f"{manager.username}@example.id")
    company.refresh_from_db()
    return company


def test_working_days_skip_weekends_and_holidays(db: Any) -> None:
    monday = next_monday()
    friday = monday - datetime.timedelta(days=3)

    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, monday) == 0
    assert working_days_between(friday, monday + datetime.timedelta(days=1)) == 2
    Holiday.objects.create(date=monday, name="Libur", kind=HolidayKind.NATIONAL)
    assert working_days_between(friday, monday + datetime.timedelta(days=1)) == 1


def test_the_queue_puts_the_longest_waiting_first_and_marks_the_overdue(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    monday = next_monday()
    today = pending("PT Hari Ini", monday)
    friday = pending("PT Jumat", monday - datetime.timedelta(days=3))
    thursday = pending("PT Kamis", monday - datetime.timedelta(days=4))
    make_company(name="PT Sudah")  # verified: not in the queue

    with time_machine.travel(morning_of(monday) + datetime.timedelta(hours=2)):
        queue = company_queue()
        page = client_for(users_by_role[Role.ADMIN]).get("/employers/verification/")

    assert [(item.company, item.age_working_days, item.overdue) for item in queue] == [
        (thursday, 2, True),
        (friday, 1, False),
        (today, 0, False),
    ]
    content = page.content.decode()
    assert content.count('data-testid="queued-company"') == 3
    assert content.count('data-testid="overdue"') == 1
    assert content.index("PT Kamis") < content.index("PT Jumat") < content.index("PT Hari Ini")


def test_an_admin_verifies_a_company_which_is_audited_and_told(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    company = pending("PT Baru", timezone.localdate())
    admin = users_by_role[Role.ADMIN]

    response = client_for(admin).post(f"/employers/{company.pk}/decide/", {"decision": "verify"})

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.status, company.decided_by) == (CompanyStatus.VERIFIED, admin)
    entry = AuditEntry.objects.get(target_type="placement.company", action="update")
    assert entry.changes["status"] == {"old": "pending", "new": "verified"}
    (notification,) = Notification.objects.filter(kind="company_verified")
    assert notification.user is not None and notification.user.company_membership.company == company
    assert notification.list_kind == "company" and "PT Baru" in notification.subject


def test_a_rejection_needs_a_reason(kota_tangerang: None, users_by_role: dict[str, User]) -> None:
    company = pending("PT Baru", timezone.localdate())
    client = client_for(users_by_role[Role.ADMIN])

    client.post(f"/employers/{company.pk}/decide/", {"decision": "reject", "reason": "  "})
    company.refresh_from_db()
    assert company.status == CompanyStatus.PENDING
    assert not Notification.objects.exists()

    client.post(
        f"/employers/{company.pk}/decide/",
        {"decision": "reject", "reason": "NIB milik perusahaan lain"},
    )
    company.refresh_from_db()
    assert (company.status, company.status_reason) == (
        CompanyStatus.REJECTED,
        "NIB milik perusahaan lain",
    )
    (notification,) = Notification.objects.filter(kind="company_rejected")
    assert "NIB milik perusahaan lain" in notification.body
    entry = AuditEntry.objects.get(target_type="placement.company", action="update")
    assert entry.reason == "NIB milik perusahaan lain"


def test_a_verified_company_is_suspended_with_a_reason_and_can_be_reinstated(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    company, _members = make_company()
    client = client_for(users_by_role[Role.ADMIN])

    client.post(
        f"/employers/{company.pk}/decide/", {"decision": "suspend", "reason": "Lowongan palsu"}
    )
    company.refresh_from_db()
    assert (company.status, company.status_reason) == (CompanyStatus.SUSPENDED, "Lowongan palsu")

    client.post(f"/employers/{company.pk}/decide/", {"decision": "verify"})
    company.refresh_from_db()
    assert (company.status, company.status_reason) == (CompanyStatus.VERIFIED, "")


def test_a_decision_the_status_does_not_allow_changes_nothing(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    company, _members = make_company()  # verified already
    client = client_for(users_by_role[Role.ADMIN])

    client.post(f"/employers/{company.pk}/decide/", {"decision": "reject", "reason": "Ganda"})

    company.refresh_from_db()
    assert company.status == CompanyStatus.VERIFIED
    assert not AuditEntry.objects.filter(target_type="placement.company").exists()


def test_a_pending_company_sees_no_applicant_until_it_is_verified(
    kota_tangerang: None, programmes: list[Programme], users_by_role: dict[str, User]
) -> None:
    graduate = make_graduates(programmes, count=1).enrolments[0]
    company, (employer,) = make_company(status=CompanyStatus.PENDING)
    JobApplication.objects.create(
        vacancy=make_vacancy(company),
        person=graduate.person,
        enrolment=graduate,
        status_changed_at=timezone.now(),
    )

    assert scope_to_user(JobApplication.objects.all(), employer).count() == 0
    home = client_for(employer).get("/").content.decode()
    assert 'data-testid="applications-waiting">0<' in home

    company_verify(company=company, actor=users_by_role[Role.ADMIN])

    assert scope_to_user(JobApplication.objects.all(), employer).count() == 1
    home = client_for(employer).get("/").content.decode()
    assert 'data-testid="applications-waiting">1<' in home


def test_the_employer_home_shows_the_status_and_vacancies_by_status(
    kota_tangerang: None,
) -> None:
    company, (employer,) = make_company(status=CompanyStatus.PENDING)
    make_vacancy(company, status="draft")
    make_vacancy(company, status="submitted")
    make_vacancy(company, status="submitted")

    page = client_for(employer).get("/").content.decode()

    assert 'data-status="pending"' in page and "target 1 hari kerja" in page
    assert "Menunggu verifikasi: <strong>2</strong>" in page  # vacancies awaiting verification
    assert 'data-testid="vacancies-published">0<' in page


def test_the_admin_home_lists_companies_awaiting_verification(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    pending("PT Satu", timezone.localdate())
    pending("PT Dua", timezone.localdate())

    page = client_for(users_by_role[Role.ADMIN]).get("/").content.decode()
    operator_page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/").content.decode()

    assert 'data-testid="pending-companies"' in page and "<strong>2</strong>" in page
    assert 'data-testid="pending-companies"' not in operator_page


def test_the_api_lists_and_decides_for_admins_only(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    first = pending("PT Satu", timezone.localdate())
    second = pending("PT Dua", timezone.localdate())
    admin = bearer(users_by_role[Role.ADMIN])

    listed = admin.get("/api/v1/placement/employers/companies?status=pending").json()
    assert {item["name"] for item in listed["items"]} == {"PT Satu", "PT Dua"}
    assert admin.get("/api/v1/placement/employers/companies?status=nope").status_code == 400

    verified = admin.post(f"/api/v1/placement/employers/companies/{first.pk}/verify")
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    no_reason = admin.post(
        f"/api/v1/placement/employers/companies/{second.pk}/reject",
        {"reason": ""},
        content_type="application/json",
    )
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_missing"
    rejected = admin.post(
        f"/api/v1/placement/employers/companies/{second.pk}/reject",
        {"reason": "Alamat fiktif"},
        content_type="application/json",
    )
    assert rejected.json()["status_reason"] == "Alamat fiktif"

    employer = bearer(users_by_role[Role.EMPLOYER])
    assert employer.get("/api/v1/placement/employers/companies").status_code == 403
    refused = employer.post(f"/api/v1/placement/employers/companies/{second.pk}/verify")
    assert refused.status_code == 403


def test_the_queue_page_takes_as_many_queries_for_many_companies_as_for_one(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    pending("PT Satu", timezone.localdate())
    with CaptureQueriesContext(connection) as one:
        client.get("/employers/verification/")
    for number in range(6):
        pending(f"PT Lagi {number}", timezone.localdate() - datetime.timedelta(days=number))
    with CaptureQueriesContext(connection) as many:
        client.get("/employers/verification/")

    assert len(many) == len(one)
