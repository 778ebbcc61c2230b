"""Who may have a Tangerang Bisa grant: every rule of a batch checked at once, so that the
applicant (or the operator at the desk) sees every reason, not the first one only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from balai.enterprise.models import GrantApplication, GrantApplicationStatus, GrantBatch
from balai.registry.models import Person

# A grant already held: approved, or paid out.
GRANT_HELD_STATUSES = [GrantApplicationStatus.APPROVED, GrantApplicationStatus.PAID]


@dataclass(frozen=True)
class EligibilityFailure:
    """One rule the application does not meet: a stable code, a message, the field."""

    code: str
    message: str
    field: str = ""


def business_age_months(*, started_on: datetime.date, today: datetime.date) -> int:
    """Return the whole months from `started_on` to `today` (0 in the first month)."""
    months = (today.year - started_on.year) * 12 + today.month - started_on.month
    return months - 1 if today.day < started_on.day else months


def grant_eligibility_failures(
    *,
    batch: GrantBatch,
    person: Person,
    business_started_on: datetime.date,
    declares_other_city_grant: bool,
    today: datetime.date,
) -> list[EligibilityFailure]:
    """Return every rule of `batch` that `person`'s application fails (none: eligible)."""
    failures = [
        *_window_failures(batch, today),
        *_business_age_failures(batch, business_started_on, today),
    ]
    if batch.requires_domicile and not _lives_in_the_city(person):
        failures.append(
            EligibilityFailure(
                "domicile_outside_city",
                _("The applicant's domicile is not in the city."),
                "person",
            )
        )
    if batch.once_per_person and _held_a_grant(person):
        failures.append(
            EligibilityFailure(
                "earlier_grant",
                _("The applicant has already received a Tangerang Bisa grant."),
                "person",
            )
        )
    if batch.excludes_other_city_grant and declares_other_city_grant:
        failures.append(
            EligibilityFailure(
                "other_city_grant",
                _("The applicant received another city grant this year."),
                "declares_other_city_grant",
            )
        )
    return failures


def _window_failures(batch: GrantBatch, today: datetime.date) -> list[EligibilityFailure]:
    if batch.opens_on <= today <= batch.closes_on:
        return []
    message = _("This batch takes applications from %(opens)s to %(closes)s.") % {
        "opens": batch.opens_on.strftime("%d-%m-%Y"),
        "closes": batch.closes_on.strftime("%d-%m-%Y"),
    }
    return [EligibilityFailure("batch_closed", message, "batch")]


def _business_age_failures(
    batch: GrantBatch, started_on: datetime.date, today: datetime.date
) -> list[EligibilityFailure]:
    field = "business_started_on"
    if started_on > today:
        message = _("The business cannot start in the future.")
        return [EligibilityFailure("business_start_in_future", message, field)]
    age = business_age_months(started_on=started_on, today=today)
    if age < batch.min_business_age_months:
        message = _("The business must be at least %(months)s months old.") % {
            "months": batch.min_business_age_months
        }
        return [EligibilityFailure("business_too_young", message, field)]
    oldest = batch.max_business_age_months
    if oldest is not None and age > oldest:
        message = _("The business must be at most %(months)s months old.") % {"months": oldest}
        return [EligibilityFailure("business_too_old", message, field)]
    return []


def _lives_in_the_city(person: Person) -> bool:
    kecamatan = person.domicile_kelurahan.kecamatan
    return bool(kecamatan.regency_id == settings.BALAI_REGENCY_CODE)


def _held_a_grant(person: Person) -> bool:
    return GrantApplication.objects.filter(person=person, status__in=GRANT_HELD_STATUSES).exists()
