from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.models import Job
from balai.intake.imports.limits import MAXIMUM_FILE_BYTES
from balai.intake.imports.services import import_confirm, import_upload
from balai.intake.imports.spreadsheets import rejected_rows_workbook, template_workbook
from balai.intake.models import ImportUpload
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
    upload = (
        ImportUpload.objects.select_related("batch")
        .filter(id=upload_id, uploaded_by=request_user(request))
        .first()
    )
    if upload is None:
        raise NotFoundError(str(_("Not found, or outside your area.")))
    return upload


def import_detail_page(request: HttpRequest, upload_id: str) -> HttpResponse:
    """The check's progress, then every problem by row and column, and the confirm button."""
    upload = _upload_of(request, upload_id)
    job = Job.objects.filter(parameters__upload_id=str(upload.id)).order_by("-created_at").first()
    return render(request, "intake/import_detail.html", {"upload": upload, "job": job})


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
