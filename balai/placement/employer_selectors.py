"""Reads about employers: the admin's verification queue with each company's age in working
days, a company's members, and what an employer's home page counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user
from balai.placement.companies import company_of_user
from balai.placement.models import (
    ApplicationStatus,
    Company,
    CompanyMember,
    CompanyStatus,
    JobApplication,
    Vacancy,
    VacancyStatus,
)
from balai.scheduling.selectors import holiday_dates_between, working_days_between

# The promise to employers: a decision within one working day of their registration.
VERIFICATION_TARGET_WORKING_DAYS = 1
# Applications the employer has still to act on.
WAITING_APPLICATION_STATUSES = (ApplicationStatus.APPLIED, ApplicationStatus.SHORTLISTED)


@dataclass(frozen=True)
class QueuedCompany:
    company: Company
    age_working_days: int

    @property
    def overdue(self) -> bool:
        return self.age_working_days > VERIFICATION_TARGET_WORKING_DAYS


def company_queue(*, today: datetime.date | None = None) -> list[QueuedCompany]:
    """Return the companies awaiting verification, the longest waiting first, with their
    age in working days."""
    today = today or timezone.localdate()
    companies = list(
        Company.objects.filter(status=CompanyStatus.PENDING)
        .select_related("kelurahan")
        .order_by("submitted_at", "pk")
    )
    if not companies:
        return []
    # One look-up of the holidays for the whole queue, not one per company.
    oldest = _submitted_on(companies[0])
    days_off = holiday_dates_between(start=oldest, end=today)
    return [
        QueuedCompany(
            company, working_days_between(_submitted_on(company), today, days_off=days_off)
        )
        for company in companies
    ]


def _submitted_on(company: Company) -> datetime.date:
    return timezone.localtime(company.submitted_at).date()


def companies_awaiting_verification_count() -> int:
    return Company.objects.filter(status=CompanyStatus.PENDING).count()


def company_list(*, status: str = "") -> QuerySet[Company]:
    """Every company (an admin's list), of one status if given, the newest first."""
    companies = Company.objects.select_related("kelurahan").order_by("-submitted_at", "-pk")
    return companies.filter(status=status) if status else companies


def company_for_admin(*, company_id: int) -> Company:
    company = (
        Company.objects.select_related("kelurahan", "decided_by").filter(pk=company_id).first()
    )
    if company is None:
        raise NotFoundError(_("No such company."))
    return company


def company_members(*, company: Company) -> list[CompanyMember]:
    """The company's members, managers first, with their accounts."""
    return list(
        CompanyMember.objects.filter(company=company)
        .select_related("user")
        .order_by("-is_manager", "added_at", "pk")
    )


def employer_overview(*, user: User) -> dict[str, Any]:
    """What an employer's home page shows: their company's status, its vacancies by status
    and the applications waiting for it (none until the company is verified)."""
    company = company_of_user(user)
    if company is None:
        return {"company": None}
    by_status = dict(
        Vacancy.objects.filter(company=company)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    waiting = (
        scope_to_user(JobApplication.objects.all(), user)
        .filter(vacancy__company=company, status__in=WAITING_APPLICATION_STATUSES)
        .count()
    )
    return {
        "company": company,
        "statuses": CompanyStatus,
        "target_days": VERIFICATION_TARGET_WORKING_DAYS,
        "vacancy_counts": [
            (status.label, by_status.get(status.value, 0)) for status in VacancyStatus
        ],
        "vacancies_published": by_status.get(VacancyStatus.PUBLISHED, 0),
        "applications_waiting": waiting,
    }
