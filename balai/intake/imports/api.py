"""Imports over the API: upload a list, read its check (problems and warnings by row), choose
its columns where its headers did not say, confirm; the same services as the pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema
from balai.core.access import STAFF, register_route_access, request_user
from balai.core.errors import NotFoundError
from balai.intake.imports.limits import MAXIMUM_FILE_BYTES
from balai.intake.imports.selectors import import_job_latest, import_upload_get
from balai.intake.imports.services import import_columns_choose, import_confirm, import_upload
from balai.intake.models import ImportUpload
from balai.intake.selectors import batch_open_list

router = Router(tags=["imports"], auth=SIGNED_IN_AUTH)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class NoteOut(Schema):
    row: int = Field(description="As the spreadsheet numbers it.")
    column: str = Field(description="The column's header, as the file writes it.")
    reason: str


class ColumnsNeededOut(Schema):
    header: list[str] = Field(description="The file's headers, column A first (NIKs masked).")
    found: dict[str, int] = Field(description="{field: column index, from 0} the headers gave.")
    missing: list[str] = Field(description="Required fields no header named.")


class ImportOut(Schema):
    id: uuid.UUID
    file_name: str
    batch_code: str
    status: str
    status_label: str
    job_id: uuid.UUID | None = Field(description="The last job; follow it at /api/v1/jobs/.")
    refusal: str = ""
    valid: int | None = None
    rejected: int | None = None
    saved: int | None = None
    problems: list[NoteOut] = Field(description="Why each rejected row was rejected (500 at most).")
    problem_count: int = 0
    warnings: list[NoteOut] = Field(
        description="What to look at again in rows saved all the same, such as a NIK whose "
        "region code is unknown (500 at most)."
    )
    warning_count: int = 0
    columns_needed: ColumnsNeededOut | None = Field(
        None, description="When status is `columns`: choose them with POST …/columns."
    )


class ColumnsIn(InputSchema):
    columns: dict[str, int] = Field(
        max_length=30, description='{field: column index, from 0}, e.g. {"nik": 0}.'
    )
    first_row_is_data: bool = Field(
        False, description="The file has no header row: its first row is a resident's."
    )


def import_out(upload: ImportUpload) -> ImportOut:
    report = upload.report
    job = import_job_latest(upload=upload)
    return ImportOut(
        id=upload.id,
        file_name=upload.file_name,
        batch_code=upload.batch.code,
        status=upload.status,
        status_label=str(upload.get_status_display()),
        job_id=job.id if job is not None else None,
        refusal=report.get("refusal", ""),
        valid=report.get("valid"),
        rejected=report.get("rejected"),
        saved=report.get("saved"),
        problems=[NoteOut(**note) for note in report.get("problems", [])],
        problem_count=report.get("problem_count", 0),
        warnings=[NoteOut(**note) for note in report.get("warnings", [])],
        warning_count=report.get("warning_count", 0),
        columns_needed=ColumnsNeededOut(**report["columns"]) if "columns" in report else None,
    )


@router.post("", response={202: ImportOut, 422: ErrorOut, **ERRORS}, url_name="import_create")
def import_create(
    request: HttpRequest,
    file: File[UploadedFile],
    batch_code: Form[str],
    consent: Form[bool] = False,
) -> Status[ImportOut]:
    """Upload a list (.xlsx or .csv, as the template) for a batch open for registration; it
    is checked as a job and nothing is registered until confirmed."""
    batch = batch_open_list().filter(code=batch_code).first()
    if batch is None:
        raise NotFoundError(_("No batch with this code is open for registration."))
    upload, _job = import_upload(
        batch=batch,
        uploaded_by=request_user(request),
        file_name=file.name or "",
        content=file.read(MAXIMUM_FILE_BYTES + 1),
        consent_collected=consent,
    )
    return Status(202, import_out(upload))


@router.get("/{uuid:upload_id}", response={200: ImportOut, **ERRORS}, url_name="import_detail")
def import_detail(request: HttpRequest, upload_id: uuid.UUID) -> ImportOut:
    """One's own import: its status, and once checked every problem and warning by row."""
    return import_out(import_upload_get(upload_id=str(upload_id), user=request_user(request)))


@router.post(
    "/{uuid:upload_id}/columns",
    response={202: ImportOut, 422: ErrorOut, **ERRORS},
    url_name="import_columns",
)
def import_columns(
    request: HttpRequest, upload_id: uuid.UUID, payload: ColumnsIn
) -> Status[ImportOut]:
    """Say which column holds which field, where the headers did not; it is checked again."""
    user = request_user(request)
    upload = import_upload_get(upload_id=str(upload_id), user=user)
    import_columns_choose(
        upload=upload,
        columns=payload.columns,
        chosen_by=user,
        first_row_is_data=payload.first_row_is_data,
    )
    upload.refresh_from_db()
    return Status(202, import_out(upload))


@router.post(
    "/{uuid:upload_id}/confirm",
    response={202: ImportOut, 422: ErrorOut, **ERRORS},
    url_name="import_confirm",
)
def import_confirm_endpoint(request: HttpRequest, upload_id: uuid.UUID) -> Status[ImportOut]:
    """Save the checked file's valid rows, all together, as a job."""
    user = request_user(request)
    upload = import_upload_get(upload_id=str(upload_id), user=user)
    import_confirm(upload=upload, confirmed_by=user)
    return Status(202, import_out(upload))


register_route_access(
    "api-v1",
    {
        "import_create": STAFF,
        "import_detail": STAFF,
        "import_columns": STAFF,
        "import_confirm": STAFF,
    },
)
