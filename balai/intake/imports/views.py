from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.intake.imports.headers import COLUMNS, HEADERS, OPTIONAL_COLUMNS, REQUIRED
from balai.intake.imports.limits import MAXIMUM_FILE_BYTES
from balai.intake.imports.selectors import import_job_latest, import_upload_get
from balai.intake.imports.services import import_columns_choose, import_confirm, import_upload
from balai.intake.imports.spreadsheets import rejected_rows_workbook, template_workbook
from balai.intake.models import ImportStatus, ImportUpload
from balai.intake.selectors import batch_open_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label=_("List of residents (.xlsx or .csv)"))
    consent = forms.BooleanField(
        label=_("Every resident on the list signed the privacy statement."), required=False
    )


def import_upload_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """Upload a list; it is checked as a job, and nothing is saved until confirmed."""
    batch = get_object_or_404(batch_open_list(), code=batch_code)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            upload, _job = import_upload(
                batch=batch,
                uploaded_by=request_user(request),
                file_name=upload_file.name,
                # One byte past the limit is enough to refuse a file as too large.
                content=upload_file.read(MAXIMUM_FILE_BYTES + 1),
                consent_collected=form.cleaned_data["consent"],
            )
        except ApplicationError as error:
            form.add_error("consent" if error.code == "consent_missing" else "file", error.message)
        else:
            return redirect("intake:import_detail", upload_id=upload.id)
    return render(request, "intake/import_upload.html", {"form": form, "batch": batch})


def _upload_of(request: HttpRequest, upload_id: str) -> ImportUpload:
    return import_upload_get(upload_id=str(upload_id), user=request_user(request))


def import_detail_page(request: HttpRequest, upload_id: str) -> HttpResponse:
    """The check's progress, then every problem by row and column, and the confirm button."""
    upload = _upload_of(request, upload_id)
    job = import_job_latest(upload=upload)
    return render(request, "intake/import_detail.html", {"upload": upload, "job": job})


class ColumnsForm(forms.Form):
    """For each field, the file's column that holds it; one field per column."""

    def __init__(
        self,
        *args: Any,
        found: dict[str, int],
        header: list[str],
        missing: list[str],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)"))] + [
            (str(index), f"{get_column_letter(index + 1)}: {title or _('(no header)')}")
            for index, title in enumerate(header)
        ]
        self.fields["first_row_is_data"] = forms.BooleanField(
            label=_("The file has no header row: its first row is a resident's."),
            required=False,
        )
        # The columns no header named come first, each saying so: on a phone the other
        # seventeen, already chosen, would hide them.
        columns = COLUMNS + OPTIONAL_COLUMNS
        for name, title in sorted(columns, key=lambda column: column[0] not in missing):
            self.fields[name] = forms.TypedChoiceField(
                label=title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=name in REQUIRED,
                initial=found.get(name),
                help_text=_("No header named this column: choose it.") if name in missing else "",
            )

    def chosen(self) -> dict[str, int]:
        return {
            name: index
            for name, index in self.cleaned_data.items()
            if name != "first_row_is_data" and index is not None
        }


def import_columns_page(request: HttpRequest, upload_id: str) -> HttpResponse:
    """Choose which column holds which field, where the file's headers did not say; the
    choice is kept for this file and the check runs again."""
    upload = _upload_of(request, upload_id)
    if upload.status != ImportStatus.COLUMNS:
        return redirect("intake:import_detail", upload_id=upload.id)
    asked = upload.report["columns"]
    form = ColumnsForm(
        request.POST or None,
        found=asked["found"],
        header=asked["header"],
        missing=asked["missing"],
    )
    if request.method == "POST" and form.is_valid():
        try:
            import_columns_choose(
                upload=upload,
                columns=form.chosen(),
                chosen_by=request_user(request),
                first_row_is_data=form.cleaned_data["first_row_is_data"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            for name, messages in (error.details or {}).items():
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            return redirect("intake:import_detail", upload_id=upload.id)
    missing = [HEADERS[name] for name in asked["missing"]]
    return render(
        request,
        "intake/import_columns.html",
        {"upload": upload, "form": form, "missing": missing},
    )


def import_confirm_action(request: HttpRequest, upload_id: str) -> HttpResponse:
    upload = _upload_of(request, upload_id)
    if request.method == "POST":
        import_confirm(upload=upload, confirmed_by=request_user(request))
    return redirect("intake:import_detail", upload_id=upload.id)


def import_rejected_download(request: HttpRequest, upload_id: str) -> HttpResponse:
    """The rejected rows as .xlsx, each with what to fix, ready to correct and upload again
    (from what the check kept: the file is not read again)."""
    upload = _upload_of(request, upload_id)
    response = HttpResponse(rejected_rows_workbook(upload=upload), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="baris-ditolak.xlsx"'
    return response


def import_template_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="template-pendaftar.xlsx"'
    return response
