"""The vectorised matching scores: a hand-made set against hand-computed scores, the masks,
the reasons in Indonesian, and agreement with the plain-Python scorer on random inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from django.utils import translation

from balai.placement.matching import scoring
from balai.placement.matching.reasons import match_at
from balai.placement.matching.reference import PlainInput, pair_points, recommend_plainly
from balai.placement.matching.scoring import Graduates, MatchingInput, Places, Vacancies
from balai.placement.matching.synthetic import synthetic_input

NAN = math.nan
FOOD, GARMENT = 2, 10  # sector indices (any fixed numbering works)
TATA_BOGA, MENJAHIT = 0, 1
# Places 0 and 1: same longitude, 0.027 degrees of latitude apart (3.0022 km); place 2 in
# kecamatan 0 without coordinates; place 3 in kecamatan 1 without coordinates.
THREE_KM = 6371.0 * math.radians(0.027)


def hand_made(
    *,
    max_distance_km: float = NAN,
    min_wage: float = 4_500_000,
    sectors: tuple[int, ...] = (FOOD,),
    wants_wage_employment: bool = True,
) -> MatchingInput:
    """One Tata Boga graduate (5/5 units... or 4/5 for the second) living at place 0; four
    vacancies of a food company: at place 1 wanting Tata Boga; at place 2 wanting nothing
    in particular; at place 3 wanting Menjahit; at place 1 paying too little."""
    named = np.zeros((2, 15), dtype=bool)
    named[0, list(sectors)] = True  # the second graduate named none
    return MatchingInput(
        places=Places(
            latitude=np.array([-6.17, -6.17 + 0.027, NAN, NAN]),
            longitude=np.array([106.63, 106.63, NAN, NAN]),
            kecamatan=np.array([0, 0, 0, 1]),
        ),
        graduates=Graduates(
            programme=np.array([TATA_BOGA, TATA_BOGA]),
            competent_units=np.array([5, 4]),
            programme_units=np.array([5, 5]),
            place=np.array([0, 0]),
            max_distance_km=np.array([max_distance_km, NAN]),
            min_wage=np.array([min_wage, NAN]),
            sectors=named,
            wants_wage_employment=np.array([wants_wage_employment, True]),
        ),
        vacancies=Vacancies(
            programmes=np.array([[True, False], [False, False], [False, True], [True, False]]),
            place=np.array([1, 2, 3, 1]),
            wage_max=np.array([5_000_000, NAN, 6_000_000, 4_000_000]),
            sector=np.array([FOOD, FOOD, GARMENT, FOOD]),
        ),
    )


def components_of(matching: MatchingInput) -> scoring.Components:
    rows = np.arange(len(matching.graduates))[:, None]
    return scoring.pair_components(matching, rows, np.arange(len(matching.vacancies))[None, :])


def test_a_wanted_programme_nearby_at_the_hoped_wage_scores_as_computed_by_hand() -> None:
    components = components_of(hand_made())

    # 40 programme + 20 * 5/5 units + 25 * (1 - 3.0022/20) + 10 wage + 5 sector
    expected = 40 + 20 + 25 * (1 - THREE_KM / 20) + 10 + 5
    assert components.distance_km[0, 0] == pytest.approx(THREE_KM, abs=1e-9)
    assert components.score[0, 0] == pytest.approx(expected)
    assert components.score[0, 0] == pytest.approx(96.247, abs=1e-3)
    assert components.points[0, 0] == 9625


def test_a_vacancy_naming_no_programme_counts_half_and_keeps_the_competencies() -> None:
    components = components_of(hand_made())

    # Place 2 has no coordinates but lies in the graduate's kecamatan: estimated 3 km.
    assert components.distance_km[0, 1] == scoring.SAME_KECAMATAN_KM
    assert bool(components.distance_estimated[0, 1])
    # 40 * 0.5 + 20 * 5/5 + 25 * (1 - 3/20) + 10 * 0.5 (no wage stated) + 5 * 1
    assert components.score[0, 1] == pytest.approx(20 + 20 + 21.25 + 5 + 5)
    # The second graduate, kompeten in 4 of 5 and with no wage or sector stated.
    assert components.score[1, 1] == pytest.approx(20 + 16 + 21.25 + 5 + 2.5)


def test_another_programme_wanted_scores_neither_programme_nor_competencies() -> None:
    components = components_of(hand_made())

    # Place 3: other kecamatan, no coordinates: distance unknown. Garment is not the
    # graduate's sector (they named food).
    assert math.isnan(components.distance_km[0, 2])
    assert components.score[0, 2] == pytest.approx(0 + 0 + 25 * 0.25 + 10 + 0)


def test_a_wage_below_the_lowest_hoped_for_is_never_recommended() -> None:
    components = components_of(hand_made())

    assert not components.allowed[0, 3]
    assert components.points[0, 3] == scoring.MASKED
    assert components.allowed[1, 3]  # the second graduate stated no lowest wage


def test_a_job_beyond_the_farthest_distance_is_never_recommended() -> None:
    components = components_of(hand_made(max_distance_km=2))

    assert not components.allowed[0, 0]  # 3.0 km > 2 km
    assert not components.allowed[0, 1]  # an estimate counts too
    assert components.allowed[0, 2]  # unknown distance: not excluded


def test_a_graduate_not_looking_for_a_job_is_never_recommended() -> None:
    components = components_of(hand_made(wants_wage_employment=False))

    assert not components.allowed[0].any()
    assert components.allowed[1].all() == bool(components.allowed[1, 3])


def test_the_reasons_are_built_from_the_same_numbers_in_indonesian() -> None:
    components = components_of(hand_made())
    with translation.override("id"):
        wanted = match_at(
            components, (0, 0), programme_name="Tata Boga", competent_units=5, programme_units=5
        )
        estimated = match_at(
            components, (1, 1), programme_name="Tata Boga", competent_units=4, programme_units=5
        )
        other = match_at(
            components, (0, 2), programme_name="Tata Boga", competent_units=5, programme_units=5
        )

        assert wanted.explanation == (
            "lulus Tata Boga, kompeten 5/5 unit, 3 km, upah sesuai harapan, sektor diminati"
        )
        assert estimated.explanation == (
            "lulus Tata Boga (terbuka untuk semua kejuruan), kompeten 4/5 unit, "
            "sekitar 3 km (satu kecamatan)"
        )
        assert other.explanation == (
            "lulus Tata Boga (lowongan meminta kejuruan lain), kompeten 5/5 unit, "
            "jarak belum diketahui, upah sesuai harapan"
        )
    assert wanted.score == pytest.approx(96.25)


def test_ties_are_broken_by_the_earlier_position() -> None:
    keys = scoring.rank_keys(np.array([[500, 700, 700, -1, 500]]), np.arange(5)[None, :])

    top = scoring.top_keys(keys, 4, axis=1)

    assert scoring.position_of(top).tolist() == [[1, 2, 0, 4]]
    assert scoring.points_of(top).tolist() == [[700, 700, 500, 500]]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_vectorised_scores_equal_the_plain_loop_on_random_inputs(seed: int) -> None:
    # Few places and programmes, so that ties and every heuristic occur.
    matching = synthetic_input(graduates=150, vacancies=90, places=12, kecamatan=3, seed=seed)
    plain = PlainInput.from_arrays(matching)

    components = components_of(matching)
    by_loop = [[pair_points(plain, g, v) for v in range(90)] for g in range(150)]

    assert components.points.tolist() == by_loop


@pytest.mark.parametrize("seed", [5, 6])
def test_the_vectorised_top_n_equals_the_plain_loop_on_random_inputs(seed: int) -> None:
    matching = synthetic_input(graduates=1500, vacancies=60, places=12, kecamatan=3, seed=seed)

    result = scoring.recommend(matching, count=7)
    of_graduate, of_vacancy = recommend_plainly(PlainInput.from_arrays(matching), count=7)

    assert [[v for v in row if v >= 0] for row in result.vacancies_of_graduate.tolist()] == (
        of_graduate
    )
    assert [[g for g in row if g >= 0] for row in result.graduates_of_vacancy.tolist()] == (
        of_vacancy
    )
