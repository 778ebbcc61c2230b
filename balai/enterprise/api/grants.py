"""Enterprise's grants over the API: the same services and selectors as the pages.

No `from __future__ import annotations` here: django-ninja reads the query parameters of a
paginated list from its wrapper, where names as text would not resolve."""

import datetime
import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import ADMIN_ONLY, STAFF, register_route_access, request_user, roles
from balai.enterprise.grant_selectors import (
    grant_batch_get,
    grant_batch_list,
    grant_get,
    grant_list_filtered,
)
from balai.enterprise.grants import (
    VERIFICATION_CHECKLIST,
    BusinessDetails,
    UsageDetails,
    grant_apply,
    grant_approve,
    grant_reject,
    grant_usage_report,
    grant_verify,
)
from balai.enterprise.models import (
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
    UsageReport,
)

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

STAFF_AND_PARTICIPANTS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class GrantBatchOut(Schema):
    """A batch of grants with its budget: the remaining never below nothing."""

    id: int
    name: str
    year: int
    amount_per_grant: int
    budget_ceiling: int
    committed_amount: int
    remaining_budget: int
    opens_on: datetime.date
    closes_on: datetime.date
    min_business_age_months: int
    max_business_age_months: int | None
    requires_domicile: bool
    once_per_person: bool
    excludes_other_city_grant: bool

    @staticmethod
    def resolve_remaining_budget(batch: GrantBatch) -> int:
        return max(batch.remaining_budget, 0)


class GrantApplicationOut(Schema):
    """An application (the applicant by name only: no NIK, no contact)."""

    id: int
    batch_id: int
    person_name: str
    group_id: int | None
    kelurahan_code: str
    business_name: str
    business_type: BusinessType
    business_started_on: datetime.date
    business_address: str
    requested_use: str
    amount: int
    declares_other_city_grant: bool
    status: GrantApplicationStatus
    checklist: dict[str, bool]
    verified_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    decision_reason: str

    @staticmethod
    def resolve_person_name(application: GrantApplication) -> str:
        return application.person.full_name

    @staticmethod
    def resolve_kelurahan_code(application: GrantApplication) -> str:
        return application.kelurahan_id


class GrantApplyIn(InputSchema):
    batch_id: int
    person_public_id: uuid.UUID | None = Field(
        None, description="Staff only: the resident of their area applied for."
    )
    group_id: int | None = Field(
        None, description="Apply for a group: its leader, or staff of the group's area."
    )
    business_name: str = Field(min_length=1, max_length=150)
    business_type: BusinessType
    business_started_on: datetime.date
    business_address: str = Field(min_length=1, max_length=250)
    requested_use: str = Field(min_length=1, max_length=2000)
    declares_other_city_grant: bool = False


class GrantVerifyIn(InputSchema):
    checklist: dict[str, bool] = Field(
        description="Every item ticked verifies: " + ", ".join(VERIFICATION_CHECKLIST)
    )
    reason: str = Field("", max_length=500, description="Required when an item is not met.")


class GrantReasonIn(InputSchema):
    reason: str = Field(min_length=1, max_length=500)


class UsageReportIn(InputSchema):
    spent_on: str = Field(min_length=1, max_length=2000)
    amount_spent: int = Field(ge=0, le=1_000_000_000)
    business_running: bool = True


class UsageReportOut(Schema):
    application_id: int
    spent_on: str
    amount_spent: int
    business_running: bool
    has_evidence: bool

    @staticmethod
    def resolve_has_evidence(report: UsageReport) -> bool:
        return bool(report.evidence)


@router.get("/batches", response=list[GrantBatchOut], url_name="grant_batch_list")
def grant_batch_index(request: HttpRequest) -> QuerySet[GrantBatch]:
    """Every batch with its budget, the latest to open first."""
    return grant_batch_list()


@router.get(
    "/batches/{int:batch_id}",
    response={200: GrantBatchOut, **READ_ERRORS},
    url_name="grant_batch_detail",
)
def grant_batch_show(request: HttpRequest, batch_id: int) -> GrantBatch:
    """One batch with its budget."""
    return grant_batch_get(batch_id=batch_id)


@router.post("/apply", response={201: GrantApplicationOut, **WRITE_ERRORS}, url_name="grant_apply")
def grant_apply_endpoint(request: HttpRequest, payload: GrantApplyIn) -> Status[GrantApplication]:
    """Apply for a grant; every failed rule is named in details.reasons. The same
    submission sent twice answers with the one application."""
    user = request_user(request)
    application = grant_apply(
        by=user,
        batch_id=payload.batch_id,
        person_public_id=payload.person_public_id,
        group_id=payload.group_id,
        details=BusinessDetails(
            business_name=payload.business_name,
            business_type=payload.business_type,
            business_started_on=payload.business_started_on,
            business_address=payload.business_address,
            requested_use=payload.requested_use,
            declares_other_city_grant=payload.declares_other_city_grant,
        ),
    )
    return Status(201, grant_get(user=user, grant_id=application.pk))


@router.get("", response=list[GrantApplicationOut], url_name="grant_list")
@paginate(Pagination, page_size=50)
def grant_index(
    request: HttpRequest,
    batch_id: int | None = None,
    status: GrantApplicationStatus | None = None,
) -> QuerySet[GrantApplication]:
    """Applications in the caller's area (a participant: their own and their group's)."""
    return grant_list_filtered(user=request_user(request), batch_id=batch_id, status=status or "")


@router.get(
    "/{int:grant_id}", response={200: GrantApplicationOut, **READ_ERRORS}, url_name="grant_detail"
)
def grant_show(request: HttpRequest, grant_id: int) -> GrantApplication:
    """One application the caller may see."""
    return grant_get(user=request_user(request), grant_id=grant_id)


@router.post(
    "/{int:grant_id}/verify",
    response={200: GrantApplicationOut, **WRITE_ERRORS},
    url_name="grant_verify",
)
def grant_verify_endpoint(
    request: HttpRequest, grant_id: int, payload: GrantVerifyIn
) -> GrantApplication:
    """Record the kelurahan's checklist: all ticked verifies, else rejects with the reason."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    grant_verify(
        by=user, application_id=application.pk, checklist=payload.checklist, reason=payload.reason
    )
    return grant_get(user=user, grant_id=grant_id)


@router.post(
    "/{int:grant_id}/approve",
    response={200: GrantApplicationOut, **WRITE_ERRORS},
    url_name="grant_approve",
)
def grant_approve_endpoint(request: HttpRequest, grant_id: int) -> GrantApplication:
    """Approve a verified application within the batch's budget (code over_budget if not)."""
    user = request_user(request)
    grant_approve(by=user, application_id=grant_get(user=user, grant_id=grant_id).pk)
    return grant_get(user=user, grant_id=grant_id)


@router.post(
    "/{int:grant_id}/reject",
    response={200: GrantApplicationOut, **WRITE_ERRORS},
    url_name="grant_reject",
)
def grant_reject_endpoint(
    request: HttpRequest, grant_id: int, payload: GrantReasonIn
) -> GrantApplication:
    """Reject a submitted or verified application, with the reason."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    grant_reject(by=user, application_id=application.pk, reason=payload.reason)
    return grant_get(user=user, grant_id=grant_id)


@router.post(
    "/{int:grant_id}/usage",
    response={200: UsageReportOut, **WRITE_ERRORS},
    url_name="grant_usage_report",
)
def grant_usage_endpoint(
    request: HttpRequest, grant_id: int, payload: UsageReportIn
) -> UsageReport:
    """Report what a paid grant bought (evidence files are sent on the page)."""
    user = request_user(request)
    application = grant_get(user=user, grant_id=grant_id)
    return grant_usage_report(
        by=user,
        application_id=application.pk,
        usage=UsageDetails(
            spent_on=payload.spent_on,
            amount_spent=payload.amount_spent,
            business_running=payload.business_running,
        ),
    )


register_route_access(
    "api-v1",
    {
        "grant_batch_list": STAFF_AND_PARTICIPANTS,
        "grant_batch_detail": STAFF_AND_PARTICIPANTS,
        "grant_apply": STAFF_AND_PARTICIPANTS,
        "grant_list": STAFF_AND_PARTICIPANTS,
        "grant_detail": STAFF_AND_PARTICIPANTS,
        "grant_verify": STAFF,
        "grant_approve": ADMIN_ONLY,
        "grant_reject": ADMIN_ONLY,
        "grant_usage_report": STAFF_AND_PARTICIPANTS,
    },
)
