"""The monthly reports: the archive, making one (as a job) and downloading one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.reporting.models import MonthlyReport
from balai.reporting.monthly import monthly_report_file_name, monthly_report_start
from balai.reporting.monthly_forms import MonthlyReportForm
from balai.reporting.monthly_selectors import monthly_report_archive


def monthly_report_list_page(request: HttpRequest) -> HttpResponse:
    """Every report made, newest month first, and (for an admin) the form to make one."""
    return _list(request, MonthlyReportForm())


def monthly_report_generate_action(request: HttpRequest) -> HttpResponse:
    """Queue the report and follow its job; a refused one is shown on the archive's form."""
    form = MonthlyReportForm(request.POST)
    if form.is_valid():
        try:
            job = monthly_report_start(**form.cleaned_data, by=request_user(request))
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Making the monthly report; this page follows it."))
            return redirect("core:job_detail", job_id=job.id)
    return _list(request, form, status=400)


def monthly_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(MonthlyReport, pk=pk)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{monthly_report_file_name(report)}"'
    return response


def _list(request: HttpRequest, form: MonthlyReportForm, *, status: int = 200) -> HttpResponse:
    can_generate = route_allowed(request, "reporting:monthly_report_generate")
    return render(
        request,
        "reporting/monthly_list.html",
        {"reports": monthly_report_archive(), "form": form if can_generate else None},
        status=status,
    )
