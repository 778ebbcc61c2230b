"""The monthly report for the mayor: the city's dashboard as a PDF in Indonesian, made by a
job and archived per month (a month made again gets a new version; earlier ones stay)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job
from balai.core.request_context import current_request_context
from balai.reporting.dashboard import dashboard_for
from balai.reporting.models import MonthlyReport, SummaryLevel
from balai.reporting.monthly_pdf import monthly_report_pdf

MONTHLY_REPORT_JOB_KIND = "monthly_report"
REMARKS_MAX_LENGTH = 2000
_VERSION_ATTEMPTS = 3  # two reports of one month made at once: the later takes the next number


def monthly_report_check(*, month: datetime.date, remarks: str, by: User | None) -> User:
    """Refuse a report that may not be made: by anyone but an admin, for a month not given
    by its first day, still to come or older than last month, or with remarks longer than a
    page can hold.

    A report holds the figures as computed when it is made, so only this month's or last
    month's (made in the first days of the next) says what its month was; older months are
    read in the archive."""
    if by is None or by.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an administrator makes the monthly report."))
    if month.day != 1:
        raise ApplicationError(
            _("Give the month by its first day."), details={"field": "month"}, code="bad_month"
        )
    this_month = timezone.localdate().replace(day=1)
    if month > this_month:
        raise ApplicationError(
            _("The month has not begun yet: choose this month or an earlier one."),
            details={"field": "month"},
            code="future_month",
        )
    if month < (this_month - datetime.timedelta(days=1)).replace(day=1):
        raise ApplicationError(
            _(
                "A report shows the figures of the day it is made: choose this month or last "
                "month. Earlier months' reports are in the archive."
            ),
            details={"field": "month"},
            code="past_month",
        )
    if len(remarks) > REMARKS_MAX_LENGTH:
        raise ApplicationError(
            _("Remarks may have at most %(limit)s characters; these have %(length)s.")
            % {"limit": REMARKS_MAX_LENGTH, "length": len(remarks)},
            details={"field": "remarks"},
            code="remarks_too_long",
        )
    return by


def monthly_report_generate(
    *, month: datetime.date, remarks: str, by: User | None, job: Job | None = None
) -> MonthlyReport:
    """Make the report of `month` from the city's latest figures, as its next version."""
    maker = monthly_report_check(month=month, remarks=remarks, by=by)
    with translation.override("id"):  # the mayor reads Indonesian, whoever made it
        dashboard = dashboard_for(
            user=maker, level=SummaryLevel.REGENCY, code=settings.BALAI_REGENCY_CODE
        )
        pdf = monthly_report_pdf(dashboard=dashboard, month=month, remarks=remarks)
    for attempt in range(_VERSION_ATTEMPTS):
        try:
            with transaction.atomic():
                latest = MonthlyReport.objects.filter(month=month).aggregate(Max("version"))
                return MonthlyReport.objects.create(
                    month=month,
                    version=(latest["version__max"] or 0) + 1,
                    remarks=remarks,
                    pdf=pdf,
                    figures_computed_at=dashboard.computed_at,
                    generated_by=maker,
                    job=job,
                )
        except IntegrityError:
            if attempt == _VERSION_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@job_kind(
    MONTHLY_REPORT_JOB_KIND,
    title=gettext_lazy("Monthly report"),
    results={
        "month": gettext_lazy("month"),
        "version": gettext_lazy("version"),
        "size_bytes": gettext_lazy("size of the PDF (bytes)"),
    },
)
def _monthly_report_job(progress: ProgressReporter, *, month: str, remarks: str) -> dict[str, Any]:
    # The job runs as the admin who started it (see job_run_here), and links its report to
    # the job row that the progress reporter writes to.
    job = getattr(progress, "job", None)
    progress(0, 1, _("Drawing the report"))
    report = monthly_report_generate(
        month=datetime.date.fromisoformat(month),
        remarks=remarks,
        by=current_request_context().actor,
        job=job if isinstance(job, Job) else None,
    )
    progress(1, 1, "")
    return {
        "month": f"{report.month:%Y-%m}",
        "version": report.version,
        "size_bytes": len(report.pdf),
    }


def monthly_report_start(*, month: datetime.date, remarks: str, by: User) -> Job:
    """Queue the report of `month`, refused at once (nothing queued) if it may not be made."""
    monthly_report_check(month=month, remarks=remarks, by=by)
    return job_start(
        kind=MONTHLY_REPORT_JOB_KIND,
        label=f"{month:%Y-%m}",
        parameters={"month": month.isoformat(), "remarks": remarks},
        created_by=by,
    )


def monthly_report_file_name(report: MonthlyReport) -> str:
    return f"laporan-bulanan-{report.month:%Y-%m}-v{report.version}.pdf"
