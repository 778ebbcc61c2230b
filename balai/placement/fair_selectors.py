"""Reads of the virtual job fair: the fairs, their booths and what each shows, and the
funnel from visitors to hires."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.placement.models import (
    Booth,
    FairVisit,
    InterviewBooking,
    JobApplication,
    JobFair,
    Placement,
    Vacancy,
    VacancyStatus,
)
from balai.placement.vacancy_selectors import vacancy_open_condition


def job_fairs_listed(*, today: datetime.date) -> tuple[list[JobFair], list[JobFair]]:
    """Return the fairs on now or to come (soonest first), and the past ones (latest first)."""
    coming = JobFair.objects.filter(ends_on__gte=today).order_by("starts_on", "pk")
    past = JobFair.objects.filter(ends_on__lt=today).order_by("-starts_on", "pk")[:50]
    return list(coming), list(past)


def job_fair_booths(*, job_fair: JobFair, today: datetime.date) -> QuerySet[Booth]:
    """Return the fair's booths with their company and the count of open vacancies shown."""
    return (
        Booth.objects.filter(job_fair=job_fair)
        .select_related("company")
        .annotate(
            open_vacancies=Count(
                "vacancies", filter=vacancy_open_condition(on=today, through="vacancies__")
            )
        )
        .order_by("company__name", "pk")
    )


def booth_vacancies_open(*, booth: Booth, today: datetime.date) -> QuerySet[Vacancy]:
    """Return the vacancies a booth shows that are open for applications."""
    return (
        booth.vacancies.filter(vacancy_open_condition(on=today))
        .select_related("kelurahan")
        .order_by("deadline", "pk")
    )


def company_vacancies_published(*, company_id: int) -> QuerySet[Vacancy]:
    """Return the company's published vacancies, which its booths may show."""
    return Vacancy.objects.filter(company_id=company_id, status=VacancyStatus.PUBLISHED).order_by(
        "title", "pk"
    )


@dataclass(frozen=True)
class FairFunnel:
    visitors: int
    visits: int
    applications: int
    interviews: int
    hires: int


def fair_funnel(*, job_fair: JobFair, user: User) -> FairFunnel:
    """Return the fair's funnel: distinct visitors (and visitor-days), applications made at
    it, those with an interview booked, and hires among them. Four queries, whatever the
    size of the fair."""
    visits = FairVisit.objects.filter(job_fair=job_fair).aggregate(
        visitors=Count("visitor_key", distinct=True), visits=Count("pk")
    )
    applications = scope_to_user(
        JobApplication.objects.filter(job_fair=job_fair), user, for_aggregates=True
    ).count()
    interviews = (
        scope_to_user(
            InterviewBooking.objects.filter(
                application__job_fair=job_fair, cancelled_at__isnull=True
            ),
            user,
            for_aggregates=True,
        )
        .values("application_id")
        .distinct()
        .count()
    )
    hires = scope_to_user(
        Placement.objects.filter(application__job_fair=job_fair), user, for_aggregates=True
    ).count()
    return FairFunnel(
        visitors=visits["visitors"],
        visits=visits["visits"],
        applications=applications,
        interviews=interviews,
        hires=hires,
    )
