"""Vacancies over the API: the public search and detail, the employer's writes, the admin's
decisions; the same refusals as the pages, and a fixed number of queries for the list."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.notifications.models import Notification
from balai.placement.models import Company, Vacancy, VacancyStatus
from balai.testing.clients import bearer
from balai.testing.placement import make_company, make_vacancy
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
BASE = "/api/v1/placement/vacancies"


def days(count: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=count)


def payload(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Juru masak",
        "description": "Memasak menu harian.",
        "deadline": days(14).isoformat(),
        "kelurahan_code": SUKARASA,
        "wage_min": "3.500.000",
        "wage_max": 4_500_000,
        "openings": 2,
    }
    return body | changes


def send(client: Client, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(path, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def company(kota_tangerang: None) -> tuple[Company, User]:
    company, (employer,) = make_company()
    employer.email = "hrd@maju.example"
    employer.save()
    return company, employer


def test_the_public_list_needs_no_token_and_costs_the_same_queries_for_any_number(
    company: tuple[Company, User], programmes: list[Programme]
) -> None:
    make_vacancy(company[0], programmes=programmes[:2])
    with CaptureQueriesContext(connection) as few:
        assert Client().get(f"{BASE}/").status_code == 200
    for number in range(12):
        make_vacancy(company[0], title=f"Kasir {number}", programmes=programmes[:2])
    with CaptureQueriesContext(connection) as many:
        response = Client().get(f"{BASE}/")

    assert len(many) == len(few)
    body = response.json()
    assert body["count"] == 13
    first = body["items"][0]
    assert first["company_name"] == "PT Maju Bersama"
    assert first["wage_range"] == "Rp3.000.000 - Rp4.500.000"
    assert first["open_for_applications"] is True
    assert {p["id"] for p in first["programmes"]} == {programmes[0].pk, programmes[1].pk}


def test_the_public_list_filters_and_refuses_unknown_filters(
    company: tuple[Company, User], programmes: list[Programme]
) -> None:
    make_vacancy(company[0], title="Juru masak", programmes=[programmes[0]])
    make_vacancy(company[0], title="Penjahit", wage_min=1_000_000, wage_max=2_000_000)

    assert [v["title"] for v in Client().get(f"{BASE}/?q=jahit").json()["items"]] == ["Penjahit"]
    by_programme = Client().get(f"{BASE}/?programme={programmes[0].pk}").json()["items"]
    assert [v["title"] for v in by_programme] == ["Juru masak"]
    by_wage = Client().get(f"{BASE}/?min_wage=3.000.000").json()["items"]
    assert [v["title"] for v in by_wage] == ["Juru masak"]
    for query in ["programme=999999", "kelurahan=nowhere", "kecamatan=31.71.01", "min_wage=3,5"]:
        response = Client().get(f"{BASE}/?{query}")
        assert response.status_code == 400, query
        assert response.json()["message"]
    assert Client().get(f"{BASE}/?sort=random").status_code == 422


def test_the_public_detail_hides_a_vacancy_not_open_except_from_its_company(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    draft = make_vacancy(company[0], status=VacancyStatus.DRAFT)
    published = make_vacancy(company[0])

    assert Client().get(f"{BASE}/{published.pk}").status_code == 200
    assert Client().get(f"{BASE}/{draft.pk}").status_code == 404
    assert bearer(users_by_role[Role.PARTICIPANT]).get(f"{BASE}/{draft.pk}").status_code == 404
    assert bearer(company[1]).get(f"{BASE}/{draft.pk}").json()["status"] == "draft"
    assert bearer(users_by_role[Role.ADMIN]).get(f"{BASE}/{draft.pk}").status_code == 200


def test_an_employer_creates_updates_submits_and_an_admin_verifies(
    company: tuple[Company, User], users_by_role: dict[str, User], programmes: list[Programme]
) -> None:
    employer = bearer(company[1])
    admin = bearer(users_by_role[Role.ADMIN])

    created = send(employer, "post", f"{BASE}/mine", payload(programme_ids=[programmes[0].pk]))
    assert created.status_code == 201, created.json()
    vacancy_id = created.json()["id"]
    assert created.json()["wage_min"] == 3_500_000
    assert created.json()["status"] == "draft"

    updated = send(employer, "put", f"{BASE}/mine/{vacancy_id}", payload(openings="3"))
    assert updated.status_code == 200
    assert updated.json()["vacancy"]["openings"] == 3
    assert updated.json()["sent_back_for_verification"] is False

    assert send(employer, "post", f"{BASE}/mine/{vacancy_id}/submit").status_code == 200
    queue = admin.get(f"{BASE}/queue").json()
    assert [item["id"] for item in queue] == [vacancy_id]
    verified = send(admin, "post", f"{BASE}/queue/{vacancy_id}/verify")
    assert verified.json()["status"] == "published"
    assert verified.json()["published_at"] is not None
    assert Notification.objects.filter(user=company[1], kind="vacancy_published").exists()

    again = send(employer, "put", f"{BASE}/mine/{vacancy_id}", payload(title="Koki", openings=3))
    assert again.json()["sent_back_for_verification"] is True
    assert again.json()["vacancy"]["status"] == "submitted"

    closed = send(employer, "post", f"{BASE}/mine/{vacancy_id}/close")
    assert closed.json()["status"] == "closed"
    assert [item["status"] for item in employer.get(f"{BASE}/mine").json()] == ["closed"]


def test_an_admin_rejects_only_with_a_reason(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    vacancy = make_vacancy(company[0], status=VacancyStatus.SUBMITTED)
    admin = bearer(users_by_role[Role.ADMIN])

    refused = send(admin, "post", f"{BASE}/queue/{vacancy.pk}/reject", {"reason": " "})
    assert refused.status_code == 400
    assert refused.json()["code"] == "reason_missing"
    rejected = send(admin, "post", f"{BASE}/queue/{vacancy.pk}/reject", {"reason": "Tidak jelas"})
    assert rejected.json()["status_reason"] == "Tidak jelas"
    assert send(admin, "post", f"{BASE}/queue/999999/verify").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"wage_min": "3.500.000,50"}, "wage_min"),
        ({"wage_min": "5.000.000", "wage_max": 4_000_000}, "wage_max"),
        ({"openings": 0}, "openings"),
        ({"deadline": days(-1).isoformat()}, "deadline"),
        ({"title": ""}, "title"),
        ({"kelurahan_code": "", "address": ""}, "kelurahan"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(
    company: tuple[Company, User], changes: dict[str, Any], field: str
) -> None:
    response = send(bearer(company[1]), "post", f"{BASE}/mine", payload(**changes))

    assert response.status_code == 400
    assert field in response.json()["details"]
    assert not Vacancy.objects.exists()


def test_a_fractional_number_is_not_a_wage(company: tuple[Company, User]) -> None:
    response = send(bearer(company[1]), "post", f"{BASE}/mine", payload(wage_min=3500000.5))
    assert response.status_code == 422
    assert not Vacancy.objects.exists()


def test_another_companys_vacancy_is_not_found(company: tuple[Company, User]) -> None:
    other, _users = make_company(name="PT Lain")
    theirs = make_vacancy(other, status=VacancyStatus.DRAFT)
    employer = bearer(company[1])

    assert send(employer, "put", f"{BASE}/mine/{theirs.pk}", payload()).status_code == 404
    assert send(employer, "post", f"{BASE}/mine/{theirs.pk}/submit").status_code == 404
    assert send(employer, "post", f"{BASE}/mine/{theirs.pk}/close").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == VacancyStatus.DRAFT


def test_roles_other_than_employer_and_admin_are_refused(
    company: tuple[Company, User], users_by_role: dict[str, User]
) -> None:
    participant = bearer(users_by_role[Role.PARTICIPANT])
    assert send(participant, "post", f"{BASE}/mine", payload()).status_code == 403
    assert participant.get(f"{BASE}/queue").status_code == 403
    assert Client().get(f"{BASE}/mine").status_code == 401


def test_a_closed_vacancy_is_not_changed_over_the_api(company: tuple[Company, User]) -> None:
    vacancy = make_vacancy(company[0], status=VacancyStatus.CLOSED)

    response = send(bearer(company[1]), "put", f"{BASE}/mine/{vacancy.pk}", payload(title="Baru"))

    assert response.status_code == 400
    assert response.json()["code"] == "vacancy_closed"
    vacancy.refresh_from_db()
    assert vacancy.title == "Juru masak"


def test_a_company_awaiting_verification_cannot_submit_over_the_api(kota_tangerang: None) -> None:
    _company, (employer,) = make_company(status="pending")
    client = bearer(employer)
    created = send(client, "post", f"{BASE}/mine", payload())
    assert created.status_code == 201

    response = send(client, "post", f"{BASE}/mine/{created.json()['id']}/submit")

    assert response.status_code == 403
    assert response.json()["code"] == "company_not_verified"
    assert Vacancy.objects.get().status == VacancyStatus.DRAFT
