"""Enterprise's repayments over the API: the same services and selectors as the pages.

No `from __future__ import annotations` here: django-ninja reads the schemas' annotations
at import."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StrictInt

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema
from balai.core.access import ADMIN_ONLY, STAFF, register_route_access, request_user, roles
from balai.enterprise.collections import CollectionLine, group_collection_record
from balai.enterprise.models import LoanRepayment, LoanStatus
from balai.enterprise.repayment_corrections import loan_write_off, repayment_reverse
from balai.enterprise.repayments import REPAYMENT_MAX, RepaymentInput, repayment_record
from balai.enterprise.statements import (
    GroupStatement,
    LoanStatement,
    group_get,
    group_statement,
    loan_get,
    loan_statement,
    repayment_get,
)

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
KEY_FIELD = Field(
    min_length=8,
    max_length=48,
    pattern=r"^[A-Za-z0-9_-]+$",
    description="A key of the caller's making, new for each request: a request sent again "
    "with the same key is recorded once (the first answer is returned).",
)


class RepaymentIn(InputSchema):
    loan_id: int = Field(description="A loan of the caller's area.")
    # Strict: a JSON true is an int to Python, never Rp1.
    amount: StrictInt = Field(ge=1, le=REPAYMENT_MAX, description="Whole Rupiah.")
    paid_on: datetime.date = Field(description="Not in the future, not before disbursement.")
    idempotency_key: str = KEY_FIELD
    paid_by_id: int | None = Field(None, description="The person who brought the money.")
    reference: str = Field("", max_length=64, description="Receipt or bank reference.")


class RepaymentAllocationOut(Schema):
    installment_number: int
    amount: int = Field(description="Negative in a reversal.")


class RepaymentOut(Schema):
    id: int
    loan_id: int
    amount: int
    credited_amount: int = Field(description="Held as the borrower's credit.")
    paid_on: datetime.date
    paid_by_name: str
    reference: str
    collection_key: str
    reverses_id: int | None
    allocations: list[RepaymentAllocationOut]


class GroupCollectionLineIn(InputSchema):
    loan_id: int
    amount: StrictInt = Field(ge=0, le=REPAYMENT_MAX, description="Whole Rupiah; 0 for nothing.")


class GroupCollectionIn(InputSchema):
    group_id: int = Field(description="A group of the caller's area.")
    paid_on: datetime.date
    collection_key: str = KEY_FIELD
    reference: str = Field("", max_length=64)
    lines: list[GroupCollectionLineIn] = Field(min_length=1, max_length=50)


class GroupCollectionOut(Schema):
    collection_key: str
    total: int
    repayments: list[RepaymentOut]


class CorrectionReasonIn(InputSchema):
    reason: str = Field(min_length=1, max_length=300)


class LoanWrittenOffOut(Schema):
    loan_id: int
    status: LoanStatus
    closed_on: datetime.date | None


class StatementInstallmentOut(Schema):
    number: int
    due_on: datetime.date
    due: int
    paid: int
    owed: int
    paid_off_on: datetime.date | None
    days_late: int


class StatementMovementOut(Schema):
    occurred_on: datetime.date
    kind: str
    receivable_change: int = Field(description="Change of what the loan owes.")
    credit_change: int = Field(description="Change of the credit held (negative: held).")
    balance: int = Field(description="What the loan owes after this movement.")
    repayment_id: int | None
    paid_by_name: str
    reference: str
    memo: str
    reversed: bool


class LoanStatementOut(Schema):
    loan_id: int
    borrower_name: str
    group_id: int | None
    status: LoanStatus
    principal: int
    disbursed_on: datetime.date
    as_of: datetime.date
    paid: int
    outstanding: int
    arrears: int
    days_in_arrears: int
    credit_held: int
    installments: list[StatementInstallmentOut]
    movements: list[StatementMovementOut]


class StatementMemberLoanOut(Schema):
    loan_id: int
    borrower_name: str
    role: str = Field(description="leader, treasurer, member, or empty for a former member.")
    status: LoanStatus
    principal: int
    paid: int
    outstanding: int
    arrears: int
    days_in_arrears: int


class StatementCollectionOut(Schema):
    collection_key: str
    paid_on: datetime.date
    paid_by_name: str
    reference: str
    members: int
    total: int
    reversed_total: int


class GroupLoanStatementOut(Schema):
    group_id: int
    group_name: str
    as_of: datetime.date
    principal: int
    paid: int
    outstanding: int
    arrears: int
    loans: list[StatementMemberLoanOut]
    collections: list[StatementCollectionOut]


def _repayment_out(repayment: LoanRepayment) -> RepaymentOut:
    return RepaymentOut(
        id=repayment.pk,
        loan_id=repayment.loan_id,
        amount=repayment.amount,
        credited_amount=repayment.credited_amount,
        paid_on=repayment.paid_on,
        paid_by_name=repayment.paid_by.full_name if repayment.paid_by else "",
        reference=repayment.reference,
        collection_key=repayment.collection_key,
        reverses_id=repayment.reverses_id,
        allocations=[
            RepaymentAllocationOut(
                installment_number=allocation.installment.number, amount=allocation.amount
            )
            for allocation in repayment.allocations.select_related("installment").order_by(
                "installment__number"
            )
        ],
    )


@router.post("", response={201: RepaymentOut, **WRITE_ERRORS}, url_name="repayments_record")
def repayment_record_endpoint(request: HttpRequest, payload: RepaymentIn) -> Status[RepaymentOut]:
    """Record money received for a loan of the caller's area, allocated to the oldest
    instalment owed first."""
    user = request_user(request)
    loan = loan_get(user=user, loan_id=payload.loan_id)
    repayment = repayment_record(
        data=RepaymentInput(
            loan_id=loan.pk,
            amount=payload.amount,
            paid_on=payload.paid_on,
            idempotency_key=f"api:{payload.idempotency_key}",
            paid_by_id=payload.paid_by_id,
            reference=payload.reference,
        ),
        actor=user,
    )
    return Status(201, _repayment_out(repayment))


@router.post(
    "/collections",
    response={201: GroupCollectionOut, **WRITE_ERRORS},
    url_name="repayments_collection",
)
def collection_record_endpoint(
    request: HttpRequest, payload: GroupCollectionIn
) -> Status[GroupCollectionOut]:
    """Record a treasurer's collection for several members: all lines or none."""
    user = request_user(request)
    group = group_get(user=user, group_id=payload.group_id)
    repayments = group_collection_record(
        group=group,
        lines=[CollectionLine(loan_id=line.loan_id, amount=line.amount) for line in payload.lines],
        paid_on=payload.paid_on,
        collection_key=payload.collection_key,
        reference=payload.reference,
        actor=user,
    )
    return Status(
        201,
        GroupCollectionOut(
            collection_key=payload.collection_key,
            total=sum(repayment.amount for repayment in repayments),
            repayments=[_repayment_out(repayment) for repayment in repayments],
        ),
    )


@router.post(
    "/{int:repayment_id}/reverse",
    response={201: RepaymentOut, **WRITE_ERRORS},
    url_name="repayments_reverse",
)
def repayment_reverse_endpoint(
    request: HttpRequest, repayment_id: int, payload: CorrectionReasonIn
) -> Status[RepaymentOut]:
    """Reverse a repayment recorded by mistake (admin); the answer is the reversal."""
    user = request_user(request)
    repayment = repayment_get(user=user, repayment_id=repayment_id)
    reversal = repayment_reverse(repayment_id=repayment.pk, reason=payload.reason, actor=user)
    return Status(201, _repayment_out(reversal))


@router.post(
    "/loans/{int:loan_id}/write-off",
    response={200: LoanWrittenOffOut, **WRITE_ERRORS},
    url_name="repayments_write_off",
)
def loan_write_off_endpoint(
    request: HttpRequest, loan_id: int, payload: CorrectionReasonIn
) -> LoanWrittenOffOut:
    """Write off what a loan still owes (admin)."""
    user = request_user(request)
    loan = loan_write_off(
        loan_id=loan_get(user=user, loan_id=loan_id).pk, reason=payload.reason, actor=user
    )
    return LoanWrittenOffOut(
        loan_id=loan.pk, status=LoanStatus(loan.status), closed_on=loan.closed_on
    )


@router.get(
    "/loans/{int:loan_id}/statement",
    response={200: LoanStatementOut, **READ_ERRORS},
    url_name="repayments_loan_statement",
)
def loan_statement_endpoint(request: HttpRequest, loan_id: int) -> LoanStatementOut:
    """A borrower's statement: the schedule and every movement with its balance."""
    return _loan_statement_out(loan_statement(user=request_user(request), loan_id=loan_id))


@router.get(
    "/groups/{int:group_id}/statement",
    response={200: GroupLoanStatementOut, **READ_ERRORS},
    url_name="repayments_group_statement",
)
def group_statement_endpoint(request: HttpRequest, group_id: int) -> GroupLoanStatementOut:
    """A group's statement: every member's loan, the totals and the collections."""
    return _group_statement_out(group_statement(user=request_user(request), group_id=group_id))


def _loan_statement_out(statement: LoanStatement) -> LoanStatementOut:
    loan = statement.loan
    return LoanStatementOut(
        loan_id=loan.pk,
        borrower_name=loan.borrower.full_name,
        group_id=loan.group_id,
        status=LoanStatus(loan.status),
        principal=loan.principal,
        disbursed_on=loan.disbursed_on,
        as_of=statement.as_of,
        paid=statement.paid,
        outstanding=statement.outstanding,
        arrears=statement.arrears,
        days_in_arrears=statement.days_in_arrears,
        credit_held=statement.credit_held,
        installments=[StatementInstallmentOut(**vars(line)) for line in statement.installments],
        movements=[
            StatementMovementOut(
                occurred_on=line.occurred_on,
                kind=line.kind,
                receivable_change=line.receivable_change,
                credit_change=line.credit_change,
                balance=line.balance,
                repayment_id=line.repayment_id,
                paid_by_name=line.paid_by,
                reference=line.reference,
                memo=line.memo,
                reversed=line.reversed,
            )
            for line in statement.history
        ],
    )


def _group_statement_out(statement: GroupStatement) -> GroupLoanStatementOut:
    return GroupLoanStatementOut(
        group_id=statement.group.pk,
        group_name=statement.group.name,
        as_of=statement.as_of,
        principal=statement.principal,
        paid=statement.paid,
        outstanding=statement.outstanding,
        arrears=statement.arrears,
        loans=[
            StatementMemberLoanOut(
                loan_id=line.loan.pk,
                borrower_name=line.loan.borrower.full_name,
                role=line.role,
                status=LoanStatus(line.loan.status),
                principal=line.loan.principal,
                paid=line.paid,
                outstanding=line.outstanding,
                arrears=line.arrears,
                days_in_arrears=line.days_in_arrears,
            )
            for line in statement.lines
        ],
        collections=[
            StatementCollectionOut(
                collection_key=collection.collection_key,
                paid_on=collection.paid_on,
                paid_by_name=collection.paid_by,
                reference=collection.reference,
                members=collection.members,
                total=collection.total,
                reversed_total=collection.reversed_total,
            )
            for collection in statement.collections
        ],
    )


STAFF_AND_BORROWERS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
register_route_access(
    "api-v1",
    {
        "repayments_record": STAFF,
        "repayments_collection": STAFF,
        "repayments_reverse": ADMIN_ONLY,
        "repayments_write_off": ADMIN_ONLY,
        "repayments_loan_statement": STAFF_AND_BORROWERS,
        "repayments_group_statement": STAFF_AND_BORROWERS,
    },
)
