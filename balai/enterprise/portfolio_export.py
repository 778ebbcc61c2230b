"""The portfolio page as a spreadsheet, written through the one escaping helper (a name
typed as a formula stays text): the ageing, the breakdown and, for staff, the loans in
arrears."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.core.spreadsheet_cells import sheet_row_append
from balai.enterprise.portfolio import PortfolioQuality
from balai.enterprise.portfolio_report import PortfolioReport

BOLD = Font(bold=True)


def _percent(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


def _quality_cells(quality: PortfolioQuality) -> list[object]:
    return [
        quality.loans,
        quality.outstanding,
        quality.arrears,
        _percent(quality.par30_percent),
        _percent(quality.par90_percent),
        _percent(quality.repayment_rate_percent),
    ]


def portfolio_workbook(*, report: PortfolioReport) -> bytes:
    """Return `report` as .xlsx: amounts in whole Rupiah, ratios as percentages."""
    workbook = Workbook(write_only=True)
    ageing = workbook.create_sheet(_("Ageing"))
    sheet_row_append(ageing, [_("As of"), report.as_of], font=BOLD)
    sheet_row_append(
        ageing,
        [_("Days in arrears"), _("Loans"), _("Outstanding (Rp)"), _("In arrears (Rp)")],
        font=BOLD,
    )
    for bucket in report.quality.buckets:
        sheet_row_append(
            ageing, [str(bucket.band.label), bucket.loans, bucket.outstanding, bucket.arrears]
        )
    headings = [
        _("Loans"),
        _("Outstanding (Rp)"),
        _("In arrears (Rp)"),
        _("PAR30 (%)"),
        _("PAR90 (%)"),
        _("Repayment rate (%)"),
    ]
    areas = workbook.create_sheet(_("By area"))
    sheet_row_append(areas, [_("Area"), *headings], font=BOLD)
    sheet_row_append(areas, [_("All"), *_quality_cells(report.quality)], font=BOLD)
    for area in report.areas:
        sheet_row_append(areas, [area.name, *_quality_cells(area.quality)])
    if report.loans_in_arrears is not None:
        listed = workbook.create_sheet(_("Loans in arrears"))
        sheet_row_append(
            listed,
            [
                _("Borrower"),
                _("Group"),
                _("Kelurahan"),
                _("Overdue since"),
                _("Days in arrears"),
                _("Outstanding (Rp)"),
                _("In arrears (Rp)"),
            ],
            font=BOLD,
        )
        for loan in report.loans_in_arrears:
            sheet_row_append(
                listed,
                [
                    loan.borrower_name,
                    loan.group_name,
                    loan.kelurahan_name,
                    loan.overdue_since,
                    loan.days,
                    loan.outstanding,
                    loan.arrears,
                ],
            )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
