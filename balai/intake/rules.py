"""Eligibility and priority: each rule's verdict kept as a code and its figures, so that the
applicant is told, in their language, exactly which rule decided what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from balai.intake.models import Batch
from balai.registry.models import LOW_INCOME_BANDS, EmploymentStatus, IncomeBand, Person, Sex

RULE_MESSAGES = {
    "age": (
        _("Age %(age)s is within %(minimum)s-%(maximum)s."),
        _("Age %(age)s on the first training day is outside %(minimum)s-%(maximum)s."),
    ),
    "domicile": (
        _("You live in the city."),
        _("Only residents of the city may apply; your domicile is outside it."),
    ),
    "recent_training": (
        _("No training in the last %(months)s months."),
        _("You finished a training less than %(months)s months before this one starts."),
    ),
    "enrolled_elsewhere": (
        _("Not enrolled in another training at the same time."),
        _("You already hold a seat in another training at the same time."),
    ),
    "family": (
        _("Fewer than %(limit)s applicants from your family card."),
        _("Your family card already has %(limit)s applicants in this batch."),
    ),
}
PRIORITY_MESSAGES = {
    "unemployed": _("Unemployed: +%(points)s"),
    "laid_off": _("Laid off because of the pandemic: +%(points)s"),
    "low_income": _("Low household income: +%(points)s"),
    "disability": _("Disability: +%(points)s"),
    "woman_head_of_household": _("Woman head of household: +%(points)s"),
    # An unanswered question earns nothing; the applicant is told which, so they can answer.
    "employment_unanswered": _("Work not answered: no points for unemployment or lay-off."),
    "income_unanswered": _("Household income not answered: no points for low income."),
    "disability_unanswered": _("Disability not answered: no points for disability."),
    "household_head_unanswered": _(
        "Head of household not answered: no points for a woman head of household."
    ),
}


@dataclass(frozen=True)
class Facts:
    """What the rules need to know beyond the person: gathered by the caller in a few queries."""

    domicile_regency_code: str
    city_regency_code: str
    overlapping_seat_held: bool
    last_training_ended_on: datetime.date | None
    family_applications: int


@dataclass
class Assessment:
    eligible: bool = True
    reasons: list[dict[str, Any]] = field(default_factory=list)
    points: int = 0
    priority_reasons: list[dict[str, Any]] = field(default_factory=list)

    def rule(self, code: str, passed: bool, **figures: Any) -> None:
        self.reasons.append({"rule": code, "passed": passed, **figures})
        self.eligible = self.eligible and passed

    def priority(self, code: str, points: int) -> None:
        if points:
            self.points += points
            self.priority_reasons.append({"rule": code, "points": points})

    def unanswered(self, code: str, points_at_stake: int) -> None:
        """Note a question left unanswered that could have earned points (it earns none)."""
        if points_at_stake:
            self.priority_reasons.append({"rule": code, "points": 0})


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def assess(batch: Batch, person: Person, facts: Facts) -> Assessment:
    """Return the verdict of every eligibility rule of `batch` and the priority points."""
    assessment = Assessment()
    age = age_on(person.birth_date, batch.training_starts_on)
    assessment.rule(
        "age",
        batch.minimum_age <= age <= batch.maximum_age,
        age=age,
        minimum=batch.minimum_age,
        maximum=batch.maximum_age,
    )
    if batch.domicile_in_city_required:
        assessment.rule("domicile", facts.domicile_regency_code == facts.city_regency_code)
    if batch.months_since_last_training:
        cutoff = _months_before(batch.training_starts_on, batch.months_since_last_training)
        recent = facts.last_training_ended_on is not None and facts.last_training_ended_on > cutoff
        assessment.rule("recent_training", not recent, months=batch.months_since_last_training)
    assessment.rule("enrolled_elsewhere", not facts.overlapping_seat_held)
    if batch.applicants_per_family and person.kk_hash:
        assessment.rule(
            "family",
            facts.family_applications < batch.applicants_per_family,
            limit=batch.applicants_per_family,
        )
    _add_priority(assessment, batch, person)
    return assessment


def _add_priority(assessment: Assessment, batch: Batch, person: Person) -> None:
    # Only an answer earns points: an unanswered question ("" or None) never matches one.
    status = person.employment_status
    assessment.priority(
        "unemployed", batch.points_unemployed * (status == EmploymentStatus.UNEMPLOYED)
    )
    assessment.priority("laid_off", batch.points_laid_off * (status == EmploymentStatus.LAID_OFF))
    assessment.priority(
        "low_income", batch.points_low_income * (person.income_band in LOW_INCOME_BANDS)
    )
    assessment.priority("disability", batch.points_disability * (person.has_disability is True))
    woman_head = person.sex == Sex.FEMALE and person.is_household_head is True
    assessment.priority(
        "woman_head_of_household", batch.points_woman_head_of_household * woman_head
    )
    _add_unanswered(assessment, batch, person)


def _add_unanswered(assessment: Assessment, batch: Batch, person: Person) -> None:
    if person.employment_status == EmploymentStatus.NOT_ANSWERED:
        assessment.unanswered(
            "employment_unanswered", max(batch.points_unemployed, batch.points_laid_off)
        )
    if person.income_band == IncomeBand.NOT_ANSWERED:
        assessment.unanswered("income_unanswered", batch.points_low_income)
    if person.has_disability is None:
        assessment.unanswered("disability_unanswered", batch.points_disability)
    if person.sex == Sex.FEMALE and person.is_household_head is None:
        assessment.unanswered("household_head_unanswered", batch.points_woman_head_of_household)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    return day.replace(year=month_index // 12, month=month_index % 12 + 1, day=min(day.day, 28))


def reason_text(reason: dict[str, Any]) -> str:
    """Return one recorded rule verdict as a sentence in the active language."""
    passed_message, failed_message = RULE_MESSAGES[reason["rule"]]
    return str(passed_message if reason["passed"] else failed_message) % reason


def priority_text(reason: dict[str, Any]) -> str:
    return str(PRIORITY_MESSAGES[reason["rule"]]) % reason
