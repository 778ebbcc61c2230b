"""The indicator table: the tallies of each group turned into rates, small numbers hidden."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError
from balai.placement.indicator_arithmetic import (
    ExiterOutcome,
    median_band,
    quarter_first_day,
    quarter_of,
    same_employer,
    shown,
)
from balai.placement.indicators.definitions import Breakdown, Definition, definitions
from balai.placement.indicators.records import exiter_outcomes, group_namer, participant_gains
from balai.placement.models import MonthlyIncomeBand


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
    group_of = group_namer(breakdown)
    tallies: dict[str, _Tally] = {}
    total = _Tally(name=_("All"))
    for key, name, outcome in exiter_outcomes(
        user, breakdown, exited_from, exited_until, today, group_of
    ):
        tallies.setdefault(key, _Tally(name=name)).add_exiter(outcome)
        total.add_exiter(outcome)
    for key, name, gained in participant_gains(
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
