"""Placement's applications over the API: the same services and selectors as the pages.

A graduate applies, lists and withdraws their applications; an employer lists the applicants
of a vacancy of their company and shortlists them or marks them not selected."""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import register_route_access, request_user, roles
from balai.core.errors import ApplicationError
from balai.placement.application_selectors import (
    employer_vacancy,
    my_applications,
    next_step,
    vacancy_applicants,
)
from balai.placement.applications import (
    job_application_decide,
    job_application_submit,
    job_application_withdraw,
)
from balai.placement.models import ApplicationStatus, JobApplication

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)


class JobApplicationIn(InputSchema):
    vacancy_id: int = Field(ge=1)
    enrolment_id: int = Field(
        ge=1, description="One of the caller's completed trainings (its enrolment id)."
    )
    note: str = Field("", max_length=500)
    job_fair_id: int | None = Field(
        None, ge=1, description="The job fair the application came from: on today, with a booth."
    )


class MyJobApplicationOut(Schema):
    """One of the caller's applications, with what to do next."""

    id: int
    vacancy_id: int
    vacancy_title: str
    company_name: str
    status: ApplicationStatus
    next_step: str
    enrolment_id: int
    certificate_number: str | None
    job_fair_id: int | None
    applied_at: datetime.datetime

    @staticmethod
    def resolve_vacancy_title(application: JobApplication) -> str:
        return application.vacancy.title

    @staticmethod
    def resolve_company_name(application: JobApplication) -> str:
        return application.vacancy.company.name

    @staticmethod
    def resolve_next_step(application: JobApplication) -> str:
        return next_step(application.status)

    @staticmethod
    def resolve_certificate_number(application: JobApplication) -> str | None:
        return application.certificate.number if application.certificate else None

    @staticmethod
    def resolve_applied_at(application: JobApplication) -> datetime.datetime:
        return application.created_at


class ApplicantTrainingOut(Schema):
    programme: str
    rombel: int = Field(description="The class (rombel) of the programme in its kelurahan: 1, 2, …")
    kelurahan: str
    completed_on: datetime.date | None


class ApplicantOut(Schema):
    """An applicant as the employer sees them. A graduate who stopped sharing their profile
    leaves their name and status only (`profile_visible` false)."""

    id: int
    person_public_id: uuid.UUID
    name: str
    status: ApplicationStatus
    note: str
    applied_at: datetime.datetime
    profile_visible: bool
    phone: str | None
    training: ApplicantTrainingOut | None
    certificate_number: str | None
    certificate_verification_path: str | None

    @staticmethod
    def resolve_person_public_id(application: JobApplication) -> uuid.UUID:
        return application.person.public_id

    @staticmethod
    def resolve_name(application: JobApplication) -> str:
        return application.person.full_name

    @staticmethod
    def resolve_applied_at(application: JobApplication) -> datetime.datetime:
        return application.created_at

    @staticmethod
    def resolve_phone(application: JobApplication) -> str | None:
        return application.person.phone if application.profile_visible else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_training(application: JobApplication) -> ApplicantTrainingOut | None:
        if not application.profile_visible:  # type: ignore[attr-defined]
            return None
        training_class = application.enrolment.training_class
        return ApplicantTrainingOut(
            programme=training_class.programme.name,
            rombel=training_class.number,
            kelurahan=training_class.offering.kelurahan.name,
            completed_on=application.enrolment.left_on,
        )

    @staticmethod
    def resolve_certificate_number(application: JobApplication) -> str | None:
        visible = application.profile_visible  # type: ignore[attr-defined]
        return application.certificate.number if visible and application.certificate else None

    @staticmethod
    def resolve_certificate_verification_path(application: JobApplication) -> str | None:
        number = ApplicantOut.resolve_certificate_number(application)
        return reverse("training:verify", args=[number]) if number else None


class DecisionIn(InputSchema):
    status: Literal["shortlisted", "not_selected"]


class DecisionOut(Schema):
    id: int
    status: ApplicationStatus


WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post(
    "",
    response={201: MyJobApplicationOut, **WRITE_ERRORS},
    url_name="placement_job_application_create",
)
def job_application_create(
    request: HttpRequest, payload: JobApplicationIn
) -> Status[MyJobApplicationOut]:
    """Apply to a vacancy with one of the caller's completed trainings: shares the caller's
    profile (name, phone, training, certificate) with the vacancy's company."""
    user = request_user(request)
    application = job_application_submit(
        user=user,
        vacancy_id=payload.vacancy_id,
        enrolment_id=payload.enrolment_id,
        note=payload.note,
        job_fair_id=payload.job_fair_id,
    )
    # The service loaded what the answer shows (vacancy, company, certificate, job fair).
    return Status(201, application)  # type: ignore[arg-type]


@router.get(
    "/mine",
    response={200: list[MyJobApplicationOut], 401: ErrorOut, 403: ErrorOut},
    url_name="placement_my_job_applications",
)
def job_applications_mine(request: HttpRequest) -> QuerySet[JobApplication]:
    """The caller's applications, newest first, with their status and next step."""
    return my_applications(user=request_user(request))


@router.post(
    "/{int:application_id}/withdraw",
    response={200: DecisionOut, **WRITE_ERRORS},
    url_name="placement_job_application_withdraw",
)
def job_application_withdraw_endpoint(request: HttpRequest, application_id: int) -> DecisionOut:
    """Withdraw one of the caller's applications (applied or shortlisted)."""
    application = job_application_withdraw(
        user=request_user(request), application_id=application_id
    )
    return DecisionOut(id=application.pk, status=ApplicationStatus(application.status))


@router.get(
    "/vacancies/{int:vacancy_id}/applicants",
    response={200: list[ApplicantOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="placement_applicants",
)
@paginate(Pagination, page_size=50)
def applicants_list(
    request: HttpRequest,
    vacancy_id: int,
    status: str = "",
) -> QuerySet[JobApplication]:
    """The applicants of a vacancy of the caller's company, oldest first, 50 a page;
    `status` (applied, shortlisted, interview, hired, not_selected, withdrawn) filters."""
    if status and status not in ApplicationStatus.values:
        raise ApplicationError(_("Unknown status."), code="status_invalid")
    user = request_user(request)
    vacancy = employer_vacancy(user=user, vacancy_id=vacancy_id)
    return vacancy_applicants(user=user, vacancy=vacancy, status=status)


@router.post(
    "/{int:application_id}/decision",
    response={200: DecisionOut, **WRITE_ERRORS},
    url_name="placement_applicant_decide",
)
def applicant_decide(request: HttpRequest, application_id: int, payload: DecisionIn) -> DecisionOut:
    """Shortlist an applicant of the caller's company, or mark them not selected."""
    application = job_application_decide(
        user=request_user(request), application_id=application_id, status=payload.status
    )
    return DecisionOut(id=application.pk, status=ApplicationStatus(application.status))


register_route_access(
    "api-v1",
    {
        "placement_job_application_create": roles(Role.PARTICIPANT),
        "placement_my_job_applications": roles(Role.PARTICIPANT),
        "placement_job_application_withdraw": roles(Role.PARTICIPANT),
        "placement_applicants": roles(Role.EMPLOYER),
        "placement_applicant_decide": roles(Role.EMPLOYER),
    },
)
