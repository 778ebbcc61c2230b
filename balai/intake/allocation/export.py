"""A run as a workbook: the summary tables and every placement, for Disnaker's own records
and for building class lists, and what an auditor needs to re-check the result without us
(every application's home, choices, tier at each, points, lottery number and placement, and
every offering's seats; columns named as the API's fields, explained on their own sheet).
Written in write-only mode so that a city-wide run streams, and through
`balai.core.spreadsheet_cells`, so that a name typed as a formula stays text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from balai.core.spreadsheet_cells import identity_number, sheet_row_append
from balai.intake.allocation.audit import (
    OFFERING_FIELDS,
    PLACEMENT_FIELDS,
    lottery_number_shown,
    offering_rows,
    placement_rows,
)
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
    _audit_applications(workbook, run)
    _audit_offerings(workbook, run)
    _columns(workbook, run)
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
        sheet_row_append(
            sheet,
            [name, identity_number(nik), home, points, lottery_number_shown(lottery), *placement],
        )


AUDIT_APPLICATIONS = gettext_lazy("Audit of applications")
AUDIT_OFFERINGS = gettext_lazy("Audit of offerings")


def _choice_columns(run: AllocationRun) -> list[str]:
    return [
        f"choice_{rank}_{part}"
        for rank in range(1, run.batch.choice_count + 1)
        for part in ("offering_id", "tier")
    ]


def _audit_applications(workbook: Workbook, run: AllocationRun) -> None:
    """Every application, without name or NIK: what re-checking the placements needs."""
    before, after = list(PLACEMENT_FIELDS)[:7], list(PLACEMENT_FIELDS)[8:]
    sheet = _sheet(workbook, str(AUDIT_APPLICATIONS), [*before, *_choice_columns(run), *after])
    blank = [None, None] * run.batch.choice_count
    for row in placement_rows(run=run):
        choices = [value for choice in row.choices for value in (choice.offering_id, choice.tier)]
        sheet_row_append(
            sheet,
            [
                str(row.application_id),
                row.kelurahan_code,
                row.kelurahan_name,
                row.kecamatan_code,
                row.kecamatan_name,
                row.priority_points,
                row.lottery_number,
                *(choices + blank)[: len(blank)],
                row.offering_id,
                row.choice_rank,
                row.class_number,
            ],
        )


def _audit_offerings(workbook: Workbook, run: AllocationRun) -> None:
    sheet = _sheet(workbook, str(AUDIT_OFFERINGS), list(OFFERING_FIELDS))
    for row in offering_rows(run=run):
        sheet_row_append(
            sheet,
            [
                row.offering_id,
                row.programme_name,
                row.kelurahan_code,
                row.kelurahan_name,
                row.kecamatan_code,
                row.kecamatan_name,
                row.seats,
                row.placed,
                row.full,
                row.cancelled,
            ],
        )


def _columns(workbook: Workbook, run: AllocationRun) -> None:
    """What each column of the audit sheets means (the same names as the API's fields)."""
    sheet = _sheet(workbook, _("Columns"), [_("Sheet"), _("Column"), _("Meaning")])
    for title, fields in [
        (AUDIT_APPLICATIONS, PLACEMENT_FIELDS),
        (AUDIT_OFFERINGS, OFFERING_FIELDS),
    ]:
        for name, meaning in fields.items():
            sheet_row_append(sheet, [str(title), name, str(meaning)])


def _sheet(workbook: Workbook, title: str, header: list[str]) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title=str(title)[:31])  # sheet names stop at 31 characters
    assert isinstance(sheet, WriteOnlyWorksheet)  # noqa: S101  # a write-only workbook's
    sheet_row_append(sheet, [str(text) for text in header], font=BOLD)
    return sheet
