"""The arithmetic of the outcome indicators, apart from the database: calendar quarters after
exit, the median of ordered income bands, one exiter's outcomes from their records, and
the suppression of small numbers. Pure functions, so that each is tested on its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from balai.placement.models import MonthlyIncomeBand, PlacementKind, SurveyEmploymentStatus

# Below this many people a rate says too much about too few (and is too noisy to read).
SMALLEST_SHOWN_DENOMINATOR = 5

# Bands from lowest to highest: the order the median is read off ("" is no answer).
BAND_ORDER: tuple[str, ...] = tuple(band for band in MonthlyIncomeBand.values if band)

EMPLOYMENT_KINDS = frozenset(
    {PlacementKind.WAGE_EMPLOYMENT, PlacementKind.SELF_EMPLOYMENT, PlacementKind.BUSINESS_GROUP}
)
WORKING_ANSWERS = frozenset(
    {
        SurveyEmploymentStatus.EMPLOYED,
        SurveyEmploymentStatus.SELF_EMPLOYED,
        SurveyEmploymentStatus.BUSINESS_GROUP,
    }
)


def quarter_of(day: datetime.date) -> int:
    """Return the calendar quarter of `day` as one number (year * 4 + quarter - 1), so that
    "the 2nd quarter after" is plain addition."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_first_day(quarter: int) -> datetime.date:
    year, index = divmod(quarter, 4)
    return datetime.date(year, index * 3 + 1, 1)


def quarter_last_day(quarter: int) -> datetime.date:
    return quarter_first_day(quarter + 1) - datetime.timedelta(days=1)


def quarter_ended(quarter: int, *, today: datetime.date) -> bool:
    """Whether the whole of `quarter` lies before `today`: only then is its count final."""
    return quarter_last_day(quarter) < today


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def median_band(bands: Iterable[str]) -> str | None:
    """Return the median of income bands, "" (unknown) left out; None if none is known.

    With an even number the lower of the two middle bands is the median: a band cannot be
    averaged, and the lower one does not overstate what people earn."""
    known = sorted((band for band in bands if band), key=BAND_ORDER.index)
    if not known:
        return None
    return known[(len(known) - 1) // 2]


@dataclass(frozen=True)
class PlacementFact:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    company_id: int | None
    employer_name: str
    income_band: str


@dataclass(frozen=True)
class SurveyFact:
    due_on: datetime.date
    employment_status: str
    employer_name: str
    same_employer_as_before: bool | None
    income_band: str
    further_training: bool


@dataclass(frozen=True)
class Activity:
    """What one exiter's records show for one quarter."""

    employed: bool
    self_employed: bool
    business_group: bool
    further_training: bool
    income_band: str
    company_ids: frozenset[int]
    employer_names: frozenset[str]
    says_same_employer: bool


def active_in(placement: PlacementFact, quarter: int) -> bool:
    """A placement counts in a quarter it overlaps by at least a day."""
    return placement.starts_on <= quarter_last_day(quarter) and (
        placement.ends_on is None or placement.ends_on >= quarter_first_day(quarter)
    )


def activity_in(
    quarter: int, placements: Sequence[PlacementFact], answers: Sequence[SurveyFact]
) -> Activity:
    """Return what the placements active in `quarter`, and the survey answers of the wave
    due in it, show."""
    active = [placement for placement in placements if active_in(placement, quarter)]
    answered = [answer for answer in answers if quarter_of(answer.due_on) == quarter]
    working = [placement for placement in active if placement.kind in EMPLOYMENT_KINDS]
    working_answers = [answer for answer in answered if answer.employment_status in WORKING_ANSWERS]
    kinds = {placement.kind for placement in active}
    statuses = {answer.employment_status for answer in answered}
    return Activity(
        employed=bool(working or working_answers),
        self_employed=PlacementKind.SELF_EMPLOYMENT in kinds
        or SurveyEmploymentStatus.SELF_EMPLOYED in statuses,
        business_group=PlacementKind.BUSINESS_GROUP in kinds
        or SurveyEmploymentStatus.BUSINESS_GROUP in statuses,
        further_training=PlacementKind.FURTHER_TRAINING in kinds
        or SurveyEmploymentStatus.FURTHER_TRAINING in statuses
        or any(answer.further_training for answer in answered),
        income_band=_band_of(working, working_answers),
        company_ids=frozenset(p.company_id for p in working if p.company_id is not None),
        employer_names=frozenset(
            name.strip().casefold()
            for name in [p.employer_name for p in working]
            + [a.employer_name for a in working_answers]
            if name.strip()
        ),
        says_same_employer=any(answer.same_employer_as_before for answer in working_answers),
    )


def _band_of(working: Sequence[PlacementFact], working_answers: Sequence[SurveyFact]) -> str:
    # The graduate's own answer for the quarter first; else the latest job's recorded band.
    for answer in working_answers:
        if answer.income_band:
            return answer.income_band
    for placement in sorted(working, key=lambda placement: placement.starts_on, reverse=True):
        if placement.income_band:
            return placement.income_band
    return ""


def same_employer(second: Activity, fourth: Activity) -> bool:
    """Whether the work of the 4th quarter is with an employer of the 2nd: the same company,
    the same name (whatever its case), or the graduate saying so in the survey."""
    return (
        bool(second.company_ids & fourth.company_ids)
        or bool(second.employer_names & fourth.employer_names)
        or fourth.says_same_employer
    )


@dataclass(frozen=True)
class ExiterOutcome:
    """One exiter's part in each exit-based indicator: None where their quarter (or year)
    has not ended, so they are not yet in that denominator."""

    second: Activity | None
    fourth: Activity | None
    credential: bool


def exiter_outcome(
    *,
    exited_on: datetime.date,
    placements: Sequence[PlacementFact],
    answers: Sequence[SurveyFact],
    certificate_issued_on: datetime.date | None,
    today: datetime.date,
) -> ExiterOutcome:
    """Return one exiter's outcomes from their records, as of `today`."""
    exit_quarter = quarter_of(exited_on)
    second, fourth = exit_quarter + 2, exit_quarter + 4
    return ExiterOutcome(
        second=activity_in(second, placements, answers)
        if quarter_ended(second, today=today)
        else None,
        fourth=activity_in(fourth, placements, answers)
        if quarter_ended(fourth, today=today)
        else None,
        credential=certificate_issued_on is not None
        and certificate_issued_on <= one_year_after(exited_on),
    )


def shown(denominator: int, *, sees_small_numbers: bool) -> bool:
    """Whether a rate may be shown: never of nobody, and of fewer than five people only to
    those who see the rows themselves."""
    if denominator == 0:
        return False
    return sees_small_numbers or denominator >= SMALLEST_SHOWN_DENOMINATOR
