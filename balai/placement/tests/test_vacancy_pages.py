"""The pages of vacancies: the public search (a fixed number of queries) and a vacancy's page,
the employer's vacancies, and the admins' verification queue."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.placement.models import Company, Vacancy, VacancyStatus
from balai.testing.clients import client_for
from balai.testing.placement import make_company, make_vacancy
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


def days(count: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=count)


@pytest.fixture
def company(kota_tangerang: None) -> tuple[Company, User]:
    company, (employer,) = make_company()
    return company, employer


def form_data(**changes: str) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "title": "Juru masak",
        "description": "Memasak menu harian.",
        "kelurahan": SUKARASA,
        "address": "",
        "wage_min": "3.500.000",
        "wage_max": "4.500.000",
        "openings": "2",
        "deadline": days(14).isoformat(),
        "skills": "",
    }
    return data | changes


# The public search


def search_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_public_search_needs_no_sign_in_and_costs_the_same_queries_for_any_number(
    company: tuple[Company, User], programmes: list[Programme]
) -> None:
    client = Client()
    make_vacancy(company[0], title="Juru masak 0", programmes=programmes[:2])
    few = search_queries(client, "/jobs/")
    filtered_few = search_queries(client, f"/jobs/?q=juru&programme={programmes[0].pk}")
    for number in range(1, 15):
        other, _users = make_company(name=f"PT Nomor {number}")
        make_vacancy(other, title=f"Juru masak {number}", programmes=programmes[:2])

    assert search_queries(client, "/jobs/") == few
    assert search_queries(client, f"/jobs/?q=juru&programme={programmes[0].pk}") == filtered_few
    page = client.get("/jobs/").content.decode()
    assert page.count('data-testid="vacancy"') == 15
    assert "Rp3.000.000 - Rp4.500.000" in page


def test_the_public_search_shows_only_open_vacancies(company: tuple[Company, User]) -> None:
    make_vacancy(company[0], title="Terbuka")
    make_vacancy(company[0], title="Draf", status=VacancyStatus.DRAFT)
    make_vacancy(company[0], title="Ditutup", status=VacancyStatus.CLOSED)
    expired = make_vacancy(company[0], title="Kedaluwarsa")
    Vacancy.objects.filter(pk=expired.pk).update(deadline=days(-1))
    pending, _users = make_company(name="PT Belum", status="pending")
    make_vacancy(pending, title="Belum diverifikasi")

    page = Client().get("/jobs/").content.decode()

    assert "Terbuka" in page
    for hidden in ["Draf", "Ditutup", "Kedaluwarsa", "Belum diverifikasi"]:
        assert hidden not in page


def test_the_search_filters_and_pages_keep_their_filters(company: tuple[Company, User]) -> None:
    for number in range(25):
        make_vacancy(company[0], title=f"Kasir {number}", kelurahan=KERONCONG)
    make_vacancy(company[0], title="Juru masak")

    first = Client().get("/jobs/?q=kasir&sort=deadline").content.decode()
    second = Client().get("/jobs/?q=kasir&sort=deadline&page=2").content.decode()

    assert first.count('data-testid="vacancy"') == 20
    assert second.count('data-testid="vacancy"') == 5
    assert "q=kasir" in first and "page=2" in first
    assert "Juru masak" not in first + second


@pytest.mark.parametrize(
    "query", ["min_wage=3,5", "min_wage=abc", "programme=999999", "kelurahan=1", "sort=x"]
)
def test_a_bad_filter_is_shown_beside_its_field_and_lists_nothing(
    company: tuple[Company, User], query: str
) -> None:
    make_vacancy(company[0])

    response = Client().get(f"/jobs/?{query}")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page
    assert 'data-testid="vacancy"' not in page


def test_the_search_filters_by_minimum_wage_typed_as_rupiah(
    company: tuple[Company, User],
) -> None:
    make_vacancy(company[0], title="Murah", wage_min=1_000_000, wage_max=2_000_000)
    make_vacancy(company[0], title="Layak", wage_min=4_000_000, wage_max=5_000_000)

    page = Client().get("/jobs/?min_wage=3.000.000").content.decode()

    assert "Layak" in page and "Murah" not in page


# A vacancy's page


def test_a_vacancy_page_shows_what_a_job_seeker_needs(
    company: tuple[Company, User], programmes: list[Programme]
) -> None:
    vacancy = make_vacancy(company[0], programmes=[programmes[0]], deadline=days(9), openings=3)

    page = Client().get(f"/jobs/{vacancy.pk}/").content.decode()

    assert "PT Maju Bersama" in page
    assert "Rp3.000.000 - Rp4.500.000" in page
    assert "Sukarasa" in page
    assert days(9).strftime("%d-%m-%Y") in page
    assert programmes[0].name in page
    assert 'data-testid="not-open"' not in page


@pytest.mark.parametrize("status", [VacancyStatus.DRAFT, VacancyStatus.SUBMITTED, "expired"])
def test_a_vacancy_not_open_is_not_found_by_the_public_but_seen_by_its_company_and_admins(
    company: tuple[Company, User], users_by_role: dict[str, User], status: str
) -> None:
    vacancy = make_vacancy(
        company[0], status=VacancyStatus.PUBLISHED if status == "expired" else status
    )
    if status == "expired":
        Vacancy.objects.filter(pk=vacancy.pk).update(deadline=days(-1))
    path = f"/jobs/{vacancy.pk}/"
    _other_company, (other_employer,) = make_company(name="PT Lain")

    assert Client().get(path).status_code == 404
    assert client_for(users_by_role[Role.PARTICIPANT]).get(path).status_code == 404
    assert client_for(other_employer).get(path).status_code == 404
    for insider in (company[1], users_by_role[Role.ADMIN]):
        response = client_for(insider).get(path)
        assert response.status_code == 200
        assert 'data-testid="not-open"' in response.content.decode()


def test_an_unknown_vacancy_is_not_found(kota_tangerang: None) -> None:
    assert Client().get("/jobs/999999/").status_code == 404


# The employer's vacancies


def test_an_employer_drafts_then_submits_a_vacancy_from_the_pages(
    company: tuple[Company, User], programmes: list[Programme]
) -> None:
    client = client_for(company[1])
    data = form_data() | {"programmes": [str(programmes[0].pk)], "action": "draft"}

    response = client.post("/employers/vacancies/new/", data)

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert (vacancy.status, vacancy.wage_min) == (VacancyStatus.DRAFT, 3_500_000)
    assert list(vacancy.programmes.all()) == [programmes[0]]
    listing = client.get("/employers/vacancies/").content.decode()
    assert "Juru masak" in listing and "Draf" in listing

    client.post(f"/employers/vacancies/{vacancy.pk}/submit/")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_the_form_shows_every_refusal_beside_its_field_and_saves_nothing(
    company: tuple[Company, User],
) -> None:
    response = client_for(company[1]).post(
        "/employers/vacancies/new/",
        form_data(wage_min="3.500.000,50", openings="0", deadline=days(-1).isoformat()),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="field has-error"') == 3
    assert not Vacancy.objects.exists()


def test_a_published_vacancy_edited_in_substance_waits_for_verification_again(
    company: tuple[Company, User],
) -> None:
    vacancy = make_vacancy(company[0])
    client = client_for(company[1])

    response = client.post(
        f"/employers/vacancies/{vacancy.pk}/edit/", form_data(title="Koki"), follow=True
    )

    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.status) == ("Koki", VacancyStatus.SUBMITTED)
    assert Client().get(f"/jobs/{vacancy.pk}/").status_code == 404
    assert response.status_code == 200


def test_an_employer_closes_a_vacancy(company: tuple[Company, User]) -> None:
    vacancy = make_vacancy(company[0])

    client_for(company[1]).post(f"/employers/vacancies/{vacancy.pk}/close/")

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert Client().get(f"/jobs/{vacancy.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", "edit/"), ("post", "edit/"), ("post", "submit/"), ("post", "close/")],
)
def test_an_employer_cannot_open_or_change_another_companys_vacancy(
    company: tuple[Company, User], method: str, suffix: str
) -> None:
    other_company, _users = make_company(name="PT Lain")
    theirs = make_vacancy(other_company, status=VacancyStatus.DRAFT)
    client = client_for(company[1])

    response = getattr(client, method)(f"/employers/vacancies/{theirs.pk}/{suffix}", form_data())

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Juru masak", VacancyStatus.DRAFT)
    assert "Juru masak" not in client.get("/employers/vacancies/").content.decode()


def test_an_employer_without_a_company_is_told_to_register_one(
    users_by_role: dict[str, User],
) -> None:
    client = client_for(users_by_role[Role.EMPLOYER])
    assert client.get("/employers/vacancies/").status_code == 200
    response = client.post("/employers/vacancies/new/", form_data())
    assert response.status_code == 200
    assert not Vacancy.objects.exists()


# The admins' queue


def test_the_queue_lists_submitted_vacancies_oldest_first(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    newer = make_vacancy(company[0], title="Kedua", status=VacancyStatus.SUBMITTED)
    older = make_vacancy(company[0], title="Pertama", status=VacancyStatus.SUBMITTED)
    make_vacancy(company[0], title="Draf saja", status=VacancyStatus.DRAFT)
    Vacancy.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - datetime.timedelta(1))
    Vacancy.objects.filter(pk=newer.pk).update(submitted_at=timezone.now())

    page = client_for(users_by_role[Role.ADMIN]).get("/jobs/verification/").content.decode()

    assert page.index("Pertama") < page.index("Kedua")
    assert "Draf saja" not in page


def test_an_admin_verifies_and_rejects_from_the_queue(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    first = make_vacancy(company[0], title="Pertama", status=VacancyStatus.SUBMITTED)
    second = make_vacancy(company[0], title="Kedua", status=VacancyStatus.SUBMITTED)
    client = client_for(users_by_role[Role.ADMIN])

    client.post(f"/jobs/verification/{first.pk}/", {"decision": "verify"})
    client.post(f"/jobs/verification/{second.pk}/", {"decision": "reject", "reason": ""})
    second.refresh_from_db()
    assert second.status == VacancyStatus.SUBMITTED  # no reason: nothing decided
    client.post(f"/jobs/verification/{second.pk}/", {"decision": "reject", "reason": "Tidak jelas"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == VacancyStatus.PUBLISHED and first.published_at is not None
    assert (second.status, second.status_reason) == (VacancyStatus.REJECTED, "Tidak jelas")
    listing = client_for(company[1]).get("/employers/vacancies/").content.decode()
    assert "Tidak jelas" in listing


def test_deciding_an_unknown_vacancy_is_not_found(users_by_role: dict[str, User]) -> None:
    response = client_for(users_by_role[Role.ADMIN]).post(
        "/jobs/verification/999999/", {"decision": "verify"}
    )
    assert response.status_code == 404


def test_a_decision_without_a_choice_decides_nothing(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    vacancy = make_vacancy(company[0], status=VacancyStatus.SUBMITTED)

    response = client_for(users_by_role[Role.ADMIN]).post(
        f"/jobs/verification/{vacancy.pk}/", {"decision": "maybe"}, follow=True
    )

    assert response.status_code == 200
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_the_edit_form_shows_the_wages_as_rupiah_are_written(
    company: tuple[Company, User],
) -> None:
    vacancy = make_vacancy(company[0], status=VacancyStatus.DRAFT)

    page = client_for(company[1]).get(f"/employers/vacancies/{vacancy.pk}/edit/").content.decode()

    assert 'value="3.000.000"' in page and 'value="4.500.000"' in page


def test_a_closed_vacancy_is_not_changed_from_its_page(company: tuple[Company, User]) -> None:
    vacancy = make_vacancy(company[0], status=VacancyStatus.CLOSED)

    response = client_for(company[1]).post(
        f"/employers/vacancies/{vacancy.pk}/edit/", form_data(title="Baru")
    )

    assert response.status_code == 200
    vacancy.refresh_from_db()
    assert vacancy.title == "Juru masak"
