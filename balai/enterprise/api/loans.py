"""Enterprise's loans over the API: the same services and selectors as the pages.

No `from __future__ import annotations` here: django-ninja reads the query parameters of a
paginated list from its wrapper, where names as text would not resolve."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import ADMIN_ONLY, register_route_access, request_user, roles
from balai.core.errors import NotFoundError
from balai.enterprise.loan_selectors import (
    loan_application_get,
    loan_application_list,
    loan_application_terms,
    loan_get,
    loan_list,
    loan_product_get,
    loan_product_list,
)
from balai.enterprise.loans import (
    LoanApplicationInput,
    loan_application_approve,
    loan_application_disburse,
    loan_application_reject,
    loan_apply,
)
from balai.enterprise.models import (
    InstallmentFrequency,
    Loan,
    LoanApplication,
    LoanApplicationStatus,
    LoanInstallment,
    LoanProduct,
    LoanStatus,
)

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

STAFF_AND_BORROWERS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class LoanProductOut(Schema):
    id: int
    code: str
    name: str
    admin_fee_basis_points: int
    min_amount: int
    max_amount: int
    tenor_months: int
    grace_period_months: int
    frequency: InstallmentFrequency
    rounding_unit: int
    min_group_size: int
    max_group_size: int
    lends_to_individuals: bool
    is_active: bool


class LoanApplicationMemberOut(Schema):
    """A borrower by name only (no NIK): the amount, the fee and what they receive."""

    person_id: int
    person_name: str
    amount: int
    admin_fee: int
    net_payout: int


class LoanApplicationOut(Schema):
    id: int
    product_id: int
    group_id: int | None
    person_id: int | None
    kelurahan_id: str = Field(description="The kelurahan's code.")
    business_purpose: str
    joint_liability_accepted: bool
    status: LoanApplicationStatus
    decision_reason: str
    created_at: datetime.datetime


class LoanApplicationDetailOut(LoanApplicationOut):
    members: list[LoanApplicationMemberOut]
    loan_ids: list[int]


class LoanInstallmentOut(Schema):
    number: int
    due_on: datetime.date
    principal_due: int
    principal_paid: int
    principal_owed: int
    paid_off_on: datetime.date | None


class LoanOut(Schema):
    id: int
    application_id: int
    product_id: int
    borrower_name: str
    group_id: int | None
    principal: int
    admin_fee: int
    disbursed_on: datetime.date
    status: LoanStatus

    @staticmethod
    def resolve_borrower_name(loan: Loan) -> str:
        return loan.borrower.full_name


class LoanDetailOut(LoanOut):
    schedule: list[LoanInstallmentOut]

    @staticmethod
    def resolve_schedule(loan: Loan) -> list[LoanInstallment]:
        return list(loan.installments.all())


class LoanAmountIn(InputSchema):
    person_id: int
    amount: str | int = Field(description='Whole Rupiah, as a number or typed: "1.500.000".')


class LoanApplicationIn(InputSchema):
    product_id: int
    group_id: int | None = Field(None, description="A group's application (every member).")
    person_id: int | None = Field(None, description="One person's micro business.")
    amounts: list[LoanAmountIn] = Field(min_length=1, max_length=50)
    business_purpose: str = Field(min_length=1, max_length=2000)
    joint_liability_accepted: bool = False


class LoanRejectIn(InputSchema):
    reason: str = Field(min_length=1, max_length=500)


class LoanDisburseIn(InputSchema):
    disbursed_on: datetime.date | None = Field(None, description="Today if none; not future.")


class LoanDisbursementOut(Schema):
    application_id: int
    loans: list[LoanDetailOut]


def _application_detail(request: HttpRequest, application_id: int) -> LoanApplicationDetailOut:
    application = loan_application_get(user=request_user(request), application_id=application_id)
    members = [
        LoanApplicationMemberOut(
            person_id=row.member.person_id,
            person_name=row.member.person.full_name,
            amount=row.member.amount,
            admin_fee=row.admin_fee,
            net_payout=row.net_payout,
        )
        for row in loan_application_terms(application=application)
    ]
    return LoanApplicationDetailOut.model_validate(
        {
            **LoanApplicationOut.model_validate(application).model_dump(),
            "members": members,
            "loan_ids": [loan.pk for loan in application.loans.all()],
        }
    )


@router.get("/products", response=list[LoanProductOut], url_name="loan_product_list")
@paginate(Pagination, page_size=50)
def loan_product_index(request: HttpRequest) -> QuerySet[LoanProduct]:
    """The loan products (terms only), by name."""
    return loan_product_list()


@router.get(
    "/products/{int:product_id}",
    response={200: LoanProductOut, **READ_ERRORS},
    url_name="loan_product_detail",
)
def loan_product_detail(request: HttpRequest, product_id: int) -> LoanProduct:
    """One loan product."""
    try:
        return loan_product_get(product_id=product_id)
    except LoanProduct.DoesNotExist:
        raise NotFoundError(_("No such loan product.")) from None


@router.post(
    "/applications",
    response={201: LoanApplicationDetailOut, **WRITE_ERRORS},
    url_name="loan_apply",
)
def loan_apply_endpoint(
    request: HttpRequest, payload: LoanApplicationIn
) -> Status[LoanApplicationDetailOut]:
    """Apply for a group (its leader, or staff of its area: every current member's amount)
    or one person's business. Sent twice, it is made once."""
    application = loan_apply(
        data=LoanApplicationInput(
            product_id=payload.product_id,
            group_id=payload.group_id,
            person_id=payload.person_id,
            amounts={row.person_id: row.amount for row in payload.amounts},
            business_purpose=payload.business_purpose,
            joint_liability_accepted=payload.joint_liability_accepted,
        ),
        actor=request_user(request),
    )
    return Status(201, _application_detail(request, application.pk))


@router.get("/applications", response=list[LoanApplicationOut], url_name="loan_application_list")
@paginate(Pagination, page_size=50)
def loan_application_index(
    request: HttpRequest, status: LoanApplicationStatus | None = None
) -> QuerySet[LoanApplication]:
    """Applications the caller may see, newest first."""
    return loan_application_list(user=request_user(request), status=status or "")


@router.get(
    "/applications/{int:application_id}",
    response={200: LoanApplicationDetailOut, **READ_ERRORS},
    url_name="loan_application_detail",
)
def loan_application_detail(request: HttpRequest, application_id: int) -> LoanApplicationDetailOut:
    """An application with each borrower's amount, fee and payout."""
    return _application_detail(request, application_id)


@router.post(
    "/applications/{int:application_id}/approve",
    response={200: LoanApplicationDetailOut, **WRITE_ERRORS},
    url_name="loan_application_approve",
)
def loan_application_approve_endpoint(
    request: HttpRequest, application_id: int
) -> LoanApplicationDetailOut:
    """Approve a submitted application (an admin who did not submit it)."""
    loan_application_approve(application_id=application_id, actor=request_user(request))
    return _application_detail(request, application_id)


@router.post(
    "/applications/{int:application_id}/reject",
    response={200: LoanApplicationDetailOut, **WRITE_ERRORS},
    url_name="loan_application_reject",
)
def loan_application_reject_endpoint(
    request: HttpRequest, application_id: int, payload: LoanRejectIn
) -> LoanApplicationDetailOut:
    """Reject a submitted application with a reason."""
    loan_application_reject(
        application_id=application_id, reason=payload.reason, actor=request_user(request)
    )
    return _application_detail(request, application_id)


@router.post(
    "/applications/{int:application_id}/disburse",
    response={200: LoanDisbursementOut, **WRITE_ERRORS},
    url_name="loan_disburse",
)
def loan_disburse_endpoint(
    request: HttpRequest, application_id: int, payload: LoanDisburseIn
) -> LoanDisbursementOut:
    """Disburse an approved application; replayed, it answers with the same loans."""
    user = request_user(request)
    loans = loan_application_disburse(
        application_id=application_id, disbursed_on=payload.disbursed_on, actor=user
    )
    return LoanDisbursementOut.model_validate(
        {
            "application_id": application_id,
            "loans": [loan_get(user=user, loan_id=loan.pk) for loan in loans],
        }
    )


@router.get("", response=list[LoanOut], url_name="loan_list")
@paginate(Pagination, page_size=50)
def loan_index(request: HttpRequest, status: LoanStatus | None = None) -> QuerySet[Loan]:
    """Loans the caller may see (a participant: their own and their group's)."""
    return loan_list(user=request_user(request), status=status or "")


@router.get("/{int:loan_id}", response={200: LoanDetailOut, **READ_ERRORS}, url_name="loan_detail")
def loan_detail(request: HttpRequest, loan_id: int) -> Loan:
    """A loan with its schedule: due, paid and owed per instalment."""
    return loan_get(user=request_user(request), loan_id=loan_id)


register_route_access(
    "api-v1",
    {
        "loan_product_list": STAFF_AND_BORROWERS,
        "loan_product_detail": STAFF_AND_BORROWERS,
        "loan_apply": STAFF_AND_BORROWERS,
        "loan_application_list": STAFF_AND_BORROWERS,
        "loan_application_detail": STAFF_AND_BORROWERS,
        "loan_application_approve": ADMIN_ONLY,
        "loan_application_reject": ADMIN_ONLY,
        "loan_disburse": ADMIN_ONLY,
        "loan_list": STAFF_AND_BORROWERS,
        "loan_detail": STAFF_AND_BORROWERS,
    },
)
