"""A plain-Python scorer of one (graduate, vacancy) pair at a time, written separately from
the vectorised `scoring` (same rules, same weights), and the obvious loop over every pair.
The tests check that both give the same scores and the same top N; the benchmark measures
the loop as the baseline."""

from __future__ import annotations

import math
from dataclasses import dataclass

from balai.placement.matching import scoring
from balai.placement.matching.scoring import WEIGHTS, MatchingInput


@dataclass(frozen=True)
class PlainInput:
    """The same input as Python lists (what a loop would read)."""

    latitude: list[float]
    longitude: list[float]
    kecamatan: list[int]
    graduate_programme: list[int]
    competent_units: list[int]
    programme_units: list[int]
    graduate_place: list[int]
    max_distance_km: list[float]
    min_wage: list[float]
    graduate_sectors: list[set[int]]
    wants_wage_employment: list[bool]
    vacancy_programmes: list[set[int]]
    vacancy_place: list[int]
    wage_max: list[float]
    vacancy_sector: list[int]

    @classmethod
    def from_arrays(cls, matching: MatchingInput) -> PlainInput:
        graduates, vacancies, places = matching.graduates, matching.vacancies, matching.places
        return cls(
            latitude=places.latitude.tolist(),
            longitude=places.longitude.tolist(),
            kecamatan=places.kecamatan.tolist(),
            graduate_programme=graduates.programme.tolist(),
            competent_units=graduates.competent_units.tolist(),
            programme_units=graduates.programme_units.tolist(),
            graduate_place=graduates.place.tolist(),
            max_distance_km=graduates.max_distance_km.tolist(),
            min_wage=graduates.min_wage.tolist(),
            graduate_sectors=[set(row.nonzero()[0].tolist()) for row in graduates.sectors],
            wants_wage_employment=graduates.wants_wage_employment.tolist(),
            vacancy_programmes=[set(row.nonzero()[0].tolist()) for row in vacancies.programmes],
            vacancy_place=vacancies.place.tolist(),
            wage_max=vacancies.wage_max.tolist(),
            vacancy_sector=vacancies.sector.tolist(),
        )


def distance_km(plain: PlainInput, home: int, work: int) -> float | None:
    """Kilometres between two kelurahan (by index, -1 unknown), estimated or None."""
    if home < 0 or work < 0:
        return None
    if home == work:
        return 0.0
    points = (
        plain.latitude[home],
        plain.longitude[home],
        plain.latitude[work],
        plain.longitude[work],
    )
    if any(math.isnan(value) for value in points):
        same = plain.kecamatan[home] == plain.kecamatan[work]
        return scoring.SAME_KECAMATAN_KM if same else None
    lat1, lon1, lat2, lon2 = (math.radians(value) for value in points)
    haversine = (
        math.sin((lat1 - lat2) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon1 - lon2) / 2) ** 2
    )
    return 2 * scoring.EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))


def pair_points(plain: PlainInput, graduate: int, vacancy: int) -> int:
    """The pair's score in hundredths of a point, or -1 if a hard filter excludes it."""
    if not plain.wants_wage_employment[graduate]:
        return scoring.MASKED
    kilometres = distance_km(plain, plain.graduate_place[graduate], plain.vacancy_place[vacancy])
    farthest = plain.max_distance_km[graduate]
    if kilometres is not None and not math.isnan(farthest) and kilometres > farthest:
        return scoring.MASKED
    lowest, highest = plain.min_wage[graduate], plain.wage_max[vacancy]
    if math.isnan(lowest) or math.isnan(highest):
        wage = scoring.NOT_STATED
    elif highest < lowest:
        return scoring.MASKED
    else:
        wage = 1.0
    wanted = plain.vacancy_programmes[vacancy]
    if plain.graduate_programme[graduate] in wanted:
        programme = scoring.PROGRAMME_WANTED
    else:
        programme = scoring.PROGRAMME_OTHER if wanted else scoring.PROGRAMME_ANY
    units = plain.programme_units[graduate]
    competencies = plain.competent_units[graduate] / units if units and programme else 0.0
    if kilometres is None:
        location = scoring.UNKNOWN_DISTANCE_SCORE
    else:
        location = min(1.0, max(0.0, 1.0 - kilometres / scoring.DISTANCE_SCALE_KM))
    sectors = plain.graduate_sectors[graduate]
    if not sectors:
        sector = scoring.NOT_STATED
    else:
        sector = 1.0 if plain.vacancy_sector[vacancy] in sectors else 0.0
    score = 100.0 * (
        WEIGHTS.programme * programme
        + WEIGHTS.competencies * competencies
        + WEIGHTS.location * location
        + WEIGHTS.wage * wage
        + WEIGHTS.sector * sector
    )
    return round(score * 100)


def recommend_plainly(plain: PlainInput, *, count: int) -> tuple[list[list[int]], list[list[int]]]:
    """Top `count` vacancies of every graduate and graduates of every vacancy, by looping
    over every pair: (points, then the earlier position) descending, filtered pairs left out."""
    graduate_total, vacancy_total = len(plain.graduate_programme), len(plain.vacancy_place)
    of_graduate: list[list[tuple[int, int]]] = [[] for _ in range(graduate_total)]
    of_vacancy: list[list[tuple[int, int]]] = [[] for _ in range(vacancy_total)]
    for graduate in range(graduate_total):
        for vacancy in range(vacancy_total):
            points = pair_points(plain, graduate, vacancy)
            if points >= 0:
                of_graduate[graduate].append((-points, vacancy))
                of_vacancy[vacancy].append((-points, graduate))
    return (
        [[position for _points, position in sorted(pairs)[:count]] for pairs in of_graduate],
        [[position for _points, position in sorted(pairs)[:count]] for pairs in of_vacancy],
    )
