"""Graduates, companies and vacancies for placement's tests.

Graduates come from a real class (balai.testing.training): they applied, were allocated,
attended, were assessed kompeten in every unit and hold a certificate. Companies and
vacancies are rows as verification leaves them; tests of registering and verifying them go
through the services instead.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.placement.models import (
    Company,
    CompanyMember,
    CompanyStatus,
    Sector,
    Vacancy,
    VacancyStatus,
)
from balai.regions.models import Kelurahan
from balai.testing.factories import UserFactory
from balai.testing.places import SUKARASA
from balai.testing.training import Classroom, assess_all, attend, make_classroom
from balai.training.certificates.services import certificate_issue
from balai.training.models import Enrolment


@dataclass
class Graduates:
    """A finished class: every enrolment completed with a certificate, and each graduate's
    account (in the same order)."""

    classroom: Classroom

    @property
    def enrolments(self) -> list[Enrolment]:
        return list(
            Enrolment.objects.filter(
                pk__in=[enrolment.pk for enrolment in self.classroom.enrolments]
            ).order_by("offer_id")
        )

    @property
    def users(self) -> list[User]:
        return self.classroom.participants

    @property
    def programme(self) -> Programme:
        return self.classroom.training_class.programme


def make_graduates(programmes: list[Programme], *, count: int = 3) -> Graduates:
    """`count` graduates of tata boga in Sukarasa (needs the kota_tangerang fixture)."""
    classroom = make_classroom(programmes, applicants=count)
    attend(classroom, 16)  # 16 of 20 sessions: the programme's 80 %
    assess_all(classroom)
    for enrolment in classroom.enrolments:
        certificate_issue(enrolment=enrolment)
    return Graduates(classroom)


def make_company(
    *,
    name: str = "PT Maju Bersama",
    status: str = CompanyStatus.VERIFIED,
    kelurahan: str | None = SUKARASA,
    members: int = 1,
) -> tuple[Company, list[User]]:
    """A company in `status` with `members` employer accounts (the first one a manager)."""
    company = Company.objects.create(
        name=name,
        sector=Sector.FOOD,
        address="Jl. Merdeka 1",
        kelurahan=Kelurahan.objects.get(code=kelurahan) if kelurahan else None,
        contact_name="Budi Santoso",
        contact_phone="081234567890",
        status=status,
        submitted_at=timezone.now(),
        decided_at=None if status == CompanyStatus.PENDING else timezone.now(),
    )
    users = []
    for number in range(members):
        user = UserFactory.create(role=Role.EMPLOYER)
        CompanyMember.objects.create(company=company, user=user, is_manager=number == 0)
        users.append(user)
    return company, users


def make_vacancy(
    company: Company,
    *,
    title: str = "Juru masak",
    programmes: list[Programme] = (),  # type: ignore[assignment]
    status: str = VacancyStatus.PUBLISHED,
    kelurahan: str | None = SUKARASA,
    openings: int = 2,
    deadline: datetime.date | None = None,
    wage_min: int | None = 3_000_000,
    wage_max: int | None = 4_500_000,
) -> Vacancy:
    """A vacancy of `company`, published unless told otherwise, open for a month."""
    vacancy = Vacancy.objects.create(
        company=company,
        title=title,
        description="Memasak menu harian untuk kantin pabrik.",
        kelurahan=Kelurahan.objects.get(code=kelurahan) if kelurahan else None,
        wage_min=wage_min,
        wage_max=wage_max,
        openings=openings,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
        status=status,
        published_at=timezone.now() if status == VacancyStatus.PUBLISHED else None,
    )
    vacancy.programmes.set(programmes)
    return vacancy
