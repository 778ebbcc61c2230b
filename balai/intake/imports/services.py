"""Importing registrations: upload, check every row (nothing saved), then on confirmation
save every valid row together; the rejected rows come back as a spreadsheet.

The upload only screens the file (`file_screen` reads no cell) and keeps it encrypted; the
check job reads and checks it, and keeps what the saving and the rejected rows' download need,
so neither reads the file again."""

from __future__ import annotations

import uuid
from collections.abc import Callable
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
from balai.intake.imports.cells import text_of
from balai.intake.imports.checked import (
    CheckedFile,
    rejected_rows_sealed,
    valid_rows_opened,
    valid_rows_sealed,
)
from balai.intake.imports.headers import HEADERS, REQUIRED, HeaderGuess, header_guess
from balai.intake.imports.reading import file_screen, read_rows
from balai.intake.imports.rows import CheckedRow, RowChecker, mark_registered
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


class ColumnsUnknownError(Exception):
    """No header names a column the check needs: the uploader chooses them."""

    def __init__(self, guess: HeaderGuess) -> None:
        super().__init__("columns unknown")
        self.guess = guess


def checked_file(upload: ImportUpload, progress: ProgressReporter | None = None) -> CheckedFile:
    """Return the upload's header and every data row, checked; saves nothing."""
    rows = read_rows(name=upload.file_name, content=decrypt_bytes(upload.content_encrypted))
    if not rows:
        raise ApplicationError(_("The file is empty."), code="file_empty")
    guess = _columns_of(upload, rows)
    columns = guess.columns
    area = list(kelurahan_in_area(upload.uploaded_by))
    checker = RowChecker(
        batch=upload.batch,
        kelurahan=area,
        columns=columns,
        today=timezone.localdate(),
        header=guess.header,
    )
    checked = []
    first = guess.row_index + 1
    for index, cells in enumerate(rows[first:], start=first + 1):
        if any(cell not in (None, "") for cell in cells):
            checked.append(checker.check(index, cells))
        if progress is not None and index % 500 == 0:
            progress(
                index,
                len(rows),
                _("%(done)s of %(total)s rows checked") % {"done": index, "total": len(rows) - 1},
            )
    mark_registered(
        checked, upload.batch, {place.code for place in area}, nik_column=checker.label("nik")
    )
    return CheckedFile(header=guess.header, columns=columns, rows=checked)


def _columns_of(upload: ImportUpload, rows: list[list[Any]]) -> HeaderGuess:
    """Return the header row and which column holds which field: as the uploader chose them,
    or as the headers say; raise ColumnsUnknownError where they do not say enough."""
    if upload.columns:
        index = min(int(upload.columns["header_row"]), len(rows) - 1)
        fields = {name: int(column) for name, column in upload.columns["fields"].items()}
        # -1: the file has no header row, its first row is a resident's.
        return HeaderGuess(
            row_index=index, header=rows[index] if index >= 0 else [], columns=fields
        )
    guess = header_guess(rows)
    if not guess.missing:
        return guess
    if sum(text_of(cell) != "" for cell in guess.header) < len(REQUIRED):
        # Too few columns to hold what a registration needs: no choice would help.
        message = _(
            "The first row must hold the template's headers; missing: %(columns)s. "
            "Download the template and copy the data into it."
        ) % {"columns": ", ".join(HEADERS[name] for name in guess.missing)}
        raise ApplicationError(message, code="headers_missing", details={"file": [message]})
    raise ColumnsUnknownError(guess)


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
    except ColumnsUnknownError as unknown:
        _columns_ask(upload, unknown.guess)
        return {"columns_unknown": unknown.guess.missing}
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


def _columns_ask(upload: ImportUpload, guess: HeaderGuess) -> None:
    upload.status = ImportStatus.COLUMNS
    # Headers shown masked, as every page shows a NIK: a file may have no header row at all.
    upload.report = {
        "columns": {
            "header_row": guess.row_index,
            "header": [mask_identity_numbers(text_of(cell))[:100] for cell in guess.header],
            "found": guess.columns,
            "missing": guess.missing,
        }
    }
    upload.save(update_fields=["status", "report"])


def _refusal_keep(upload: ImportUpload, message: str) -> None:
    upload.status, upload.report = ImportStatus.REFUSED, {"refusal": message}
    upload.save(update_fields=["status", "report"])


def _report(rows: list[CheckedRow]) -> dict[str, Any]:
    # Kept unencrypted and shown on the page: a reason quoting a cell (a NIK in the wrong
    # column) shows the NIK as every page does, masked.
    problems = _listed(rows, lambda row: row.problems)
    warnings = _listed(rows, lambda row: row.warnings)
    return {
        "valid": sum(row.valid for row in rows),
        "rejected": sum(not row.valid for row in rows),
        "problems": problems[:REPORT_ROWS_SHOWN],
        "problem_count": len(problems),
        "warnings": warnings[:REPORT_ROWS_SHOWN],
        "warning_count": len(warnings),
    }


def _listed(
    rows: list[CheckedRow], notes_of: Callable[[CheckedRow], list[tuple[str, str]]]
) -> list[dict[str, Any]]:
    return [
        {"row": row.number, "column": column, "reason": mask_identity_numbers(reason)}
        for row in rows
        for column, reason in notes_of(row)
    ]


@transaction.atomic
def import_columns_choose(
    *,
    upload: ImportUpload,
    columns: dict[str, int],
    chosen_by: User,
    first_row_is_data: bool = False,
) -> Job:
    """Remember which column holds which field, as the uploader chose, and check the file
    again by them; `first_row_is_data` for a file with no header row at all."""
    upload = ImportUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != ImportStatus.COLUMNS:
        raise ApplicationError(
            _("The columns of this file are already known."), code="import_columns_known"
        )
    _columns_check(columns, width=len(upload.report["columns"]["header"]))
    header_row = -1 if first_row_is_data else upload.report["columns"]["header_row"]
    upload.columns = {"header_row": header_row, "fields": columns}
    upload.status, upload.report = ImportStatus.CHECKING, {}
    upload.save(update_fields=["columns", "status", "report"])
    return job_start(
        kind="import_check",
        label=_("Check %(file)s") % {"file": upload.file_name[:150]},
        parameters={"upload_id": str(upload.id)},
        created_by=chosen_by,
    )


def _columns_check(columns: dict[str, int], *, width: int) -> None:
    errors: dict[str, list[str]] = {}
    for name in REQUIRED:
        if name not in columns:
            errors[name] = [_("Choose the column that holds this.")]
    chosen: dict[int, str] = {}
    for name, index in columns.items():
        if name not in HEADERS or not 0 <= index < width:
            errors[name] = [_("This is not a column of the file.")]
        elif index in chosen:
            errors[name] = [
                _("This column is already chosen for %(field)s.")
                % {"field": HEADERS[chosen[index]]}
            ]
        else:
            chosen[index] = name
    if errors:
        raise ApplicationError(
            _("Choose a different column for each field, and one for every required field."),
            code="import_columns_invalid",
            details=errors,
        )


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
