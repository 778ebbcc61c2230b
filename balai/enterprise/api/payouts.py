"""Grant payouts over the API: the same services and selectors as the pages (/payouts/).

A payout is recorded once per request key, sent as the `Idempotency-Key` header or as the
body's `idempotency_key`: a client that retries after a lost answer gets the same payout.

No `from __future__ import annotations` here: django-ninja reads the query parameters of a
paginated list from its wrapper, where names as text would not resolve."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import ADMIN_ONLY, register_route_access, request_user
from balai.core.errors import ApplicationError
from balai.enterprise.models import DisbursementChannel, DisbursementStatus, GrantDisbursement
from balai.enterprise.payout_accounts import account_number_masked
from balai.enterprise.payout_selectors import payout_get, payout_list_filtered
from balai.enterprise.payouts import payout_approve, payout_cancel, payout_record, payout_retry

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
IDEMPOTENCY_HEADER: Any = Header(
    None,
    alias="Idempotency-Key",
    max_length=64,
    description="A key the client makes once per payout (8 to 64 characters); sending the "
    "same request again with it returns the payout already recorded.",
)


class PayoutOut(Schema):
    """A payout as lists show it: the account number masked but for its last 4 digits, the
    recipient by name only."""

    id: int
    grant_id: int
    recipient_name: str
    attempt: int
    amount: int = Field(description="Whole Rupiah: the grant's amount.")
    channel: DisbursementChannel
    provider_code: str
    account_number: str
    account_name: str
    reference: str
    status: DisbursementStatus
    recorded_by: str
    approved_by: str | None
    approved_at: datetime.datetime | None
    transfer_file_id: int | None
    paid_on: datetime.date | None
    provider_reference: str
    failure_reason: str = Field(description="Why the bank returned it, or why it was cancelled.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_grant_id(disbursement: GrantDisbursement) -> int:
        return disbursement.application_id

    @staticmethod
    def resolve_recipient_name(disbursement: GrantDisbursement) -> str:
        return disbursement.application.person.full_name

    @staticmethod
    def resolve_account_number(disbursement: GrantDisbursement) -> str:
        return account_number_masked(disbursement.account_number)

    @staticmethod
    def resolve_recorded_by(disbursement: GrantDisbursement) -> str:
        return disbursement.recorded_by.get_username()

    @staticmethod
    def resolve_approved_by(disbursement: GrantDisbursement) -> str | None:
        checker = disbursement.approved_by
        return checker.get_username() if checker is not None else None


class PayoutDetailOut(PayoutOut):
    """One payout, its account number in full (for the checker to compare)."""

    @staticmethod
    def resolve_account_number(disbursement: GrantDisbursement) -> str:
        return disbursement.account_number


class PayoutAccountIn(InputSchema):
    channel: DisbursementChannel
    provider_code: str = Field(
        max_length=20,
        description="bjb, bri, bni, mandiri, bca, bsi (bank transfer); ovo, gopay, dana, "
        "linkaja, shopeepay (e-wallet).",
    )
    account_number: str = Field(
        max_length=40, description="Digits; an e-wallet's is its mobile number (08…)."
    )
    account_name: str = Field(max_length=150, description="The holder, as the bank knows it.")
    idempotency_key: str | None = Field(
        None, max_length=64, description="Or the Idempotency-Key header."
    )


class PayoutIn(PayoutAccountIn):
    grant_id: int = Field(description="An approved grant with no payout under way.")


class PayoutCancelIn(InputSchema):
    reason: str = Field(min_length=1, max_length=300)


@router.get("", response=list[PayoutOut], url_name="payout_list")
@paginate(Pagination, page_size=50)
def payout_index(
    request: HttpRequest, status: DisbursementStatus | None = None
) -> QuerySet[GrantDisbursement]:
    """Payouts, newest first, of one status if asked."""
    return payout_list_filtered(user=request_user(request), status=status or "")


@router.post("", response={201: PayoutDetailOut, **WRITE_ERRORS}, url_name="payout_create")
def payout_create(
    request: HttpRequest, payload: PayoutIn, idempotency_key: str | None = IDEMPOTENCY_HEADER
) -> Status[GrantDisbursement]:
    """Record a payout of an approved grant (the maker's half); the same key, the same payout."""
    user = request_user(request)
    disbursement = payout_record(
        grant_id=payload.grant_id,
        channel=payload.channel,
        provider_code=payload.provider_code,
        account_number=payload.account_number,
        account_name=payload.account_name,
        idempotency_key=_key_of(payload, idempotency_key),
        actor=user,
    )
    return Status(201, payout_get(user=user, payout_id=disbursement.pk))


@router.get(
    "/{int:payout_id}",
    response={200: PayoutDetailOut, 404: ErrorOut},
    url_name="payout_detail",
)
def payout_detail(request: HttpRequest, payout_id: int) -> GrantDisbursement:
    """One payout."""
    return payout_get(user=request_user(request), payout_id=payout_id)


@router.post(
    "/{int:payout_id}/approve",
    response={200: PayoutDetailOut, **WRITE_ERRORS},
    url_name="payout_approve",
)
def payout_approve_endpoint(request: HttpRequest, payout_id: int) -> GrantDisbursement:
    """Approve a payout another administrator recorded (the checker's half)."""
    user = request_user(request)
    disbursement = payout_get(user=user, payout_id=payout_id)
    payout_approve(disbursement=disbursement, actor=user)
    return payout_get(user=user, payout_id=payout_id)


@router.post(
    "/{int:payout_id}/cancel",
    response={200: PayoutDetailOut, **WRITE_ERRORS},
    url_name="payout_cancel",
)
def payout_cancel_endpoint(
    request: HttpRequest, payout_id: int, payload: PayoutCancelIn
) -> GrantDisbursement:
    """Cancel a payout not yet sent to the bank."""
    user = request_user(request)
    disbursement = payout_get(user=user, payout_id=payout_id)
    payout_cancel(disbursement=disbursement, reason=payload.reason, actor=user)
    return payout_get(user=user, payout_id=payout_id)


@router.post(
    "/{int:payout_id}/retry",
    response={201: PayoutDetailOut, **WRITE_ERRORS},
    url_name="payout_retry",
)
def payout_retry_endpoint(
    request: HttpRequest,
    payout_id: int,
    payload: PayoutAccountIn,
    idempotency_key: str | None = IDEMPOTENCY_HEADER,
) -> Status[GrantDisbursement]:
    """Record a new attempt of a payout the bank returned, with corrected account details."""
    user = request_user(request)
    returned = payout_get(user=user, payout_id=payout_id)
    disbursement = payout_retry(
        disbursement=returned,
        channel=payload.channel,
        provider_code=payload.provider_code,
        account_number=payload.account_number,
        account_name=payload.account_name,
        idempotency_key=_key_of(payload, idempotency_key),
        actor=user,
    )
    return Status(201, payout_get(user=user, payout_id=disbursement.pk))


def _key_of(payload: PayoutAccountIn, header: str | None) -> str:
    key = header or payload.idempotency_key
    if not key:
        raise ApplicationError(
            _("Send a request key (the Idempotency-Key header) so that a retry pays once."),
            code="idempotency_key_missing",
            details={"field": "idempotency_key"},
        )
    return key


# Payouts are Disnaker's finance staff's (administrators) alone, like the pages.
register_route_access(
    "api-v1",
    {
        "payout_list": ADMIN_ONLY,
        "payout_create": ADMIN_ONLY,
        "payout_detail": ADMIN_ONLY,
        "payout_approve": ADMIN_ONLY,
        "payout_cancel": ADMIN_ONLY,
        "payout_retry": ADMIN_ONLY,
    },
)
