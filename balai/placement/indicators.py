"""The outcome indicators of the programme, after the WIOA primary indicators of performance
(US DOL TEGL 10-16 Change 1 and TEGL 14-18), adapted: employment in the 2nd and 4th
quarters after exit, the median income band in the 2nd, credential attainment, measurable
skill gain, retention with the same employer (WIOA's "effectiveness in serving employers"
since the joint final rule of 2024, 89 FR 13814), and the rates of self-employment,
business groups and further training; by batch, programme, kelurahan, sex or priority group.
Where WIOA matches wage records, this programme has its own placements and tracer survey
answers; self-employment and business groups count as employment, as WIOA counts
self-employment.

An exiter is an enrolment that completed or dropped out (as in WIOA, both leave the
programme); one that gave its seat up ("left") never took part and is nobody's exiter. Five
queries read the records of everybody counted; the rest is arithmetic in memory
(indicator_arithmetic), never a query per person.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.catalogue.models import CompetencyUnit
from balai.core.errors import ApplicationError
from balai.core.scoping import scope_to_user
from balai.placement.indicator_arithmetic import (
    ExiterOutcome,
    PlacementFact,
    SurveyFact,
    exiter_outcome,
    median_band,
    quarter_first_day,
    quarter_of,
    same_employer,
    shown,
)
from balai.placement.models import MonthlyIncomeBand, Placement, SurveyResponse
from balai.registry.models import Sex
from balai.training.models import (
    Assessment,
    AssessmentResult,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    SkillTest,
)

EXIT_STATUSES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)
PARTICIPANT_STATUSES = (*EXIT_STATUSES, EnrolmentStatus.ENROLLED)
PRIORITY = "priority"
NO_PRIORITY = "none"


class Breakdown(models.TextChoices):
    """The groupings a table may be broken down by."""

    BATCH = "batch", gettext_lazy("Batch")
    PROGRAMME = "programme", gettext_lazy("Programme")
    KELURAHAN = "kelurahan", gettext_lazy("Kelurahan of domicile")
    SEX = "sex", gettext_lazy("Sex")
    PRIORITY_GROUP = "priority", gettext_lazy("Priority group")


# The enrolment's field each breakdown groups by, and the field that names the group.
_GROUP_FIELDS: dict[str, tuple[str, str | None]] = {
    Breakdown.BATCH: ("training_class__batch_id", "training_class__batch__name"),
    Breakdown.PROGRAMME: ("training_class__programme_id", "training_class__programme__name"),
    Breakdown.KELURAHAN: ("person__domicile_kelurahan__code", "person__domicile_kelurahan__name"),
    Breakdown.SEX: ("person__sex", None),
    Breakdown.PRIORITY_GROUP: ("offer__application__priority_points", None),
}


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    numerator: str
    denominator: str
    source: str


def definitions() -> list[Definition]:
    """Every indicator's definition, in the active language, in the order they are shown."""
    after_quarter = _("Only exiters whose quarter has ended by today are counted.")
    return [
        Definition(
            "employment_q2",
            _("Employment rate, 2nd quarter after exit"),
            _("Exiters working in the 2nd calendar quarter after the quarter they exited."),
            _("Exiters whose 2nd quarter after exit has ended.") + " " + after_quarter,
            _(
                "A placement (a job, own business or business group) active in that quarter, "
                "or a tracer survey answer of the wave due in it saying they work."
            ),
        ),
        Definition(
            "employment_q4",
            _("Employment rate, 4th quarter after exit"),
            _("Exiters working in the 4th calendar quarter after the quarter they exited."),
            _("Exiters whose 4th quarter after exit has ended.") + " " + after_quarter,
            _(
                "A placement (a job, own business or business group) active in that quarter, "
                "or a tracer survey answer of the wave due in it saying they work."
            ),
        ),
        Definition(
            "median_band_q2",
            _("Median monthly income, 2nd quarter after exit"),
            _("The middle income band (the lower of two middles) of those counted."),
            _("Exiters working in the 2nd quarter after exit whose income band is known."),
            _("The survey answer of that quarter's wave, else the band recorded with the job."),
        ),
        Definition(
            "credential",
            _("Credential attainment"),
            _(
                "Exiters with a certificate of their training, not revoked, issued during it "
                "or within one year after exit."
            ),
            _("Every exiter (completed or dropped out) in the period."),
            _("Training certificates."),
        ),
        Definition(
            "skill_gain",
            _("Measurable skill gain"),
            _(
                "Participants with a documented gain: a post-test score above the pre-test "
                "score, or every competency unit of the programme assessed kompeten."
            ),
            _("Everyone in a class at any time in the period (dropouts too)."),
            _("Skill tests and competency assessments."),
        ),
        Definition(
            "retention",
            _("Retention with the same employer, 2nd and 4th quarters"),
            _(
                "Of those counted, those working in the 4th quarter for an employer of the "
                "2nd: the same company, the same name, or the survey answer saying so."
            ),
            _("Exiters working in the 2nd quarter after exit whose 4th quarter has ended."),
            _("Placements and tracer survey answers."),
        ),
        Definition(
            "self_employment_q2",
            _("Self-employment rate, 2nd quarter after exit"),
            _("Exiters running their own business in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Self-employment placements, and survey answers."),
        ),
        Definition(
            "business_group_q2",
            _("Business-group rate, 2nd quarter after exit"),
            _("Exiters working in a business group in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Business-group placements, and survey answers."),
        ),
        Definition(
            "further_training_q2",
            _("Further-training rate, 2nd quarter after exit"),
            _("Exiters in further training or school in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Further-training placements, and survey answers."),
        ),
    ]


@dataclass(frozen=True)
class Cell:
    """One indicator of one group: a rate (numerator of denominator) or, for the median,
    a band of `denominator` people. Hidden (`suppressed`) below five people."""

    code: str
    numerator: int
    denominator: int
    percent: float | None
    band: str | None
    band_label: str
    suppressed: bool


@dataclass
class Group:
    """One group's figures. Its head counts hide like a rate below five people."""

    key: str
    name: str
    exiters: int
    participants: int
    cells: list[Cell]
    exiters_hidden: bool
    participants_hidden: bool


@dataclass(frozen=True)
class IndicatorTable:
    breakdown: str
    exited_from: datetime.date
    exited_until: datetime.date
    today: datetime.date
    definitions: list[Definition]
    groups: list[Group]
    total: Group
    small_numbers_shown: bool

    @property
    def headline(self) -> list[tuple[Definition, Cell]]:
        """Each indicator's definition beside its figure for everybody counted."""
        return list(zip(self.definitions, self.total.cells, strict=True))


@dataclass
class _Tally:
    """The running counts of one group."""

    name: str
    exiters: int = 0
    participants: int = 0
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    bands: list[str] = field(default_factory=list)

    def count(self, code: str, *, counted: bool, met: bool) -> None:
        if counted:
            self.counts[code][1] += 1
            self.counts[code][0] += met

    def add_exiter(self, outcome: ExiterOutcome) -> None:
        self.exiters += 1
        second, fourth = outcome.second, outcome.fourth
        self.count("credential", counted=True, met=outcome.credential)
        self.count(
            "employment_q2", counted=second is not None, met=bool(second and second.employed)
        )
        self.count(
            "employment_q4", counted=fourth is not None, met=bool(fourth and fourth.employed)
        )
        if second is not None:
            self.count("self_employment_q2", counted=True, met=second.self_employed)
            self.count("business_group_q2", counted=True, met=second.business_group)
            self.count("further_training_q2", counted=True, met=second.further_training)
            if second.employed and second.income_band:
                self.bands.append(second.income_band)
            if second.employed and fourth is not None:
                self.count(
                    "retention",
                    counted=True,
                    met=fourth.employed and same_employer(second, fourth),
                )


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Exits of the last two years (from the start of the quarter eight quarters back), so
    that the 4th quarter after exit has ended for the older half."""
    return quarter_first_day(quarter_of(today) - 8), today


def indicator_table(
    *,
    user: User,
    breakdown: str,
    exited_from: datetime.date,
    exited_until: datetime.date,
    today: datetime.date,
) -> IndicatorTable:
    """The indicators of the exiters (and participants) of `user`'s area in the period, per
    group of `breakdown` and in total; small numbers hidden except from admins."""
    if breakdown not in Breakdown.values:
        raise ApplicationError(_("Choose a breakdown from the list."), code="breakdown_unknown")
    if exited_from > exited_until:
        raise ApplicationError(
            _("The start of the period must not be after its end."), code="period_reversed"
        )
    group_of = _group_namer(breakdown)
    tallies: dict[str, _Tally] = {}
    total = _Tally(name=_("All"))
    for key, name, outcome in _exiter_outcomes(
        user, breakdown, exited_from, exited_until, today, group_of
    ):
        tallies.setdefault(key, _Tally(name=name)).add_exiter(outcome)
        total.add_exiter(outcome)
    for key, name, gained in _participant_gains(
        user, breakdown, exited_from, exited_until, group_of
    ):
        for tally in (tallies.setdefault(key, _Tally(name=name)), total):
            tally.participants += 1
            tally.count("skill_gain", counted=True, met=gained)
    small_numbers_shown = user.role == Role.ADMIN
    codes = [definition.code for definition in definitions()]
    groups = [
        _group(key, tally, codes, small_numbers_shown)
        for key, tally in sorted(tallies.items(), key=lambda item: item[1].name)
    ]
    _hide_complements(groups)
    return IndicatorTable(
        breakdown=breakdown,
        exited_from=exited_from,
        exited_until=exited_until,
        today=today,
        definitions=definitions(),
        groups=groups,
        total=_group("", total, codes, small_numbers_shown),
        small_numbers_shown=small_numbers_shown,
    )


def _group(key: str, tally: _Tally, codes: list[str], small_numbers_shown: bool) -> Group:
    return Group(
        key=key,
        name=tally.name,
        exiters=tally.exiters,
        participants=tally.participants,
        cells=[_cell(code, tally, small_numbers_shown) for code in codes],
        exiters_hidden=_hidden(tally.exiters, small_numbers_shown),
        participants_hidden=_hidden(tally.participants, small_numbers_shown),
    )


def _hide_complements(groups: list[Group]) -> None:
    """Hide a second figure wherever only one group's is hidden: the total less the groups
    shown would otherwise give the hidden one away (two men shown beside a total of six
    tells that four women answered)."""
    for position in range(len(groups[0].cells) if groups else 0):
        cells = [group.cells[position] for group in groups]
        hidden = [cell.suppressed for cell in cells]
        smallest = _smallest_shown(hidden, [cell.denominator for cell in cells])
        if smallest is not None:
            groups[smallest].cells[position] = replace(cells[smallest], suppressed=True)
    for attribute, count in (
        ("exiters_hidden", "exiters"),
        ("participants_hidden", "participants"),
    ):
        hidden = [getattr(group, attribute) for group in groups]
        smallest = _smallest_shown(hidden, [getattr(group, count) for group in groups])
        if smallest is not None:
            setattr(groups[smallest], attribute, True)


def _smallest_shown(hidden: list[bool], counts: list[int]) -> int | None:
    """The position of the smallest figure still shown beside exactly one hidden, if any."""
    if hidden.count(True) != 1:
        return None
    # A zero hidden beside the one would still leave the difference the hidden figure.
    shown = [
        position
        for position, is_hidden in enumerate(hidden)
        if not is_hidden and counts[position] > 0
    ]
    return min(shown, key=lambda position: counts[position]) if shown else None


def _hidden(count: int, small_numbers_shown: bool) -> bool:
    return count > 0 and not shown(count, sees_small_numbers=small_numbers_shown)


def _cell(code: str, tally: _Tally, small_numbers_shown: bool) -> Cell:
    if code == "median_band_q2":
        band = median_band(tally.bands)
        return Cell(
            code=code,
            numerator=len(tally.bands),
            denominator=len(tally.bands),
            percent=None,
            band=band,
            band_label=str(MonthlyIncomeBand(band).label) if band else "",
            suppressed=_hidden(len(tally.bands), small_numbers_shown),
        )
    numerator, denominator = tally.counts.get(code, [0, 0])
    return Cell(
        code=code,
        numerator=numerator,
        denominator=denominator,
        percent=round(100 * numerator / denominator, 1) if denominator else None,
        band=None,
        band_label="",
        suppressed=_hidden(denominator, small_numbers_shown),
    )


def _group_namer(breakdown: str) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """Return the function that gives a row's group key and the group's name."""
    key_field, name_field = _GROUP_FIELDS[breakdown]
    if breakdown == Breakdown.SEX:
        labels = dict(Sex.choices)
        return lambda row: (row[key_field], str(labels.get(row[key_field], row[key_field])))
    if breakdown == Breakdown.PRIORITY_GROUP:
        return _priority_group_of
    return lambda row: (str(row[key_field] or ""), row[name_field or key_field] or _("Unknown"))


def _priority_group_of(row: dict[str, Any]) -> tuple[str, str]:
    # Points weigh differently in each batch, so only "any priority or none" reads the same
    # across batches: any point is one of the circumstances the batch favours.
    if row["offer__application__priority_points"]:
        return PRIORITY, _("Priority applicants (unemployed, laid off, low income, ...)")
    return NO_PRIORITY, _("No priority points")


def _exiters(
    user: User, exited_from: datetime.date, exited_until: datetime.date
) -> QuerySet[Enrolment]:
    return scope_to_user(Enrolment.objects.all(), user, for_aggregates=True).filter(
        status__in=EXIT_STATUSES, left_on__gte=exited_from, left_on__lte=exited_until
    )


def _exiter_outcomes(
    user: User,
    breakdown: str,
    exited_from: datetime.date,
    exited_until: datetime.date,
    today: datetime.date,
    group_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> Iterable[tuple[str, str, ExiterOutcome]]:
    """Each exiter's group and outcomes: four queries, whatever the number of exiters."""
    exiters = _exiters(user, exited_from, exited_until)
    enrolment_ids = exiters.values("pk")
    placements: dict[int, list[PlacementFact]] = defaultdict(list)
    for row in (
        scope_to_user(Placement.objects.all(), user, for_aggregates=True)
        .filter(enrolment__in=enrolment_ids)
        .values_list(
            "enrolment_id",
            "kind",
            "starts_on",
            "ends_on",
            "company_id",
            "employer_name",
            "income_band",
        )
    ):
        placements[row[0]].append(PlacementFact(*row[1:]))
    answers: dict[int, list[SurveyFact]] = defaultdict(list)
    for answer in (
        scope_to_user(SurveyResponse.objects.all(), user, for_aggregates=True)
        .filter(invitation__enrolment__in=enrolment_ids)
        .values_list(
            "invitation__enrolment_id",
            "invitation__due_on",
            "employment_status",
            "employer_name",
            "same_employer_as_before",
            "income_band",
            "further_training",
        )
    ):
        answers[answer[0]].append(SurveyFact(*answer[1:]))
    issued_on = dict(
        scope_to_user(Certificate.objects.all(), user, for_aggregates=True)
        .filter(enrolment__in=enrolment_ids, revoked_at__isnull=True)
        .values_list("enrolment_id", "issued_on")
    )
    key_field, name_field = _GROUP_FIELDS[breakdown]
    fields = [name for name in ("pk", "left_on", key_field, name_field) if name]
    for row in exiters.values(*fields).order_by():
        key, name = group_of(row)
        yield (
            key,
            name,
            exiter_outcome(
                exited_on=row["left_on"],
                placements=placements.get(row["pk"], []),
                answers=answers.get(row["pk"], []),
                certificate_issued_on=issued_on.get(row["pk"]),
                today=today,
            ),
        )


def _participant_gains(
    user: User,
    breakdown: str,
    period_from: datetime.date,
    period_until: datetime.date,
    group_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> Iterable[tuple[str, str, bool]]:
    """Each participant of the period with whether a skill gain is documented: one query."""
    competent_units = (
        Assessment.objects.filter(
            enrolment=OuterRef("pk"),
            result=AssessmentResult.COMPETENT,
            unit__programme=OuterRef("training_class__programme"),
        )
        .order_by()
        .values("enrolment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    programme_units = (
        CompetencyUnit.objects.filter(programme=OuterRef("training_class__programme"))
        .order_by()
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    participants = (
        scope_to_user(Enrolment.objects.all(), user, for_aggregates=True)
        .filter(status__in=PARTICIPANT_STATUSES, joined_on__lte=period_until)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=period_from))
        .annotate(
            tested_better=Exists(
                SkillTest.objects.filter(enrolment=OuterRef("pk"), post_score__gt=F("pre_score"))
            ),
            competent_units=Coalesce(
                Subquery(competent_units, output_field=IntegerField()), Value(0)
            ),
            programme_units=Coalesce(
                Subquery(programme_units, output_field=IntegerField()), Value(0)
            ),
        )
    )
    key_field, name_field = _GROUP_FIELDS[breakdown]
    fields = [name for name in (key_field, name_field) if name]
    for row in participants.values(
        *fields, "tested_better", "competent_units", "programme_units"
    ).order_by():
        key, name = group_of(row)
        gained = row["tested_better"] or (
            row["programme_units"] > 0 and row["competent_units"] >= row["programme_units"]
        )
        yield key, name, bool(gained)
