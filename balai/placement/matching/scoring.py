"""Scores of every (graduate, vacancy) pair, computed on arrays: no Python loop over pairs.

A graduate is one completed enrolment (a person who finished two programmes is two rows);
each pair gets five components in [0, 1], weighted into a score of 0 to 100 points:

- programme: 1 if the vacancy wants the graduate's programme, 0.5 if it names no programme
  (open to any), 0 if it wants others;
- competencies: the share of the programme's competency units the graduate was assessed
  kompeten in, counted only where the programme component is not 0;
- location: 1 at 0 km falling linearly to 0 at `DISTANCE_SCALE_KM` (great-circle distance
  between the kelurahan offices). A kelurahan without coordinates: the same kelurahan is
  0 km, the same kecamatan is estimated at `SAME_KECAMATAN_KM`, anything else is unknown
  and scores `UNKNOWN_DISTANCE_SCORE`;
- wage: 1 if the vacancy's highest wage reaches the graduate's lowest acceptable wage, 0.5
  if either is not stated;
- sector: 1 if the company's sector is one the graduate named, 0 if they named others, 0.5
  if they named none.

Hard filters, applied as masks (the pair is never recommended): the graduate is not looking
for wage employment; the distance is known and beyond their farthest distance; both wages
are stated and the vacancy's highest is below their lowest.

Ranking is by the score rounded to hundredths of a point, then by position (the earlier row
or column first), packed into one integer key so that the top N are exact and repeatable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Weights:
    """The weight of each component in the score; they add up to 1 (the one place they are
    set: pages, API, benchmark and the reference scorer all read `WEIGHTS`)."""

    programme: float = 0.40
    competencies: float = 0.20
    location: float = 0.25
    wage: float = 0.10
    sector: float = 0.05


WEIGHTS = Weights()
# Kota Tangerang is about 20 km across: a job across the city scores nothing for location.
DISTANCE_SCALE_KM = 20.0
# Kelurahan of one kecamatan lie a few kilometres apart; used only when coordinates lack.
SAME_KECAMATAN_KM = 3.0
# An unknown distance ranks below most places in the city but above the far side of it.
UNKNOWN_DISTANCE_SCORE = 0.25
PROGRAMME_WANTED, PROGRAMME_ANY, PROGRAMME_OTHER = 1.0, 0.5, 0.0
NOT_STATED = 0.5
EARTH_RADIUS_KM = 6371.0
# Keys pack (score in hundredths of a point, position): positions below 2**24.
_POSITION_BITS = 24
_POSITION_MASK = (1 << _POSITION_BITS) - 1
MASKED = -1
BLOCK_ROWS = 1024


@dataclass(frozen=True)
class Places:
    """Kelurahan by index: coordinates (NaN when unknown) and kecamatan index."""

    latitude: FloatArray
    longitude: FloatArray
    kecamatan: IntArray


@dataclass(frozen=True)
class Graduates:
    """One row per graduate. `place` is -1 when unknown; NaN means "not stated"."""

    programme: IntArray
    competent_units: IntArray
    programme_units: IntArray
    place: IntArray
    max_distance_km: FloatArray
    min_wage: FloatArray
    sectors: BoolArray  # graduates x sectors: the sectors they named
    wants_wage_employment: BoolArray

    def __len__(self) -> int:
        return len(self.programme)


@dataclass(frozen=True)
class Vacancies:
    """One column per vacancy. `place` is -1 when unknown; NaN wage means "not stated"."""

    programmes: BoolArray  # vacancies x programmes: the programmes wanted
    place: IntArray
    wage_max: FloatArray
    sector: IntArray

    def __len__(self) -> int:
        return len(self.place)


@dataclass(frozen=True)
class MatchingInput:
    places: Places
    graduates: Graduates
    vacancies: Vacancies


@dataclass(frozen=True)
class Components:
    """The components of the pairs asked for (arrays of the broadcast shape), and the score."""

    programme: FloatArray
    competencies: FloatArray
    distance_km: FloatArray  # NaN: unknown
    distance_estimated: BoolArray
    location: FloatArray
    wage: FloatArray
    sector: FloatArray
    allowed: BoolArray
    score: FloatArray  # 0-100 points

    @property
    def points(self) -> IntArray:
        """The score in hundredths of a point, MASKED where a hard filter excludes the pair."""
        rounded = np.rint(self.score * 100).astype(np.int64)
        return np.where(self.allowed, rounded, MASKED)


def place_distances(places: Places) -> tuple[FloatArray, BoolArray]:
    """Distances (km) between every two kelurahan, plus a last row and column for "unknown"
    (so that place index -1 reads it), and where the distance is an estimate."""
    count = len(places.latitude)
    latitude = np.radians(places.latitude)
    longitude = np.radians(places.longitude)
    half_latitude = np.sin((latitude[:, None] - latitude[None, :]) / 2) ** 2
    half_longitude = np.sin((longitude[:, None] - longitude[None, :]) / 2) ** 2
    across = np.cos(latitude[:, None]) * np.cos(latitude[None, :])
    haversine = half_latitude + across * half_longitude
    kilometres = np.full((count + 1, count + 1), np.nan)
    kilometres[:count, :count] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(haversine))
    estimated = np.zeros((count + 1, count + 1), dtype=bool)
    unknown = np.isnan(kilometres[:count, :count])
    same_kecamatan = places.kecamatan[:, None] == places.kecamatan[None, :]
    kilometres[:count, :count][unknown & same_kecamatan] = SAME_KECAMATAN_KM
    estimated[:count, :count] = unknown & same_kecamatan
    diagonal = np.arange(count)
    kilometres[diagonal, diagonal] = 0.0
    estimated[diagonal, diagonal] = False
    return kilometres, estimated


def pair_components(
    matching: MatchingInput,
    graduates: IntArray,
    vacancies: IntArray,
    distances: tuple[FloatArray, BoolArray] | None = None,
) -> Components:
    """Components of the pairs (graduates[i], vacancies[i]); the two index arrays broadcast,
    so a column against a row gives a whole block of pairs."""
    kilometres_between, estimated_between = distances or place_distances(matching.places)
    graduate, vacancy = matching.graduates, matching.vacancies
    wanted = vacancy.programmes[vacancies, graduate.programme[graduates]]
    names_none = ~np.any(vacancy.programmes, axis=1)[vacancies]
    programme = np.where(
        wanted, PROGRAMME_WANTED, np.where(names_none, PROGRAMME_ANY, PROGRAMME_OTHER)
    )
    units = graduate.programme_units[graduates]
    share = np.where(units > 0, graduate.competent_units[graduates] / np.maximum(units, 1), 0.0)
    competencies = np.where(programme > 0, share, 0.0)
    graduate_place, vacancy_place = graduate.place[graduates], vacancy.place[vacancies]
    kilometres = kilometres_between[graduate_place, vacancy_place]
    location = np.where(
        np.isnan(kilometres),
        UNKNOWN_DISTANCE_SCORE,
        np.clip(1.0 - kilometres / DISTANCE_SCALE_KM, 0.0, 1.0),
    )
    min_wage, wage_max = graduate.min_wage[graduates], vacancy.wage_max[vacancies]
    wages_stated = ~np.isnan(min_wage) & ~np.isnan(wage_max)
    wage_fits = wages_stated & (wage_max >= min_wage)
    wage = np.where(wages_stated, np.where(wage_fits, 1.0, 0.0), NOT_STATED)
    named_sectors = np.any(graduate.sectors, axis=1)[graduates]
    in_sectors = graduate.sectors[graduates, vacancy.sector[vacancies]]
    sector = np.where(named_sectors, np.where(in_sectors, 1.0, 0.0), NOT_STATED)
    # NaN compares False: an unknown distance or no stated limit never excludes a pair.
    too_far = kilometres > graduate.max_distance_km[graduates]
    allowed = graduate.wants_wage_employment[graduates] & ~too_far & ~(wages_stated & ~wage_fits)
    score = 100.0 * (
        WEIGHTS.programme * programme
        + WEIGHTS.competencies * competencies
        + WEIGHTS.location * location
        + WEIGHTS.wage * wage
        + WEIGHTS.sector * sector
    )
    return Components(
        programme=programme,
        competencies=competencies,
        distance_km=kilometres,
        distance_estimated=estimated_between[graduate_place, vacancy_place],
        location=location,
        wage=wage,
        sector=sector,
        allowed=np.broadcast_to(allowed, score.shape),
        score=score,
    )


def rank_keys(points: IntArray, positions: IntArray) -> IntArray:
    """One integer per pair that orders by points, then by the earlier position; MASKED
    pairs get -1, below every real key."""
    keys = (points << _POSITION_BITS) + (_POSITION_MASK - positions)
    return np.where(points >= 0, keys, MASKED)


def position_of(keys: IntArray) -> IntArray:
    """The position packed into each key (-1 for MASKED)."""
    return np.where(keys >= 0, _POSITION_MASK - (keys & _POSITION_MASK), -1)


def points_of(keys: IntArray) -> IntArray:
    return np.where(keys >= 0, keys >> _POSITION_BITS, MASKED)


def top_keys(keys: IntArray, count: int, axis: int) -> IntArray:
    """The `count` largest keys along `axis`, largest first (np.argpartition, then a sort of
    only those)."""
    size = keys.shape[axis]
    if size > count:
        chosen = np.argpartition(-keys, count - 1, axis=axis)
        chosen = np.take(chosen, np.arange(count), axis=axis)
        keys = np.take_along_axis(keys, chosen, axis=axis)
    return -np.sort(-keys, axis=axis)


@dataclass(frozen=True)
class Recommendations:
    """Top N per graduate (vacancy columns) and per vacancy (graduate rows), best first;
    -1 pads a list shorter than N. Points are hundredths of a point."""

    vacancies_of_graduate: IntArray
    points_of_graduate: IntArray
    graduates_of_vacancy: IntArray
    points_of_vacancy: IntArray


def recommend(matching: MatchingInput, *, count: int) -> Recommendations:
    """Score every pair, block by block of graduates, and keep the top `count` vacancies of
    each graduate and graduates of each vacancy."""
    graduate_total, vacancy_total = len(matching.graduates), len(matching.vacancies)
    if max(graduate_total, vacancy_total) > _POSITION_MASK:
        raise ValueError("too many graduates or vacancies for the rank keys")
    distances = place_distances(matching.places)
    vacancy_columns = np.arange(vacancy_total, dtype=np.int64)
    per_graduate = np.full((graduate_total, min(count, vacancy_total)), MASKED, dtype=np.int64)
    per_vacancy = np.full((0, vacancy_total), MASKED, dtype=np.int64)
    for start in range(0, graduate_total, BLOCK_ROWS):
        rows = np.arange(start, min(start + BLOCK_ROWS, graduate_total), dtype=np.int64)
        points = pair_components(matching, rows[:, None], vacancy_columns[None, :], distances)
        points_block = points.points
        by_graduate = rank_keys(points_block, vacancy_columns[None, :])
        per_graduate[rows] = top_keys(by_graduate, per_graduate.shape[1], axis=1)
        by_vacancy = rank_keys(points_block, rows[:, None])
        per_vacancy = top_keys(
            np.concatenate([per_vacancy, top_keys(by_vacancy, count, axis=0)]), count, axis=0
        )
    return Recommendations(
        vacancies_of_graduate=position_of(per_graduate),
        points_of_graduate=points_of(per_graduate),
        graduates_of_vacancy=position_of(per_vacancy).T,
        points_of_vacancy=points_of(per_vacancy).T,
    )
