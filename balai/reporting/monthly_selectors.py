"""Reading the monthly reports' archive (without their PDFs, which only a download reads)."""

from __future__ import annotations

from django.db.models import QuerySet

from balai.reporting.models import MonthlyReport


def monthly_report_archive() -> QuerySet[MonthlyReport]:
    """Every report, newest month and version first, with who made it."""
    return (
        MonthlyReport.objects.select_related("generated_by")
        .defer("pdf")
        .order_by("-month", "-version")
    )
