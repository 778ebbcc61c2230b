"""What each role's home page shows: read-only figures, each through area scoping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.catalogue.selectors import instructor_count, instructor_for_user, programme_list
from balai.core.scoping import aggregate_area_of
from balai.core.selectors import job_list
from balai.intake.presentation import next_step
from balai.intake.selectors import (
    applications_of_user,
    applications_to_check,
    imports_awaiting_confirmation,
)
from balai.placement.employer_selectors import (
    companies_awaiting_verification_count,
    employer_overview,
)
from balai.placement.placement_selectors import placement_counts
from balai.regions.selectors import kecamatan_list, kelurahan_list
from balai.registry.correction_selectors import correction_pending_count
from balai.registry.selectors import duplicate_open_list, person_list, person_of_user
from balai.reporting.funnel import TARGET_STAGE
from balai.reporting.models import AreaSummary
from balai.reporting.tables import percent
from balai.scheduling.selectors import upcoming_sessions_of_user
from balai.training.selectors import dropouts


@dataclass(frozen=True)
class Headline:
    """One area's progress to its target, as its pre-computed summary has it."""

    level: str
    code: str
    name: str
    registered: int
    enrolled: int
    completed: int
    channelled: int
    target: int
    computed_at: datetime

    @property
    def share(self) -> float | None:
        return percent(self.enrolled, self.target)

    @property
    def bar_value(self) -> int:
        # A <progress> past its max draws as full anyway; capping keeps its text honest.
        return min(self.enrolled, self.target)


def headline_of(summary: AreaSummary) -> Headline:
    """Return the headline figures of `summary` (read from it, never recomputed)."""
    funnel = summary.figures.get("funnel", {})
    totals = funnel.get("total", {})
    return Headline(
        level=summary.level,
        code=summary.code,
        name=summary.name,
        registered=totals.get("registered", 0),
        enrolled=totals.get(TARGET_STAGE, 0),
        completed=totals.get("completed", 0),
        channelled=totals.get("channelled", 0),
        target=funnel.get("target", 0),
        computed_at=summary.computed_at,
    )


def own_area_headline(user: User) -> Headline | None:
    """Return the headline of the area whose figures `user` reads (one query), or None before
    the first refresh or for a role that reads no area's figures."""
    area = aggregate_area_of(user)
    if area is None:
        return None
    level, code = area
    summary = AreaSummary.objects.filter(level=level, code=code).first()
    return headline_of(summary) if summary is not None else None


def summaries_exist() -> bool:
    """Return whether any summary has been computed yet (none on a fresh install)."""
    return AreaSummary.objects.exists()


@dataclass(frozen=True)
class PendingWork:
    """One kind of work waiting for staff: how much, and the page where it is done."""

    label: str
    count: int
    url: str
    testid: str


def public_overview() -> dict[str, Any]:
    """Return what anybody may see: the area served and the programmes offered."""
    regency = settings.BALAI_REGENCY_CODE
    return {
        "kecamatan_count": kecamatan_list(regency_code=regency).count(),
        "kelurahan_count": kelurahan_list(regency_code=regency).count(),
        "programmes": programme_list(),
    }


def overview_for(user: User) -> tuple[str, dict[str, Any]]:
    """Return the template and figures of `user`'s home page."""
    builders = {
        Role.ADMIN: _admin_overview,
        Role.KECAMATAN_OPERATOR: _operator_overview,
        Role.KELURAHAN_OPERATOR: _operator_overview,
        Role.INSTRUCTOR: _instructor_overview,
        Role.PARTICIPANT: _participant_overview,
        Role.EMPLOYER: _employer_overview,
        Role.VIEWER: _viewer_overview,
    }
    context = builders[Role(user.role)](user)
    return f"reporting/home_{user.role}.html", context


def _admin_overview(user: User) -> dict[str, Any]:
    return {
        **public_overview(),
        "person_count": person_list(user=user).count(),
        "instructor_count": instructor_count(),
        "jobs": job_list(limit=5),
        "headline": own_area_headline(user),
        "placements": placement_counts(user=user, for_aggregates=True),
        **_pending_work(user),
    }


def _operator_overview(user: User) -> dict[str, Any]:
    people = person_list(user=user)
    return {
        "area_label": user.area_label,
        "person_count": people.count(),
        "people_per_kelurahan": _people_per_kelurahan(people),
        "area_week_url": reverse("scheduling:area_week"),
        "headline": own_area_headline(user),
        "placements": placement_counts(user=user, for_aggregates=True),
        **_pending_work(user),
    }


def _pending_work(user: User) -> dict[str, Any]:
    """What waits for staff in their area, each with the page where it is done."""
    applications = applications_to_check(user=user)
    imports = list(imports_awaiting_confirmation(user=user).select_related("batch"))
    work = [
        PendingWork(
            _(
                "Applications not eligible in batches still open: help the resident before "
                "registration closes"
            ),
            applications.not_eligible,
            reverse("intake:application_list"),
            "pending-not-eligible",
        ),
        PendingWork(
            _("Possible duplicate registrations to review"),
            duplicate_open_list(user=user).count(),
            reverse("registry:duplicate_list"),
            "pending-duplicates",
        ),
        PendingWork(
            _("Participants absent several sessions in a row, to call"),
            len(dropouts(user=user, in_a_row=settings.TRAINING_DROPOUT_ABSENCES)),
            reverse("training:dropouts"),
            "pending-dropouts",
        ),
        PendingWork(
            _("Residents' requests to correct their data, to decide"),
            correction_pending_count(user=user),
            reverse("registry:correction_list"),
            "pending-corrections",
        ),
    ]
    if user.role == Role.ADMIN:
        work += _admin_pending_work()
    return {
        "pending_work": [item for item in work if item.count],
        "applications_in_open_batches": applications.in_open_batches,
        "imports_awaiting": imports,
    }


def _admin_pending_work() -> list[PendingWork]:
    """What only an admin decides, city-wide."""
    return [
        PendingWork(
            _("Companies awaiting verification (target: one working day)"),
            companies_awaiting_verification_count(),
            reverse("placement:company_queue"),
            "pending-companies",
        )
    ]


def _instructor_overview(user: User) -> dict[str, Any]:
    return {
        "instructor": instructor_for_user(user=user),
        "upcoming_sessions": upcoming_sessions_of_user(user),
    }


def _participant_overview(user: User) -> dict[str, Any]:
    return {
        "person": person_of_user(user=user),
        "next_steps": [next_step(item) for item in applications_of_user(user=user)],
        "upcoming_sessions": upcoming_sessions_of_user(user),
    }


def _employer_overview(user: User) -> dict[str, Any]:
    return employer_overview(user=user)


def _viewer_overview(user: User) -> dict[str, Any]:
    headline = own_area_headline(user)
    return {
        **public_overview(),
        "person_count": person_list(user=user, for_aggregates=True).count(),
        "placements": placement_counts(user=user, for_aggregates=True),
        "headline": headline,
        "kecamatan_headlines": _headlines_below(headline),
    }


def _headlines_below(headline: Headline | None) -> list[Headline]:
    """The pre-computed headlines of the areas just below `headline`'s (one query)."""
    if headline is None:
        return []
    below = AreaSummary.objects.filter(parent_code=headline.code).exclude(level=headline.level)
    return [headline_of(summary) for summary in below.order_by("name")]


def _people_per_kelurahan(people: Any) -> list[dict[str, Any]]:
    return list(
        people.values("domicile_kelurahan__code", "domicile_kelurahan__name")
        .annotate(count=Count("id"))
        .order_by("domicile_kelurahan__code")
    )
