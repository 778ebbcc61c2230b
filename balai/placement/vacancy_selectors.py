"""Reads of vacancies: which are open, the public search, an employer's own, the admins' queue.

A vacancy is open for applications while it is published, its company is verified and its
deadline (the last day to apply) has not passed: computed from the date, so nothing has to run
for a vacancy to expire. Other parts (applications, matching, job fairs) ask the same two
questions through `open_vacancies` and `vacancy_open_for_applications`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import NotFoundError
from balai.placement.companies import company_of_user
from balai.placement.models import CompanyStatus, Vacancy, VacancyStatus
from balai.regions.models import Kecamatan, Kelurahan


def open_vacancies(*, on: datetime.date | None = None) -> QuerySet[Vacancy]:
    """Return the vacancies open for applications on `on` (today if not given)."""
    return Vacancy.objects.filter(vacancy_open_condition(on=on))


def vacancy_open_condition(*, on: datetime.date | None = None, through: str = "") -> Q:
    """The rule of `open_vacancies` as a condition, for a query that reaches vacancies
    `through` a relation (such as "vacancies__" from a booth)."""
    return Q(
        **{
            f"{through}status": VacancyStatus.PUBLISHED,
            f"{through}deadline__gte": on or timezone.localdate(),
            f"{through}company__status": CompanyStatus.VERIFIED,
        }
    )


def vacancy_open_for_applications(vacancy: Vacancy, *, on: datetime.date | None = None) -> bool:
    """Whether `vacancy` takes applications on `on` (today if not given)."""
    return not vacancy_refusal(vacancy, on=on)


def vacancy_refusal(vacancy: Vacancy, *, on: datetime.date | None = None) -> str:
    """Why `vacancy` takes no application on `on` ("" if it does): the rule of
    `open_vacancies`, one vacancy at a time, told to the graduate who tried."""
    if vacancy.company.status != CompanyStatus.VERIFIED:
        return _("This company is not verified: it cannot receive applications.")
    if vacancy.status != VacancyStatus.PUBLISHED:
        return _("This vacancy is not published: it does not take applications.")
    if vacancy.deadline < (on or timezone.localdate()):
        return _("The deadline of this vacancy has passed.")
    return ""


class VacancySort:
    NEWEST = "newest"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class VacancySearch:
    """What a job seeker looks for; every part optional."""

    text: str = ""
    programme: Programme | None = None
    kecamatan: Kecamatan | None = None
    kelurahan: Kelurahan | None = None
    # The least a month's wage should reach: a vacancy whose range goes that high matches.
    minimum_wage: int | None = None
    sort: str = VacancySort.NEWEST


def vacancy_search(search: VacancySearch, *, on: datetime.date | None = None) -> QuerySet[Vacancy]:
    """Return the open vacancies that match `search`, with what a list shows of them loaded
    (a fixed number of queries, whatever their number)."""
    vacancies = open_vacancies(on=on)
    text = search.text.strip()
    if text:
        vacancies = vacancies.filter(
            Q(title__icontains=text) | Q(company__name__icontains=text) | Q(skills__icontains=text)
        )
    if search.programme is not None:
        vacancies = vacancies.filter(programmes=search.programme)
    if search.kelurahan is not None:
        vacancies = vacancies.filter(kelurahan=search.kelurahan)
    elif search.kecamatan is not None:
        vacancies = vacancies.filter(kelurahan__kecamatan=search.kecamatan)
    if search.minimum_wage is not None:
        vacancies = vacancies.alias(top_wage=Coalesce("wage_max", "wage_min")).filter(
            top_wage__gte=search.minimum_wage
        )
    if search.sort == VacancySort.DEADLINE:
        vacancies = vacancies.order_by("deadline", "-published_at", "pk")
    else:
        vacancies = vacancies.order_by("-published_at", "-pk")
    return _with_details(vacancies)


def _with_details(vacancies: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return vacancies.select_related("company", "kelurahan__kecamatan").prefetch_related(
        "programmes"
    )


def vacancy_for_viewer(
    *, vacancy_id: int, user: User | object, on: datetime.date | None = None
) -> Vacancy:
    """Return a vacancy as its page shows it: to anybody while it is open; otherwise only to
    its company's members and admins (not found for everybody else)."""
    vacancy = _with_details(Vacancy.objects.filter(pk=vacancy_id)).first()
    if vacancy is None or not (
        vacancy_open_for_applications(vacancy, on=on) or _may_see_closed(vacancy, user)
    ):
        raise NotFoundError(_("This vacancy is not open, or does not exist."))
    return vacancy


def _may_see_closed(vacancy: Vacancy, user: User | object) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.role == Role.ADMIN:
        return True
    company = company_of_user(user)
    return company is not None and company.pk == vacancy.company_id


def employer_vacancy_list(*, employer: User) -> QuerySet[Vacancy]:
    """Return the vacancies of the employer's company, the latest changed first."""
    return _with_details(Vacancy.objects.filter(company__members__user=employer)).order_by(
        "-updated_at", "-pk"
    )


def employer_vacancy_get(*, employer: User, vacancy_id: int) -> Vacancy:
    """Return one vacancy of the employer's company; another company's is not found."""
    vacancy = employer_vacancy_list(employer=employer).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFoundError(_("No vacancy of your company has this number."))
    return vacancy


def vacancy_queue() -> QuerySet[Vacancy]:
    """Return the vacancies waiting for an admin's verification, the oldest first."""
    return _with_details(Vacancy.objects.filter(status=VacancyStatus.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )


def vacancy_get_for_admin(*, vacancy_id: int) -> Vacancy:
    """Return any vacancy, for an admin deciding it."""
    vacancy = _with_details(Vacancy.objects.filter(pk=vacancy_id)).first()
    if vacancy is None:
        raise NotFoundError(_("No vacancy has this number."))
    return vacancy
