"""A match and the words that explain it, built from the numbers the score was computed
from ("lulus Tata Boga, kompeten 5/5 unit, 3 km, upah sesuai harapan")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from balai.placement.matching import scoring


@dataclass(frozen=True)
class Match:
    """One scored pair as people see it: the score (0-100) and what it rests on."""

    score: float
    programme_name: str
    programme: float  # the component: wanted 1, open to any 0.5, another wanted 0
    competent_units: int
    programme_units: int
    distance_km: float | None  # None: unknown
    distance_estimated: bool
    wage_fits: bool | None  # None: not stated on one side
    sector_fits: bool | None  # None: the graduate named no sector

    @property
    def programme_wanted(self) -> bool | None:
        """Whether the vacancy wants the graduate's programme; None if it names none."""
        if self.programme == scoring.PROGRAMME_ANY:
            return None
        return self.programme == scoring.PROGRAMME_WANTED

    @property
    def reasons(self) -> list[str]:
        """The reasons, most important first."""
        return [
            text
            for text in (
                self._programme_reason(),
                self._competency_reason(),
                self._distance_reason(),
                _("wage as hoped") if self.wage_fits else "",
                _("a sector of interest") if self.sector_fits else "",
            )
            if text
        ]

    @property
    def explanation(self) -> str:
        return ", ".join(self.reasons)

    def _programme_reason(self) -> str:
        name = {"programme": self.programme_name}
        if self.programme == scoring.PROGRAMME_WANTED:
            return _("completed %(programme)s") % name
        if self.programme == scoring.PROGRAMME_ANY:
            return _("completed %(programme)s (any programme welcome)") % name
        return _("completed %(programme)s (another programme wanted)") % name

    def _competency_reason(self) -> str:
        if not self.programme_units:
            return ""
        return _("kompeten in %(competent)d/%(units)d units") % {
            "competent": self.competent_units,
            "units": self.programme_units,
        }

    def _distance_reason(self) -> str:
        if self.distance_km is None:
            return _("distance unknown")
        if self.distance_km == 0:
            return _("same kelurahan")
        if self.distance_estimated:
            return _("about %(km)d km (same kecamatan)") % {"km": round(self.distance_km)}
        if self.distance_km < 1:
            return _("under 1 km")
        return _("%(km)d km") % {"km": round(self.distance_km)}


def match_at(
    components: scoring.Components,
    index: tuple[int, ...],
    *,
    programme_name: str,
    competent_units: int,
    programme_units: int,
) -> Match:
    """The match of one pair, read off the arrays its score came from."""
    kilometres = float(components.distance_km[index])
    wage, sector = float(components.wage[index]), float(components.sector[index])
    return Match(
        score=round(float(components.score[index]), 2),
        programme_name=programme_name,
        programme=float(components.programme[index]),
        competent_units=competent_units,
        programme_units=programme_units,
        distance_km=None if kilometres != kilometres else kilometres,  # NaN: unknown
        distance_estimated=bool(components.distance_estimated[index]),
        wage_fits=None if wage == scoring.NOT_STATED else wage == 1.0,
        sector_fits=None if sector == scoring.NOT_STATED else sector == 1.0,
    )
