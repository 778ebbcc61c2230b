"""What came after training: the job search funnel of the residents of each area, and the
money of Tangerang Bisa's grants and Tangerang Emas's loans.

The job search ("jobfair") counts each person once per stage reached, in the kelurahan they
live in, whatever the number of their applications:

- applied: applied to a vacancy (at a job fair or not);
- shortlisted: an employer shortlisted one of their applications, or booked it an interview;
- interviewed: an interview of theirs took place (the employer recorded a hire or a
  rejection; a no-show is not an interview);
- hired: they were placed from a vacancy.

Only the regency counts the vacancies published and their openings, and the job fairs'
booths: a vacancy lies in no resident's kelurahan.

The money ("money") is in integer Rupiah. A grant counts in the kelurahan of its application
(where the business is) and a loan in that of its loan application, as the enterprise
reports count them; only numerators and denominators are stored, so that a kecamatan is the
sum of its kelurahan, and rates are computed when read.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from balai.enterprise.report_selectors import (
    grant_application_counts,
    grant_budget_totals,
    grant_payout_counts,
    loan_quality_counts,
)
from balai.placement.report_selectors import (
    job_search_stage_counts,
    vacancy_hire_counts,
    vacancy_totals,
)
from balai.reporting.areas import AreaKey, AreaTree
from balai.reporting.models import SummaryLevel
from balai.reporting.sections import SectionFigures, Tally, summary_section

JOB_SEARCH_STAGES = {
    "applied": _("Applied to a vacancy"),
    "shortlisted": _("Shortlisted"),
    "interviewed": _("Interviewed"),
    "hired": _("Hired"),
}


@summary_section("jobfair")
def job_search_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Count each resident once per job search stage, in their kelurahan and above."""
    tally = Tally()
    for counts in job_search_stage_counts():
        areas = tree.kelurahan_lineage(counts.kelurahan_code)
        tally.add(areas, ("total", "applied"), counts.applied)
        tally.add(areas, ("total", "shortlisted"), counts.shortlisted)
        tally.add(areas, ("total", "interviewed"), counts.interviewed)
    for hires in vacancy_hire_counts():
        tally.add(tree.kelurahan_lineage(hires.kelurahan_code), ("total", "hired"), hires.hired)
    figures = _every_area(tree, tally.figures())
    for area in figures.values():
        area.setdefault("total", {})
    figures[tree.root]["vacancies"] = vacancy_totals()._asdict()
    return figures


@summary_section("money")
def money_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Add up each kelurahan's grants and loans, in Rupiah, into every area above it."""
    tally = Tally()
    for grants in grant_application_counts():
        areas = tree.kelurahan_lineage(grants.kelurahan_code)
        for name in ("applications", "approved", "committed"):
            tally.add(areas, ("grants", name), getattr(grants, name))
    for payouts in grant_payout_counts():
        areas = tree.kelurahan_lineage(payouts.kelurahan_code)
        for name in ("disbursed", "disbursed_amount", "paid", "paid_amount"):
            tally.add(areas, ("grants", name), getattr(payouts, name))
    for loans in loan_quality_counts(as_of=today):
        areas = tree.kelurahan_lineage(loans.kelurahan_code)
        for name, amount in loans._asdict().items():
            if name != "kelurahan_code":
                tally.add(areas, ("loans", name), amount)
    figures = _every_area(tree, tally.figures())
    for area in figures.values():
        area.setdefault("grants", {})
        area.setdefault("loans", {})
    figures[tree.root]["budget"] = grant_budget_totals()._asdict()
    return figures


def _every_area(
    tree: AreaTree, figures: dict[AreaKey, dict[str, Any]]
) -> dict[AreaKey, dict[str, Any]]:
    """`figures` with an (empty) entry for every area above the classes, so that an area
    with nothing to count still shows zeros."""
    for node in tree.nodes.values():
        if node.level != SummaryLevel.CLASS:
            figures.setdefault(node.key, {})
    return figures
