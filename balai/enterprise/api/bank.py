"""Enterprise's bank over the API: the same services and selectors as the pages (make a
transfer file, download it, import a statement, read a statement with its lines)."""

import datetime
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema
from balai.core.access import ADMIN_ONLY, register_route_access, request_user
from balai.enterprise.bank import selectors
from balai.enterprise.bank.statements import STATEMENT_MAX_BYTES, bank_statement_import
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.models import BankStatement, BankTransferFile, StatementLineOutcome
from balai.enterprise.views.bank import transfer_file_response

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
LINES_MAX = 10_000


class TransferFileIn(InputSchema):
    disbursement_ids: list[int] | None = Field(
        None,
        max_length=10_000,
        description="The approved bank payouts to send; leave out to send all of them.",
    )


class TransferFileOut(Schema):
    id: int
    layout: str
    line_count: int
    total_amount: int = Field(description="Whole Rupiah.")
    created_at: datetime.datetime


class StatementLineOut(Schema):
    line_number: int = Field(description="The row of the file (the header is row 1).")
    reference: str
    amount: int
    succeeded: bool
    provider_reference: str
    failure_reason: str
    value_date: datetime.date | None
    outcome: StatementLineOutcome
    disbursement_id: int | None


class StatementOut(Schema):
    id: int
    layout: str
    file_name: str
    imported_at: datetime.datetime
    line_count: int
    outcomes: dict[str, int] = Field(description="The number of lines of each outcome.")
    lines: list[StatementLineOut] = Field(description="In file order, of one outcome if asked.")


def _file_out(transfer_file: BankTransferFile) -> TransferFileOut:
    return TransferFileOut.model_validate(transfer_file, from_attributes=True)


def _statement_out(statement: BankStatement, outcome: str = "") -> StatementOut:
    lines = selectors.statement_lines(statement=statement, outcome=outcome)[:LINES_MAX]
    return StatementOut(
        id=statement.pk,
        layout=statement.layout,
        file_name=statement.file_name,
        imported_at=statement.imported_at,
        line_count=statement.line_count,
        outcomes=selectors.statement_outcome_counts(statement=statement),
        lines=[StatementLineOut.model_validate(line, from_attributes=True) for line in lines],
    )


@router.post(
    "/transfers",
    response={201: TransferFileOut, 422: ErrorOut, **ERRORS},
    url_name="bank_transfer_create",
)
def bank_transfer_create_endpoint(
    request: HttpRequest, payload: TransferFileIn
) -> Status[TransferFileOut]:
    """Make a transfer file of the approved bank payouts (or those named) and mark them sent."""
    transfer_file = bank_transfer_create(
        actor=request_user(request), disbursement_ids=payload.disbursement_ids
    )
    return Status(201, _file_out(transfer_file))


@router.get(
    "/transfers/{int:file_id}/file",
    response={200: None, **ERRORS},
    url_name="bank_transfer_download",
    openapi_extra={
        "responses": {
            200: {
                "description": "The transfer file, in the bank's layout.",
                "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def bank_transfer_download(request: HttpRequest, file_id: int) -> FileResponse:
    """Download a transfer file (admins only)."""
    transfer_file = selectors.bank_transfer_file_get(user=request_user(request), file_id=file_id)
    return transfer_file_response(transfer_file)


@router.post(
    "/statements",
    response={201: StatementOut, 422: ErrorOut, **ERRORS},
    url_name="bank_statement_create",
)
def bank_statement_create(request: HttpRequest, file: File[UploadedFile]) -> Status[StatementOut]:
    """Import the bank's statement (multipart, field `file`) and reconcile it: imported
    whole, or refused with every faulty row in `details.rows`; the same file once."""
    statement = bank_statement_import(
        actor=request_user(request),
        file_name=file.name or "",
        content=file.read(STATEMENT_MAX_BYTES + 1),
    )
    return Status(201, _statement_out(statement))


@router.get(
    "/statements/{int:statement_id}",
    response={200: StatementOut, **ERRORS},
    url_name="bank_statement_read",
)
def bank_statement_read(
    request: HttpRequest, statement_id: int, outcome: StatementLineOutcome | None = None
) -> StatementOut:
    """A statement: its lines counted by outcome, and the lines (of one outcome if asked)."""
    statement = selectors.bank_statement_get(user=request_user(request), statement_id=statement_id)
    return _statement_out(statement, outcome or "")


register_route_access(
    "api-v1",
    {
        "bank_transfer_create": ADMIN_ONLY,
        "bank_transfer_download": ADMIN_ONLY,
        "bank_statement_create": ADMIN_ONLY,
        "bank_statement_read": ADMIN_ONLY,
    },
)
