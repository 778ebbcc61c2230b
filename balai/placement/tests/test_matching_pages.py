"""Recommendations from the database: a graduate's open vacancies, a vacancy's graduates
(only those who let the company see them), over the pages and the API, and who may open
them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import NotFoundError
from balai.placement.matching.selectors import recommended_graduates, recommended_vacancies
from balai.placement.models import (
    CompanyStatus,
    JobPreference,
    ProfileShare,
    Vacancy,
    VacancyStatus,
)
from balai.regions.services import kelurahan_locate
from balai.testing.clients import bearer, client_for
from balai.testing.factories import kelurahan
from balai.testing.placement import Graduates, make_company, make_graduates, make_vacancy
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


@dataclass
class World:
    graduates: Graduates
    employer: User
    near: Vacancy
    far: Vacancy
    other_programme: Vacancy


@pytest.fixture
def world(kota_tangerang: None, programmes: list[Programme]) -> World:
    """Three Tata Boga graduates of Sukarasa; a verified company's open vacancies there, in
    Keroncong (about 11 km away) and one for welders; and vacancies nobody may see."""
    graduates = make_graduates(programmes, count=3)
    kelurahan_locate(kelurahan=kelurahan(SUKARASA), latitude=-6.1750, longitude=106.6300)
    kelurahan_locate(kelurahan=kelurahan(KERONCONG), latitude=-6.2000, longitude=106.5300)
    company, (employer,) = make_company()
    tata_boga, las = programmes[0], programmes[1]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_vacancy(company, title="Tutup", programmes=[tata_boga], status=VacancyStatus.CLOSED)
    make_vacancy(company, title="Lewat", programmes=[tata_boga], deadline=yesterday)
    pending, _members = make_company(name="CV Belum", status=CompanyStatus.PENDING)
    make_vacancy(pending, title="Belum diverifikasi", programmes=[tata_boga])
    return World(
        graduates=graduates,
        employer=employer,
        near=make_vacancy(company, title="Juru masak", programmes=[tata_boga]),
        far=make_vacancy(company, title="Koki pabrik", programmes=[tata_boga], kelurahan=KERONCONG),
        other_programme=make_vacancy(company, title="Tukang las", programmes=[las]),
    )


def titles(user: User) -> list[str]:
    return [item.vacancy.title for item in recommended_vacancies(user=user).items]


def test_a_graduate_is_recommended_open_vacancies_best_first(world: World) -> None:
    result = recommended_vacancies(user=world.graduates.users[0])

    assert result.state == "ready"
    assert [item.vacancy.title for item in result.items] == [
        "Juru masak",
        "Koki pabrik",
        "Tukang las",
    ]
    near, far, other = (item.match for item in result.items)
    assert (near.programme_wanted, near.competent_units, near.programme_units) == (True, 3, 3)
    assert near.distance_km == 0
    assert far.distance_km == pytest.approx(11.40, abs=0.01)  # by hand: haversine
    assert other.programme_wanted is False
    # 40 + 20 + 25 + wage and sector not stated (5 + 2.5)
    assert near.score == 92.5


def test_the_graduate_page_shows_the_reasons_in_indonesian(world: World) -> None:
    response = client_for(world.graduates.users[0]).get("/jobs/recommended/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "lulus Tata Boga, kompeten 3/3 unit, satu kelurahan" in page
    assert "lulus Tata Boga, kompeten 3/3 unit, 11 km" in page
    assert "Tutup" not in page and "Lewat" not in page and "Belum diverifikasi" not in page


def test_a_graduates_preferences_exclude_jobs_too_far_or_paid_too_little(world: World) -> None:
    person = world.graduates.enrolments[0].person
    JobPreference.objects.create(person=person, max_distance_km=5)
    assert titles(world.graduates.users[0]) == ["Juru masak", "Tukang las"]

    JobPreference.objects.filter(person=person).update(max_distance_km=None, min_wage=4_600_000)
    Vacancy.objects.filter(pk=world.near.pk).update(wage_max=5_000_000)
    assert titles(world.graduates.users[0]) == ["Juru masak"]
    assert (
        "upah sesuai harapan"
        in client_for(world.graduates.users[0]).get("/jobs/recommended/").content.decode()
    )


def test_a_graduate_not_looking_for_a_job_is_told_so(world: World) -> None:
    JobPreference.objects.create(
        person=world.graduates.enrolments[0].person, wants_wage_employment=False
    )

    result = recommended_vacancies(user=world.graduates.users[0])

    assert (result.state, result.items) == ("not_looking", [])
    page = client_for(world.graduates.users[0]).get("/jobs/recommended/").content.decode()
    assert "tidak sedang mencari kerja" in page


def test_a_participant_who_has_not_graduated_is_told_why_there_is_nothing(
    world: World, users_by_role: dict[str, User]
) -> None:
    response = client_for(users_by_role[Role.PARTICIPANT]).get("/jobs/recommended/")

    assert response.status_code == 200
    assert "setelah Anda menyelesaikan pelatihan" in response.content.decode()


def share_and_show(world: World) -> tuple[str, str, str]:
    """The first graduate shares with the company, the second shows everyone, the third
    neither (and shares with another company)."""
    shared, shown, hidden = (e.person for e in world.graduates.enrolments)
    ProfileShare.objects.create(person=shared, company=world.near.company)
    JobPreference.objects.create(person=shown, visible_to_all_employers=True)
    elsewhere, _members = make_company(name="PT Lain")
    ProfileShare.objects.create(person=hidden, company=elsewhere)
    JobPreference.objects.create(person=hidden, visible_to_all_employers=False)
    return shared.full_name, shown.full_name, hidden.full_name


def test_an_employer_sees_only_graduates_who_let_the_company_see_them(world: World) -> None:
    shared, shown, hidden = share_and_show(world)

    _vacancy, graduates = recommended_graduates(user=world.employer, vacancy_id=world.near.pk)

    assert sorted(item.full_name for item in graduates) == sorted([shared, shown])
    assert {item.full_name: item.shared_with_company for item in graduates} == {
        shared: True,
        shown: False,
    }
    page = client_for(world.employer).get(f"/employers/vacancies/{world.near.pk}/recommended/")
    assert page.status_code == 200
    assert shared in page.content.decode() and shown in page.content.decode()
    assert hidden not in page.content.decode()
    answer = bearer(world.employer).get(
        f"/api/v1/placement/matching/vacancies/{world.near.pk}/graduates"
    )
    assert answer.status_code == 200
    assert sorted(item["full_name"] for item in answer.json()) == sorted([shared, shown])
    assert answer.json()[0]["match"]["reasons"][0] == "lulus Tata Boga"


def test_an_employer_sees_nobody_when_no_graduate_shared(world: World) -> None:
    _vacancy, graduates = recommended_graduates(user=world.employer, vacancy_id=world.near.pk)

    assert graduates == []
    page = client_for(world.employer).get(f"/employers/vacancies/{world.near.pk}/recommended/")
    assert "Belum ada lulusan" in page.content.decode()


def test_another_companys_employer_cannot_open_the_vacancys_recommendations(
    world: World,
) -> None:
    share_and_show(world)
    _company, (stranger,) = make_company(name="PT Pesaing")
    _pending, (waiting,) = make_company(name="CV Menunggu", status=CompanyStatus.PENDING)

    for user in (stranger, waiting):
        with pytest.raises(NotFoundError):
            recommended_graduates(user=user, vacancy_id=world.near.pk)
        path = f"/employers/vacancies/{world.near.pk}/recommended/"
        assert client_for(user).get(path).status_code == 404
        api = f"/api/v1/placement/matching/vacancies/{world.near.pk}/graduates"
        assert bearer(user).get(api).status_code == 404


def test_the_api_gives_a_graduate_the_same_list_with_scores_and_reasons(world: World) -> None:
    answer = bearer(world.graduates.users[0]).get("/api/v1/placement/matching/vacancies")

    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "ready"
    assert [item["title"] for item in body["vacancies"]] == [
        "Juru masak",
        "Koki pabrik",
        "Tukang las",
    ]
    first = body["vacancies"][0]["match"]
    assert (first["score"], first["competent_units"], first["distance_km"]) == (92.5, 3, 0.0)
    assert first["reasons"] == ["lulus Tata Boga", "kompeten 3/3 unit", "satu kelurahan"]


def test_each_page_is_for_its_own_role(world: World, users_by_role: dict[str, User]) -> None:
    graduate_page, employer_page = (
        "/jobs/recommended/",
        f"/employers/vacancies/{world.near.pk}/recommended/",
    )

    assert client_for(world.employer).get(graduate_page).status_code == 403
    assert client_for(world.graduates.users[0]).get(employer_page).status_code == 403
    assert client_for(users_by_role[Role.ADMIN]).get(employer_page).status_code == 403
    assert bearer(world.employer).get("/api/v1/placement/matching/vacancies").status_code == 403
    assert client_for(world.employer).get(graduate_page).status_code == 403
    anonymous = Client().get(graduate_page)
    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]


def test_the_employer_list_takes_the_same_queries_however_many_graduates(
    world: World,
) -> None:
    share_and_show(world)
    JobPreference.objects.filter(person__in=[e.person for e in world.graduates.enrolments]).update(
        visible_to_all_employers=True
    )
    with CaptureQueriesContext(connection) as three:
        recommended_graduates(user=world.employer, vacancy_id=world.near.pk)
    JobPreference.objects.filter(person=world.graduates.enrolments[2].person).update(
        visible_to_all_employers=False
    )
    with CaptureQueriesContext(connection) as two:
        recommended_graduates(user=world.employer, vacancy_id=world.near.pk)

    assert len(three) == len(two)


def test_a_graduate_with_no_open_vacancy_is_told_so(world: World) -> None:
    Vacancy.objects.update(status=VacancyStatus.CLOSED)

    result = recommended_vacancies(user=world.graduates.users[0])

    assert (result.state, result.items) == ("ready", [])
    assert "belum ada lowongan terbuka" in result.message.lower()


def test_the_graduate_list_takes_the_same_queries_however_many_vacancies(
    world: World, programmes: list[Programme]
) -> None:
    graduate = world.graduates.users[0]
    with CaptureQueriesContext(connection) as three:
        recommended_vacancies(user=graduate)
    for number in range(4):
        make_vacancy(world.near.company, title=f"Lagi {number}", programmes=programmes[:2])
    with CaptureQueriesContext(connection) as seven:
        result = recommended_vacancies(user=graduate)

    assert len(result.items) == 7
    assert len(seven) == len(three)
