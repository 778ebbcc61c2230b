"""The arithmetic of the indicators: quarters after exit, the median band, one exiter's
outcomes, and which numbers are too small to show."""

from __future__ import annotations

import datetime

import pytest

from balai.placement.indicator_arithmetic import (
    PlacementFact,
    SurveyFact,
    activity_in,
    exiter_outcome,
    median_band,
    one_year_after,
    quarter_ended,
    quarter_first_day,
    quarter_last_day,
    quarter_of,
    same_employer,
    shown,
)

date = datetime.date


def job(
    starts_on: date,
    ends_on: date | None = None,
    *,
    kind: str = "wage",
    company_id: int | None = None,
    employer_name: str = "",
    income_band: str = "",
) -> PlacementFact:
    return PlacementFact(kind, starts_on, ends_on, company_id, employer_name, income_band)


def answer(
    due_on: date,
    status: str,
    *,
    employer_name: str = "",
    same: bool | None = None,
    income_band: str = "",
    further_training: bool = False,
) -> SurveyFact:
    return SurveyFact(due_on, status, employer_name, same, income_band, further_training)


@pytest.mark.parametrize(
    ("day", "first_day"),
    [
        (date(2025, 1, 1), date(2025, 1, 1)),
        (date(2025, 3, 31), date(2025, 1, 1)),
        (date(2025, 4, 1), date(2025, 4, 1)),
        (date(2025, 12, 31), date(2025, 10, 1)),
    ],
)
def test_a_day_lies_in_its_calendar_quarter(day: date, first_day: date) -> None:
    assert quarter_first_day(quarter_of(day)) == first_day


def test_the_quarters_after_exit_cross_the_year() -> None:
    exit_quarter = quarter_of(date(2025, 11, 10))  # 2025-T4

    assert quarter_first_day(exit_quarter + 2) == date(2026, 4, 1)
    assert quarter_last_day(exit_quarter + 2) == date(2026, 6, 30)
    assert quarter_first_day(exit_quarter + 4) == date(2026, 10, 1)
    assert quarter_last_day(exit_quarter + 4) == date(2026, 12, 31)


def test_a_quarter_ends_only_after_its_last_day() -> None:
    quarter = quarter_of(date(2026, 5, 1))

    assert not quarter_ended(quarter, today=date(2026, 6, 30))
    assert quarter_ended(quarter, today=date(2026, 7, 1))


def test_one_year_after_a_leap_day_is_the_28th() -> None:
    assert one_year_after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert one_year_after(date(2025, 5, 15)) == date(2026, 5, 15)


def test_the_median_band_follows_the_order_of_the_bands_not_of_their_names() -> None:
    # Alphabetically "1m_2m" < "above_5m" < "below_1m"; in Rupiah below_1m is lowest.
    assert median_band(["above_5m", "below_1m", "1m_2m"]) == "1m_2m"


def test_the_median_of_an_even_count_is_the_lower_middle_band() -> None:
    assert median_band(["3m_4m", "below_1m", "2m_3m", "above_5m"]) == "2m_3m"


def test_unknown_bands_are_left_out_of_the_median() -> None:
    assert median_band(["", "4m_5m", ""]) == "4m_5m"
    assert median_band(["", ""]) is None
    assert median_band([]) is None


def test_a_placement_counts_in_a_quarter_it_overlaps_by_a_day() -> None:
    quarter = quarter_of(date(2026, 4, 1))  # 1 April to 30 June 2026

    assert activity_in(quarter, [job(date(2026, 6, 30))], []).employed
    assert activity_in(quarter, [job(date(2025, 1, 1), date(2026, 4, 1))], []).employed
    assert not activity_in(quarter, [job(date(2025, 1, 1), date(2026, 3, 31))], []).employed
    assert not activity_in(quarter, [job(date(2026, 7, 1))], []).employed


def test_further_training_is_not_employment() -> None:
    quarter = quarter_of(date(2026, 4, 1))

    activity = activity_in(quarter, [job(date(2026, 4, 1), kind="training")], [])

    assert not activity.employed
    assert activity.further_training


def test_self_employment_and_business_groups_are_employment() -> None:
    quarter = quarter_of(date(2026, 4, 1))

    own = activity_in(quarter, [], [answer(date(2026, 5, 1), "self")])
    group = activity_in(quarter, [job(date(2026, 1, 1), kind="group")], [])

    assert own.employed and own.self_employed and not own.business_group
    assert group.employed and group.business_group and not group.self_employed


def test_only_the_answer_of_the_wave_due_in_the_quarter_counts() -> None:
    quarter = quarter_of(date(2026, 4, 1))

    assert not activity_in(quarter, [], [answer(date(2026, 7, 1), "employed")]).employed
    assert not activity_in(quarter, [], [answer(date(2026, 5, 1), "looking")]).employed


def test_the_survey_band_comes_before_the_band_recorded_with_the_job() -> None:
    quarter = quarter_of(date(2026, 4, 1))
    placements = [job(date(2026, 1, 1), income_band="1m_2m")]

    assert activity_in(quarter, placements, []).income_band == "1m_2m"
    answers = [answer(date(2026, 5, 1), "employed", income_band="3m_4m")]
    assert activity_in(quarter, placements, answers).income_band == "3m_4m"


def test_the_same_employer_is_the_same_company_or_name_or_the_graduate_saying_so() -> None:
    second, fourth = quarter_of(date(2025, 10, 1)), quarter_of(date(2026, 4, 1))

    def retained(placements: list[PlacementFact], answers: list[SurveyFact]) -> bool:
        return same_employer(
            activity_in(second, placements, answers), activity_in(fourth, placements, answers)
        )

    assert retained([job(date(2025, 10, 1), company_id=7)], [])  # one job spanning both
    assert retained(
        [
            job(date(2025, 10, 1), date(2025, 12, 1), company_id=7),
            job(date(2026, 5, 1), company_id=7),
        ],
        [],
    )
    assert retained(
        [
            job(date(2025, 10, 1), date(2025, 12, 1), employer_name="Toko Maju"),
            job(date(2026, 5, 1), employer_name=" TOKO MAJU"),
        ],
        [],
    )
    assert retained(
        [job(date(2025, 10, 1), date(2025, 12, 1), employer_name="Warung")],
        [answer(date(2026, 5, 1), "self", same=True)],
    )
    assert not retained(
        [
            job(date(2025, 10, 1), date(2025, 12, 1), company_id=7),
            job(date(2026, 5, 1), company_id=8),
        ],
        [],
    )


def test_an_exiter_counts_only_in_the_quarters_that_have_ended() -> None:
    outcome = exiter_outcome(
        exited_on=date(2025, 11, 10),
        placements=[job(date(2026, 3, 1))],
        answers=[],
        certificate_issued_on=None,
        today=date(2026, 8, 20),
    )

    assert outcome.second is not None and outcome.second.employed
    assert outcome.fourth is None  # 2026-T4 has not ended
    assert not outcome.credential


def test_a_credential_counts_up_to_a_year_after_exit() -> None:
    def credential(issued_on: date) -> bool:
        return exiter_outcome(
            exited_on=date(2025, 5, 15),
            placements=[],
            answers=[],
            certificate_issued_on=issued_on,
            today=date(2026, 8, 20),
        ).credential

    assert credential(date(2026, 5, 15))
    assert not credential(date(2026, 5, 16))


def test_fewer_than_five_people_are_shown_only_to_those_who_see_small_numbers() -> None:
    assert shown(5, sees_small_numbers=False)
    assert not shown(4, sees_small_numbers=False)
    assert shown(4, sees_small_numbers=True)
    assert not shown(0, sees_small_numbers=True)
