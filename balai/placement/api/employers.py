"""Placement's employers over the API: the same services and selectors as the pages.

Registering a company is not here: it makes an account and signs it in, which is the
registration page's work (rate-limited, with a form key against double sending).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import ADMIN_ONLY, register_route_access, request_user, roles
from balai.core.errors import ApplicationError, NotFoundError
from balai.placement.companies import company_membership_of
from balai.placement.company_verification import company_reject, company_suspend, company_verify
from balai.placement.employer_selectors import company_for_admin, company_list
from balai.placement.models import Company, CompanyStatus

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)


class CompanyOut(Schema):
    id: int
    name: str
    sector: str
    nib: str = Field(description="13 digits, or empty if the company has none.")
    address: str
    kelurahan_code: str | None
    description: str
    contact_name: str
    contact_phone: str
    contact_email: str
    status: CompanyStatus
    status_reason: str = Field(description="Why it was rejected or suspended.")
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None

    @staticmethod
    def resolve_kelurahan_code(company: Company) -> str | None:
        return company.kelurahan_id


class ReasonIn(InputSchema):
    reason: str = Field(max_length=500, description="Read by the company; required.")


@router.get(
    "/company",
    response={200: CompanyOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="employer_company",
)
def employer_company(request: HttpRequest) -> Company:
    """The caller's own company, whatever its status, with the reason of a decision."""
    member = company_membership_of(request_user(request))
    if member is None:
        raise NotFoundError(_("No such company."))
    return member.company


@router.get(
    "/companies",
    response={200: list[CompanyOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    url_name="company_list",
)
@paginate(Pagination, page_size=50)
def company_index(request: HttpRequest, status: str = "") -> QuerySet[Company]:
    """Every company (of one status if asked: pending, verified, rejected, suspended), the
    newest first, 50 a page."""
    if status and status not in CompanyStatus.values:
        raise ApplicationError(
            _("Unknown status: choose pending, verified, rejected or suspended."),
            code="status_unknown",
            details={"status": list(CompanyStatus.values)},
        )
    return company_list(status=status)


@router.post(
    "/companies/{int:company_id}/verify",
    response={200: CompanyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="company_verify",
)
def company_verify_endpoint(request: HttpRequest, company_id: int) -> Company:
    """Verify a company awaiting verification, or lift its suspension."""
    company = company_for_admin(company_id=company_id)
    return company_verify(company=company, actor=request_user(request))


@router.post(
    "/companies/{int:company_id}/reject",
    response={200: CompanyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="company_reject",
)
def company_reject_endpoint(request: HttpRequest, company_id: int, body: ReasonIn) -> Company:
    """Reject a company awaiting verification, with the reason it reads."""
    company = company_for_admin(company_id=company_id)
    return company_reject(company=company, actor=request_user(request), reason=body.reason)


@router.post(
    "/companies/{int:company_id}/suspend",
    response={200: CompanyOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="company_suspend",
)
def company_suspend_endpoint(request: HttpRequest, company_id: int, body: ReasonIn) -> Company:
    """Suspend a verified company, with the reason it reads."""
    company = company_for_admin(company_id=company_id)
    return company_suspend(company=company, actor=request_user(request), reason=body.reason)


register_route_access(
    "api-v1",
    {
        "employer_company": roles(Role.EMPLOYER),
        "company_list": ADMIN_ONLY,
        "company_verify": ADMIN_ONLY,
        "company_reject": ADMIN_ONLY,
        "company_suspend": ADMIN_ONLY,
    },
)
