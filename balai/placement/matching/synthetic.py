"""A synthetic but realistic matching input, for the benchmark and the property tests:
kelurahan scattered around kecamatan centres inside Kota Tangerang's bounds (some without
coordinates), graduates spread over the programmes with most units kompeten, vacancies
wanting one or two programmes (some none), wages around the city's minimum wage."""

from __future__ import annotations

import numpy as np

from balai.placement.matching.scoring import Graduates, MatchingInput, Places, Vacancies

SOUTH, NORTH, WEST, EAST = -6.27, -6.12, 106.56, 106.72
MINIMUM_WAGE = 4_900_000  # Kota Tangerang's UMK, about Rp4.9 million a month


def synthetic_input(
    *,
    graduates: int,
    vacancies: int,
    places: int = 104,
    kecamatan: int = 13,
    programmes: int = 16,
    sectors: int = 15,
    seed: int = 1,
) -> MatchingInput:
    """Return a matching input of the given size, the same for the same seed."""
    generator = np.random.default_rng(seed)
    return MatchingInput(
        places=_places(generator, places, kecamatan),
        graduates=_graduates(generator, graduates, places, programmes, sectors),
        vacancies=_vacancies(generator, vacancies, places, programmes, sectors),
    )


def _places(generator: np.random.Generator, count: int, kecamatan: int) -> Places:
    centres = np.column_stack(
        [
            generator.uniform(SOUTH + 0.02, NORTH - 0.02, kecamatan),
            generator.uniform(WEST + 0.02, EAST - 0.02, kecamatan),
        ]
    )
    of_kecamatan = np.sort(generator.integers(0, kecamatan, count))
    spread = generator.uniform(-0.015, 0.015, (count, 2))
    latitude = centres[of_kecamatan, 0] + spread[:, 0]
    longitude = centres[of_kecamatan, 1] + spread[:, 1]
    # About one kelurahan in ten has no surveyed office yet.
    unknown = generator.random(count) < 0.1
    latitude[unknown] = np.nan
    longitude[unknown] = np.nan
    return Places(latitude=latitude, longitude=longitude, kecamatan=of_kecamatan)


def _graduates(
    generator: np.random.Generator, count: int, places: int, programmes: int, sectors: int
) -> Graduates:
    units = generator.integers(3, 9, programmes)
    programme = generator.integers(0, programmes, count)
    competent = np.minimum(units[programme], generator.binomial(units[programme], 0.92) + 1)
    stated_distance = generator.random(count) < 0.4
    stated_wage = generator.random(count) < 0.5
    named = generator.random((count, sectors)) < 0.1
    return Graduates(
        programme=programme,
        competent_units=competent,
        programme_units=units[programme],
        place=generator.integers(0, places, count),
        max_distance_km=np.where(
            stated_distance, generator.integers(3, 16, count).astype(float), np.nan
        ),
        min_wage=np.where(
            stated_wage,
            np.round(generator.normal(MINIMUM_WAGE, 500_000, count), -5),
            np.nan,
        ),
        sectors=named,
        wants_wage_employment=generator.random(count) < 0.9,
    )


def _vacancies(
    generator: np.random.Generator, count: int, places: int, programmes: int, sectors: int
) -> Vacancies:
    wanted = np.zeros((count, programmes), dtype=bool)
    first = generator.integers(0, programmes, count)
    wanted[np.arange(count), first] = True
    second = generator.random(count) < 0.3
    wanted[np.arange(count)[second], generator.integers(0, programmes, int(second.sum()))] = True
    wanted[generator.random(count) < 0.1] = False  # open to any programme
    place = generator.integers(0, places, count)
    place[generator.random(count) < 0.05] = -1  # a workplace outside the city
    return Vacancies(
        programmes=wanted,
        place=place,
        wage_max=np.where(
            generator.random(count) < 0.85,
            np.round(generator.normal(MINIMUM_WAGE * 1.1, 700_000, count), -5),
            np.nan,
        ),
        sector=generator.integers(0, sectors, count),
    )
