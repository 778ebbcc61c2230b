"""Which vacancies are open (computed from the date: nothing runs for one to expire) and what
the public search finds, in what order."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.placement.models import CompanyStatus, Vacancy, VacancyStatus
from balai.placement.vacancy_selectors import (
    VacancySearch,
    VacancySort,
    open_vacancies,
    vacancy_open_for_applications,
    vacancy_search,
)
from balai.regions.models import Kecamatan, Kelurahan
from balai.testing.placement import make_company, make_vacancy
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


def days(count: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=count)


def test_a_vacancy_is_open_through_its_deadline_and_not_a_day_after(kota_tangerang: None) -> None:
    company, _users = make_company()
    vacancy = make_vacancy(company, deadline=days(3))

    assert vacancy_open_for_applications(vacancy, on=days(3))
    assert not vacancy_open_for_applications(vacancy, on=days(4))
    assert list(open_vacancies(on=days(3))) == [vacancy]
    assert list(open_vacancies(on=days(4))) == []
    assert vacancy_open_for_applications(vacancy)  # today


@pytest.mark.parametrize(
    "status",
    [VacancyStatus.DRAFT, VacancyStatus.SUBMITTED, VacancyStatus.REJECTED, VacancyStatus.CLOSED],
)
def test_a_vacancy_not_published_is_not_open(kota_tangerang: None, status: str) -> None:
    company, _users = make_company()
    vacancy = make_vacancy(company, status=status)

    assert not vacancy_open_for_applications(vacancy)
    assert not open_vacancies().exists()


@pytest.mark.parametrize(
    "status", [CompanyStatus.PENDING, CompanyStatus.REJECTED, CompanyStatus.SUSPENDED]
)
def test_a_company_not_verified_has_no_open_vacancy(kota_tangerang: None, status: str) -> None:
    company, _users = make_company()
    vacancy = make_vacancy(company)
    company.status = status
    company.save()
    vacancy.refresh_from_db()

    assert not vacancy_open_for_applications(vacancy)
    assert not open_vacancies().exists()


@pytest.fixture
def city_jobs(kota_tangerang: None, programmes: list[Programme]) -> dict[str, Vacancy]:
    maju, _users = make_company(name="PT Maju Bersama")
    sejahtera, _users = make_company(name="CV Sejahtera")
    cook = make_vacancy(
        maju, title="Juru masak", programmes=[programmes[0]], kelurahan=SUKARASA, deadline=days(20)
    )
    tailor = make_vacancy(
        sejahtera,
        title="Penjahit",
        programmes=[programmes[1]],
        kelurahan=KERONCONG,
        wage_min=2_000_000,
        wage_max=2_800_000,
        deadline=days(5),
    )
    barista = make_vacancy(
        maju, title="Barista", kelurahan=BABAKAN, wage_min=None, wage_max=None, deadline=days(10)
    )
    Vacancy.objects.filter(pk=barista.pk).update(skills="kopi, latte art")
    # Published in this order: the cook first, the barista last.
    for hours, vacancy in enumerate([cook, tailor, barista]):
        Vacancy.objects.filter(pk=vacancy.pk).update(
            published_at=timezone.now() - datetime.timedelta(hours=10 - hours)
        )
    return {"cook": cook, "tailor": tailor, "barista": barista}


def titles(search: VacancySearch) -> list[str]:
    return [vacancy.title for vacancy in vacancy_search(search)]


def test_the_search_is_newest_first_or_closing_soonest(city_jobs: dict[str, Vacancy]) -> None:
    assert titles(VacancySearch()) == ["Barista", "Penjahit", "Juru masak"]
    assert titles(VacancySearch(sort=VacancySort.DEADLINE)) == [
        "Penjahit",
        "Barista",
        "Juru masak",
    ]


def test_the_search_finds_words_in_the_title_company_and_skills(
    city_jobs: dict[str, Vacancy],
) -> None:
    assert titles(VacancySearch(text="jahit")) == ["Penjahit"]
    assert titles(VacancySearch(text="sejahtera")) == ["Penjahit"]
    assert titles(VacancySearch(text="LATTE")) == ["Barista"]
    assert titles(VacancySearch(text="pilot")) == []


def test_the_search_filters_by_programme_place_and_wage(
    city_jobs: dict[str, Vacancy], programmes: list[Programme]
) -> None:
    tangerang = Kecamatan.objects.get(kelurahan_set__code=SUKARASA)

    assert titles(VacancySearch(programme=programmes[1])) == ["Penjahit"]
    assert titles(VacancySearch(kecamatan=tangerang)) == ["Barista", "Juru masak"]
    assert titles(VacancySearch(kelurahan=Kelurahan.objects.get(code=KERONCONG))) == ["Penjahit"]
    # A range that reaches the wage asked for matches; one that states no wage does not.
    assert titles(VacancySearch(minimum_wage=2_500_000)) == ["Penjahit", "Juru masak"]
    assert titles(VacancySearch(minimum_wage=4_000_000)) == ["Juru masak"]


def test_the_search_leaves_out_expired_vacancies(city_jobs: dict[str, Vacancy]) -> None:
    assert [vacancy.title for vacancy in vacancy_search(VacancySearch(), on=days(6))] == [
        "Barista",
        "Juru masak",
    ]
