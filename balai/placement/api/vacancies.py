"""Placement's vacancies over the API: the same services and selectors as the pages.

Anybody may search the open vacancies and read one; an employer drafts, changes, submits
and closes their company's; an admin verifies or rejects what is submitted.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.params.functions import Query
from pydantic import StrictInt, StrictStr

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import PAGE_PARAMETER, ErrorOut, InputSchema
from balai.catalogue.models import Programme
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, request_user, roles
from balai.core.errors import ApplicationError
from balai.placement.models import Vacancy
from balai.placement.vacancies import (
    vacancy_close,
    vacancy_create,
    vacancy_reject,
    vacancy_submit,
    vacancy_update,
    vacancy_verify,
)
from balai.placement.vacancy_input import VacancyInput, wage_range_label, wage_typed
from balai.placement.vacancy_selectors import (
    VacancySearch,
    employer_vacancy_get,
    employer_vacancy_list,
    vacancy_for_viewer,
    vacancy_get_for_admin,
    vacancy_open_for_applications,
    vacancy_queue,
    vacancy_search,
)
from balai.regions.models import Kecamatan, Kelurahan

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)
PAGE_SIZE = 20
VacancySortIn = Literal["newest", "deadline"]
MIN_WAGE_PARAMETER: Any = Query(
    "", description='The least monthly wage wanted, in Rupiah ("3.000.000").'
)


class ProgrammeBriefOut(Schema):
    id: int
    code: str
    name: str


class VacancyOut(Schema):
    """A vacancy as a job seeker (or its company) reads it; wages in whole Rupiah."""

    id: int
    title: str
    description: str
    company_id: int
    company_name: str
    programmes: list[ProgrammeBriefOut]
    skills: str
    kelurahan_code: str | None
    kelurahan_name: str | None
    kecamatan_name: str | None
    address: str
    wage_min: int | None
    wage_max: int | None
    wage_range: str = Field(description='As written for people: "Rp3.000.000 - Rp4.500.000".')
    openings: int
    deadline: datetime.date = Field(description="The last day to apply.")
    status: str
    status_reason: str = Field(description="Why it was rejected, for its company.")
    published_at: datetime.datetime | None
    open_for_applications: bool


class VacancyPageOut(Schema):
    items: list[VacancyOut]
    count: int
    page: int
    pages: int


class VacancyIn(InputSchema):
    """A vacancy as the employer writes it. Wages in whole Rupiah: a number, or text as
    people write it ("3.500.000"); a fraction is refused."""

    title: str
    description: str
    deadline: datetime.date | None = Field(None, description="The last day to apply.")
    programme_ids: list[int] = Field(default_factory=list)
    skills: str = ""
    kelurahan_code: str = Field("", description="A kelurahan of the city; or give `address`.")
    address: str = ""
    wage_min: StrictInt | StrictStr | None = None
    wage_max: StrictInt | StrictStr | None = None
    openings: StrictInt | StrictStr = 1

    def vacancy_input(self) -> VacancyInput:
        return VacancyInput(
            title=self.title,
            description=self.description,
            deadline=self.deadline,
            programme_ids=self.programme_ids,
            skills=self.skills,
            kelurahan_code=self.kelurahan_code,
            address=self.address,
            wage_min=self.wage_min,
            wage_max=self.wage_max,
            openings=self.openings,
        )


class VacancyCreateIn(VacancyIn):
    submit: bool = Field(False, description="Submit for verification at once.")


class VacancySavedOut(Schema):
    vacancy: VacancyOut
    sent_back_for_verification: bool = Field(
        description="The title, description or wages of a published vacancy changed: it is "
        "hidden until an admin verifies it again."
    )


class VacancyRejectIn(InputSchema):
    reason: str = Field(description="The employer reads it.")


def vacancy_out(vacancy: Vacancy) -> VacancyOut:
    """The vacancy, loaded with its company, place and programmes (vacancy_selectors)."""
    place = vacancy.kelurahan
    return VacancyOut(
        id=vacancy.pk,
        title=vacancy.title,
        description=vacancy.description,
        company_id=vacancy.company_id,
        company_name=vacancy.company.name,
        programmes=[
            ProgrammeBriefOut(id=programme.pk, code=programme.code, name=programme.name)
            for programme in vacancy.programmes.all()
        ],
        skills=vacancy.skills,
        kelurahan_code=place.code if place else None,
        kelurahan_name=place.name if place else None,
        kecamatan_name=place.kecamatan.name if place else None,
        address=vacancy.address,
        wage_min=vacancy.wage_min,
        wage_max=vacancy.wage_max,
        wage_range=wage_range_label(vacancy.wage_min, vacancy.wage_max),
        openings=vacancy.openings,
        deadline=vacancy.deadline,
        status=vacancy.status,
        status_reason=vacancy.status_reason,
        published_at=vacancy.published_at,
        open_for_applications=vacancy_open_for_applications(vacancy),
    )


def _reloaded(vacancy: Vacancy, request: HttpRequest) -> VacancyOut:
    return vacancy_out(vacancy_for_viewer(vacancy_id=vacancy.pk, user=request_user(request)))


def _search(
    q: str, programme: int | None, kecamatan: str, kelurahan: str, min_wage: str, sort: str
) -> VacancySearch:
    """The search asked for, each code or number looked up; an unknown one is refused."""
    found_programme = Programme.objects.filter(pk=programme).first() if programme else None
    found_kecamatan = (
        Kecamatan.objects.filter(code=kecamatan, regency_id=settings.BALAI_REGENCY_CODE).first()
        if kecamatan
        else None
    )
    found_kelurahan = (
        Kelurahan.objects.filter(
            code=kelurahan, kecamatan__regency_id=settings.BALAI_REGENCY_CODE
        ).first()
        if kelurahan
        else None
    )
    unknown = {
        "programme": (programme and found_programme is None, _("No programme has this id.")),
        "kecamatan": (
            kecamatan and found_kecamatan is None,
            _("No kecamatan of the city has this code."),
        ),
        "kelurahan": (
            kelurahan and found_kelurahan is None,
            _("No kelurahan of the city has this code."),
        ),
    }
    for name, (is_unknown, message) in unknown.items():
        if is_unknown:
            raise ApplicationError(message, code=f"{name}_unknown", details={name: [message]})
    return VacancySearch(
        text=q,
        programme=found_programme,
        kecamatan=found_kecamatan,
        kelurahan=found_kelurahan,
        minimum_wage=wage_typed(min_wage, field="min_wage"),
        sort=sort,
    )


@router.get(
    "",
    response={200: VacancyPageOut, 400: ErrorOut},
    url_name="vacancy_search",
    auth=None,
)
def vacancy_search_endpoint(
    request: HttpRequest,
    q: str = "",
    programme: int | None = None,
    kecamatan: str = "",
    kelurahan: str = "",
    min_wage: str = MIN_WAGE_PARAMETER,
    sort: VacancySortIn = "newest",
    page: int = PAGE_PARAMETER,
) -> VacancyPageOut:
    """Public: the open vacancies, filtered, newest first or closing soonest, 20 a page."""
    search = _search(q, programme, kecamatan, kelurahan, min_wage, sort)
    vacancies = vacancy_search(search)
    count = vacancies.count()
    start = (page - 1) * PAGE_SIZE
    return VacancyPageOut(
        items=[vacancy_out(vacancy) for vacancy in vacancies[start : start + PAGE_SIZE]],
        count=count,
        page=page,
        pages=max(1, -(-count // PAGE_SIZE)),
    )


@router.get(
    "/{int:vacancy_id}",
    response={200: VacancyOut, 404: ErrorOut},
    url_name="vacancy_detail",
    auth=None,
)
def vacancy_detail_endpoint(request: HttpRequest, vacancy_id: int) -> VacancyOut:
    """Public while open; a closed, expired or unpublished vacancy only for its company and
    admins (not found for everybody else)."""
    return vacancy_out(vacancy_for_viewer(vacancy_id=vacancy_id, user=request.user))


@router.get(
    "/mine",
    response={200: list[VacancyOut], 401: ErrorOut, 403: ErrorOut},
    url_name="vacancy_mine",
)
def vacancy_mine_endpoint(request: HttpRequest) -> list[VacancyOut]:
    """The vacancies of the caller's company, every status."""
    return [vacancy_out(item) for item in employer_vacancy_list(employer=request_user(request))]


@router.post(
    "/mine",
    response={201: VacancyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    url_name="vacancy_create",
)
def vacancy_create_endpoint(request: HttpRequest, payload: VacancyCreateIn) -> Status[VacancyOut]:
    """A new vacancy of the caller's company: a draft, or submitted at once with `submit`."""
    vacancy = vacancy_create(
        employer=request_user(request), data=payload.vacancy_input(), submit=payload.submit
    )
    return Status(201, _reloaded(vacancy, request))


@router.put(
    "/mine/{int:vacancy_id}",
    response={200: VacancySavedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="vacancy_update",
)
def vacancy_update_endpoint(
    request: HttpRequest, vacancy_id: int, payload: VacancyIn
) -> VacancySavedOut:
    """Change a vacancy of the caller's company (the whole vacancy is sent)."""
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    saved = vacancy_update(vacancy=vacancy, employer=employer, data=payload.vacancy_input())
    return VacancySavedOut(
        vacancy=_reloaded(saved.vacancy, request),
        sent_back_for_verification=saved.sent_back_for_verification,
    )


@router.post(
    "/mine/{int:vacancy_id}/submit",
    response={200: VacancyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="vacancy_submit",
)
def vacancy_submit_endpoint(request: HttpRequest, vacancy_id: int) -> VacancyOut:
    """Send a draft or a rejected vacancy to the admins' queue (a verified company's only)."""
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    return _reloaded(vacancy_submit(vacancy=vacancy, employer=employer), request)


@router.post(
    "/mine/{int:vacancy_id}/close",
    response={200: VacancyOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="vacancy_close",
)
def vacancy_close_endpoint(request: HttpRequest, vacancy_id: int) -> VacancyOut:
    """Close a vacancy of the caller's company: no more applications."""
    employer = request_user(request)
    vacancy = employer_vacancy_get(employer=employer, vacancy_id=vacancy_id)
    return _reloaded(vacancy_close(vacancy=vacancy, employer=employer), request)


@router.get(
    "/queue",
    response={200: list[VacancyOut], 401: ErrorOut, 403: ErrorOut},
    url_name="vacancy_queue",
)
def vacancy_queue_endpoint(request: HttpRequest) -> list[VacancyOut]:
    """The vacancies waiting for verification, the oldest first."""
    return [vacancy_out(item) for item in vacancy_queue()]


@router.post(
    "/queue/{int:vacancy_id}/verify",
    response={200: VacancyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="vacancy_verify",
)
def vacancy_verify_endpoint(request: HttpRequest, vacancy_id: int) -> VacancyOut:
    """Publish a submitted vacancy; its company is told."""
    vacancy = vacancy_get_for_admin(vacancy_id=vacancy_id)
    return _reloaded(vacancy_verify(vacancy=vacancy, admin=request_user(request)), request)


@router.post(
    "/queue/{int:vacancy_id}/reject",
    response={200: VacancyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="vacancy_reject",
)
def vacancy_reject_endpoint(
    request: HttpRequest, vacancy_id: int, payload: VacancyRejectIn
) -> VacancyOut:
    """Refuse a submitted vacancy with a reason; its company is told."""
    vacancy = vacancy_get_for_admin(vacancy_id=vacancy_id)
    rejected = vacancy_reject(vacancy=vacancy, admin=request_user(request), reason=payload.reason)
    return _reloaded(rejected, request)


EMPLOYER = roles(Role.EMPLOYER)
register_route_access(
    "api-v1",
    {
        "vacancy_search": PUBLIC,
        "vacancy_detail": PUBLIC,
        "vacancy_mine": EMPLOYER,
        "vacancy_create": EMPLOYER,
        "vacancy_update": EMPLOYER,
        "vacancy_submit": EMPLOYER,
        "vacancy_close": EMPLOYER,
        "vacancy_queue": ADMIN_ONLY,
        "vacancy_verify": ADMIN_ONLY,
        "vacancy_reject": ADMIN_ONLY,
    },
)
