"""A run as a workbook: the summary tables and every placement, for Disnaker's own records
and for building class lists. Written in write-only mode so that a city-wide run streams, and
through `balai.core.spreadsheet_cells`, so that a name typed as a formula stays text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from balai.core.spreadsheet_cells import identity_number, sheet_row_append
from balai.intake.allocation.summary import run_summary
from balai.intake.models import AllocationRun

BOLD = Font(bold=True)


def run_workbook(*, run: AllocationRun) -> bytes:
    """Return the run's summary and placements as .xlsx."""
    summary = run_summary(run=run)
    workbook = Workbook(write_only=True)
    overview = _sheet(workbook, _("Summary"), [_("Item"), _("Value")])
    for label, value in [
        (_("Batch"), run.batch.name),
        (_("Run"), run.pk),
        (_("Status"), run.get_status_display()),
        (_("Lottery seed"), run.seed),
        (_("Input hash"), run.input_hash),
        (_("Code version"), run.code_version),
        (_("Applicants"), run.applicants),
        (_("Placed"), run.placed),
        (_("Not placed"), summary.unplaced),
        (_("Offerings cancelled (too few applicants)"), summary.cancelled_offerings),
        *[
            (_("Got choice %(rank)s") % {"rank": rank}, count)
            for rank, count, _percent in summary.by_choice
        ],
    ]:
        sheet_row_append(overview, [str(label), value])
    for title, rows in [
        (_("By kelurahan"), summary.by_kelurahan),
        (_("By programme"), summary.by_programme),
    ]:
        sheet = _sheet(workbook, title, [_("Name"), _("Seats"), _("Filled")])
        for row in rows:
            sheet_row_append(sheet, [row.label, row.seats, row.filled])
    groups = _sheet(workbook, _("Priority groups"), [_("Group"), _("Applicants"), _("Placed")])
    for share in summary.by_priority_group:
        sheet_row_append(groups, [share.label, share.count, share.placed])
    _placements(workbook, run)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _placements(workbook: Workbook, run: AllocationRun) -> None:
    sheet = _sheet(
        workbook,
        _("Placements"),
        [
            _("Name"),
            _("NIK"),
            _("Home kelurahan"),
            _("Priority points"),
            _("Lottery number"),
            _("Choice"),
            _("Programme"),
            _("Kelurahan of the training"),
            _("Class"),
        ],
    )
    for row in (
        run.placements.order_by(
            "offering__programme__name", "offering__kelurahan__name", "class_number", "pk"
        )
        .values_list(
            "application__person__full_name",
            "application__person__nik_masked",
            "application__person__domicile_kelurahan__name",
            "application__priority_points",
            "lottery_number",
            "choice_rank",
            "offering__programme__name",
            "offering__kelurahan__name",
            "class_number",
        )
        .iterator(chunk_size=2000)
    ):
        name, nik, home, points, lottery, *placement = row
        sheet_row_append(sheet, [name, identity_number(nik), home, points, lottery + 1, *placement])


def _sheet(workbook: Workbook, title: str, header: list[str]) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title=str(title)[:31])  # sheet names stop at 31 characters
    assert isinstance(sheet, WriteOnlyWorksheet)  # noqa: S101  # a write-only workbook's
    sheet_row_append(sheet, [str(text) for text in header], font=BOLD)
    return sheet
