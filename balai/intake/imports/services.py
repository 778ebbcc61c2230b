"""Importing registrations: upload, check every row (nothing saved), then on confirmation
save every valid row together; the rejected rows come back as a spreadsheet.

The upload only screens the file (`file_screen` reads no cell) and keeps it encrypted; the
check job reads and checks it, and keeps what the saving and the rejected rows' download need,
so neither reads the file again."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.encryption import decrypt_bytes, encrypt_bytes
from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.logging import mask_identity_numbers
from balai.core.models import Job
from balai.core.scoping import kelurahan_in_area
from balai.intake.bulk import application_submit_many
from balai.intake.imports.checked import (
    CheckedFile,
    rejected_rows_sealed,
    valid_rows_opened,
    valid_rows_sealed,
)
from balai.intake.imports.reading import file_screen, read_rows
from balai.intake.imports.rows import CheckedRow, RowChecker, header_map, mark_registered
from balai.intake.models import (
    Batch,
    Channel,
    ImportStatus,
    ImportUpload,
)
from balai.intake.services import BulkEntry

REPORT_ROWS_SHOWN = 500


@transaction.atomic
def import_upload(
    *, batch: Batch, uploaded_by: User, file_name: str, content: bytes, consent_collected: bool
) -> tuple[ImportUpload, Job]:
    """Keep an uploaded file (encrypted) and start checking it; nothing is registered yet."""
    if not consent_collected:
        message = _("Confirm that every resident on the list signed the privacy statement.")
        raise ApplicationError(message, code="consent_missing", details={"consent": [message]})
    file_screen(name=file_name, content=content)  # the job reads the cells, within limits
    upload = ImportUpload.objects.create(
        id=uuid.uuid4(),
        batch=batch,
        uploaded_by=uploaded_by,
        file_name=file_name[:200],
        content_encrypted=encrypt_bytes(content),
    )
    job = job_start(
        kind="import_check",
        label=file_name[:150],
        parameters={"upload_id": str(upload.id)},
        created_by=uploaded_by,
    )
    return upload, job


def checked_file(upload: ImportUpload, progress: ProgressReporter | None = None) -> CheckedFile:
    """Return the upload's header and every data row, checked; saves nothing."""
    rows = read_rows(name=upload.file_name, content=decrypt_bytes(upload.content_encrypted))
    if not rows:
        raise ApplicationError(_("The file is empty."), code="file_empty")
    columns = header_map(rows[0])
    area = list(kelurahan_in_area(upload.uploaded_by))
    checker = RowChecker(
        batch=upload.batch, kelurahan=area, columns=columns, today=timezone.localdate()
    )
    checked = []
    for index, cells in enumerate(rows[1:], start=2):
        if any(cell not in (None, "") for cell in cells):
            checked.append(checker.check(index, cells))
        if progress is not None and index % 500 == 0:
            progress(
                index,
                len(rows),
                _("%(done)s of %(total)s rows checked") % {"done": index, "total": len(rows) - 1},
            )
    mark_registered(checked, upload.batch, {place.code for place in area})
    return CheckedFile(header=rows[0], columns=columns, rows=checked)


@job_kind(
    "import_check",
    title=gettext_lazy("Check of an imported list"),
    results={
        "valid": gettext_lazy("valid rows"),
        "rejected": gettext_lazy("rejected rows"),
        "refusal": gettext_lazy("refused because"),
        # Given by the columns step (the imports branch): which columns no header names.
        "columns_unknown": gettext_lazy("columns to choose"),
    },
)
def import_check(progress: ProgressReporter, *, upload_id: str) -> dict[str, Any]:
    upload = ImportUpload.objects.select_related("batch", "uploaded_by").get(id=upload_id)
    try:
        # A savepoint, so that a failed query still leaves the refusal below room to save.
        with transaction.atomic():
            report = _checked_keep(upload, checked_file(upload, progress))
    except ApplicationError as error:
        _refusal_keep(upload, error.message)
        return {"refusal": error.message}
    except Exception:
        # Whatever went wrong, the upload is refused, never left "being checked"; the job
        # records the error for the administrators.
        _refusal_keep(
            upload,
            _(
                "The file could not be checked because of an error on the server. Upload it "
                "again; if this happens again, send the file to the Disnaker administrators."
            ),
        )
        raise
    return {"valid": report["valid"], "rejected": report["rejected"]}


def _checked_keep(upload: ImportUpload, checked: CheckedFile) -> dict[str, Any]:
    report = _report(checked.rows)
    upload.status, upload.report = ImportStatus.CHECKED, report
    upload.valid_rows_encrypted = valid_rows_sealed(checked.rows)
    upload.rejected_rows_encrypted = rejected_rows_sealed(checked)
    upload.save(
        update_fields=["status", "report", "valid_rows_encrypted", "rejected_rows_encrypted"]
    )
    return report


def _refusal_keep(upload: ImportUpload, message: str) -> None:
    upload.status, upload.report = ImportStatus.REFUSED, {"refusal": message}
    upload.save(update_fields=["status", "report"])


def _report(rows: list[CheckedRow]) -> dict[str, Any]:
    # Kept unencrypted and shown on the page: a reason quoting a cell (a NIK in the wrong
    # column) shows the NIK as every page does, masked.
    problems = [
        {"row": row.number, "column": column, "reason": mask_identity_numbers(reason)}
        for row in rows
        for column, reason in row.problems
    ]
    return {
        "valid": sum(row.valid for row in rows),
        "rejected": sum(not row.valid for row in rows),
        "problems": problems[:REPORT_ROWS_SHOWN],
        "problem_count": len(problems),
    }


@transaction.atomic
def import_confirm(*, upload: ImportUpload, confirmed_by: User) -> Job:
    """Start saving the checked file's valid rows, all together."""
    if upload.status != ImportStatus.CHECKED:
        raise ApplicationError(
            _("This file was already saved, or could not be checked."), code="import_not_checked"
        )
    return job_start(
        kind="import_save",
        label=upload.file_name[:150],
        parameters={"upload_id": str(upload.id)},
        created_by=confirmed_by,
    )


@job_kind(
    "import_save",
    title=gettext_lazy("Saving an imported list"),
    results={"saved": gettext_lazy("registrations saved")},
)
def import_save(progress: ProgressReporter, *, upload_id: str) -> dict[str, Any]:
    with transaction.atomic():
        # Locked and checked again, so that a second confirmation (a double click, two
        # workers) saves nothing twice: list rows carry random keys, not replayable ones.
        upload = (
            ImportUpload.objects.select_for_update()
            .select_related("batch", "uploaded_by")
            .get(id=upload_id)
        )
        if upload.status != ImportStatus.CHECKED:
            return {"saved": 0}
        rows = valid_rows_opened(upload.valid_rows_encrypted, upload.batch)
        # What the database says may have changed since the check: look again.
        area = set(kelurahan_in_area(upload.uploaded_by).values_list("code", flat=True))
        mark_registered(rows, upload.batch, area)
        rows = [row for row in rows if row.valid]
        saved = applications_import(batch=upload.batch, rows=rows, submitted_by=upload.uploaded_by)
        upload.status = ImportStatus.SAVED
        upload.report = {**upload.report, "saved": saved}
        upload.save(update_fields=["status", "report"])
    progress(1, 1, _("%(count)s registrations saved") % {"count": saved})
    return {"saved": saved}


def applications_import(*, batch: Batch, rows: list[CheckedRow], submitted_by: User) -> int:
    """Register the people of `rows` (new ones in bulk) and their applications, together."""
    entries = [
        BulkEntry(person=row.person, choices=row.choices) for row in rows if row.person is not None
    ]
    return len(
        application_submit_many(
            batch=batch, entries=entries, channel=Channel.IMPORT, submitted_by=submitted_by
        )
    )
