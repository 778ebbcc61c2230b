"""Pages of enterprise's portfolio: its quality as of a date, drilled down by area."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.core.access import request_user
from balai.enterprise.portfolio_export import portfolio_workbook
from balai.enterprise.portfolio_forms import PortfolioFilterForm
from balai.enterprise.portfolio_report import PortfolioReport, portfolio_report

TEMPLATE = "enterprise/portfolio/portfolio.html"


def _report(request: HttpRequest) -> tuple[PortfolioFilterForm, PortfolioReport | None]:
    form = PortfolioFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    report = portfolio_report(
        user=request_user(request),
        as_of=form.cleaned_data["as_of"],
        kecamatan_code=form.cleaned_data["kecamatan"],
        kelurahan_code=form.cleaned_data["kelurahan"],
    )
    return form, report


def portfolio_page(request: HttpRequest) -> HttpResponse:
    """PAR, ageing and the repayment rate of the user's area, as of the date asked."""
    form, report = _report(request)
    status = 200 if report is not None else 400
    return render(request, TEMPLATE, {"form": form, "report": report}, status=status)


def portfolio_export_download(request: HttpRequest) -> HttpResponse:
    """The page, as it is asked for, as .xlsx."""
    form, report = _report(request)
    if report is None:
        return render(request, TEMPLATE, {"form": form, "report": None}, status=400)
    response = HttpResponse(
        portfolio_workbook(report=report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="portofolio-{report.as_of.isoformat()}.xlsx"'
    )
    return response
