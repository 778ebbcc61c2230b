"""The outcome tables of a dashboard: the residents' job search funnel, the grants against
their budget and the loans' quality, for an area and the areas below it (a class has none:
its graduates' outcomes are counted where they live)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from balai.core.money import rupiah_label
from balai.reporting.dashboard import Dashboard, dashboard_tables
from balai.reporting.models import AreaSummary, SummaryLevel
from balai.reporting.outcome_sections import JOB_SEARCH_STAGES
from balai.reporting.tables import Chart, Column, Row, Table, percent, section_of


@dashboard_tables
def outcome_tables(dashboard: Dashboard) -> list[Table]:
    """The job search funnel, the grants' money and the loans' quality (none for a class)."""
    if dashboard.area.level == SummaryLevel.CLASS:
        return []
    return [_job_search_table(dashboard), _grants_table(dashboard), _loans_table(dashboard)]


def _areas_below(dashboard: Dashboard) -> list[AreaSummary]:
    """The areas a table breaks its area into: kecamatan or kelurahan, never classes."""
    if dashboard.child_level in (SummaryLevel.KECAMATAN, SummaryLevel.KELURAHAN):
        return dashboard.children
    return []


def _job_search_table(dashboard: Dashboard) -> Table:
    job_search = section_of(dashboard.area.figures, "jobfair")
    totals = job_search.get("total", {})
    applied = totals.get("applied", 0)
    vacancies = job_search.get("vacancies")
    note = _("Each person counts once per stage, in the kelurahan they live in.")
    if vacancies:
        note += " " + _(
            "%(published)s vacancies published with %(openings)s openings (%(open)s open now); "
            "%(booths)s booths at %(fairs)s job fairs."
        ) % {
            "published": vacancies["vacancies_published"],
            "openings": vacancies["openings_published"],
            "open": vacancies["vacancies_open"],
            "booths": vacancies["booths"],
            "fairs": vacancies["job_fairs"],
        }
    return Table(
        name="jobfair",
        title=_("From applying to a vacancy to a job"),
        columns=[
            Column("stage", _("Stage"), "text"),
            Column("people", _("People")),
            Column("of_applied", _("Share of applicants (%)"), "percent"),
        ],
        rows=[
            Row([str(label), totals.get(stage, 0), percent(totals.get(stage, 0), applied)])
            for stage, label in JOB_SEARCH_STAGES.items()
        ],
        chart=Chart("funnel"),
        note=note,
        extra={"vacancies": vacancies} if vacancies else {},
    )


def _grants_table(dashboard: Dashboard) -> Table:
    grants = section_of(dashboard.area.figures, "money").get("grants", {})
    budget = section_of(dashboard.area.figures, "money").get("budget")
    rows = []
    if budget is not None:
        rows.append(Row([_("Budget ceiling"), None, budget["budget_ceiling"]]))
    committed = grants.get("committed", 0)
    rows += [
        Row([_("Approved (committed)"), grants.get("approved", 0), committed]),
        Row([_("Disbursed (sent to the bank)"), grants.get("disbursed", 0), _disbursed(grants)]),
        Row(
            [_("Paid (confirmed by the bank)"), grants.get("paid", 0), grants.get("paid_amount", 0)]
        ),
    ]
    return Table(
        name="grants",
        title=_("Tangerang Bisa grants: budget, committed and disbursed"),
        columns=[
            Column("measure", _("Measure"), "text"),
            Column("grants", _("Grants")),
            Column("amount", _("Amount (Rp)"), "rupiah"),
        ],
        rows=rows,
        chart=Chart("bars", value_columns=(2,)),
        note=_("%(applications)s applications; %(share)s%% of the committed amount disbursed.")
        % {
            "applications": grants.get("applications", 0),
            "share": percent(_disbursed(grants), committed) or 0,
        },
        extra={"budget": budget} if budget else {},
    )


def _disbursed(grants: dict[str, Any]) -> int:
    return grants.get("disbursed_amount", 0)  # type: ignore[no-any-return]


def _loans_row(name: str, figures: dict[str, Any]) -> list[object]:
    loans = section_of(figures, "money").get("loans", {})
    return [
        name,
        loans.get("active_loans", 0),
        loans.get("outstanding", 0),
        percent(loans.get("principal_repaid", 0), loans.get("principal_due", 0)),
        percent(loans.get("at_risk_30", 0), loans.get("outstanding", 0)),
    ]


def _loans_table(dashboard: Dashboard) -> Table:
    below = _areas_below(dashboard)
    rows = [
        Row(_loans_row(child.name, child.figures), link=(child.level, child.code))
        for child in below
    ]
    total = _loans_row(dashboard.area.name, dashboard.area.figures)
    outstanding = section_of(dashboard.area.figures, "money").get("loans", {}).get("outstanding", 0)
    return Table(
        name="loans",
        title=_("Tangerang Emas loans: outstanding, repayment and portfolio at risk"),
        columns=[
            Column("area", str(SummaryLevel(below[0].level).label) if below else _("Area"), "text"),
            Column("active_loans", _("Active loans")),
            Column("outstanding", _("Outstanding (Rp)"), "rupiah"),
            Column("repayment_rate", _("Repayment rate (%)"), "percent"),
            Column("par30", _("PAR30 (%)"), "percent"),
        ],
        rows=rows or [Row(total)],
        total=total if rows else None,
        chart=Chart("bars", value_columns=(2,)),
        note=_(
            "%(outstanding)s outstanding. Repayment rate: principal paid on the instalments "
            "due so far, of their principal. PAR30: outstanding of the loans more than 30 days "
            "late, of all outstanding."
        )
        % {"outstanding": rupiah_label(outstanding)},
    )
