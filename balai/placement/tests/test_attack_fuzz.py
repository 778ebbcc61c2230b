"""Every placement page and API route, opened as each role with hostile input (bad query
strings, empty and garbage forms, broken and mistyped JSON): never a server error."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.catalogue.models import Programme
from balai.placement.fairs import booth_add
from balai.placement.interviews import interview_book
from balai.placement.models import (
    JobFair,
    PlacementChannel,
    PlacementKind,
    Recruitment,
)
from balai.placement.outcomes import placement_record
from balai.regions.models import Kelurahan
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import make_company, make_graduates, make_vacancy
from balai.testing.places import SUKARASA
from balai.testing.routes import ALL_ROUTES, fill_path

pytestmark = pytest.mark.django_db

BAD_QUERY = {
    "page": "abc",
    "fair": "xyz",
    "programme": "-1",
    "kelurahan": "<script>",
    "kecamatan": "zz",
    "status": "zzz",
    "q": "x" * 5000,
    "sort": "nope",
    "enrolment": "abc",
    "company": "abc",
    "starts_from": "0001-01-01",
    "starts_until": "9999-12-31",
    "exited_from": "abc",
    "exited_until": "99999-01-01",
    "breakdown": "bogus",
    "min_wage": "1e400",
    "sector": "x",
    "months_after_exit": "-5",
    "channel": "x",
    "kind": "x",
    "next": "//evil.example",
    "slot": "abc",
    "vacancy": "abc",
    "wave": "abc",
}
GARBAGE_POST = {
    name: value
    for name, value in {
        **BAD_QUERY,
        "openings": "99999999999999999999",
        "wage_min": "-1",
        "wage_max": "1.5",
        "deadline": "0001-01-01",
        "starts_at": "9999-12-31T23:59",
        "ends_at": "0001-01-01T00:00",
        "starts_on": "0001-01-01",
        "ends_on": "9999-12-31",
        "title": "\u0000" * 10,
        "description": "x" * 100000,
        "programmes": ["abc", "-1"],
        "sectors": ["x"],
        "vacancies": ["abc"],
        "link_valid_days": "99999999999999999999",
        "reminder_after_days": "-1",
        "income_band": "x",
        "outcome": "x",
        "reason": "x" * 5000,
        "phone": "\u202e" * 30,
        "nib": "1" * 500,
        "email": "a@" + "b" * 300,
        "is_manager": "maybe",
        "member_id": "x",
        "username": "a" * 500,
    }.items()
}


@pytest.fixture
def world(
    kota_tangerang: None,
    programmes: list[Programme],
    users_by_role: dict[str, User],
    settings: Any,
    tmp_path: Path,
) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    graduates = make_graduates(programmes, count=2)
    company, (employer,) = make_company()
    _other, (stranger,) = make_company(name="PT Lain")
    vacancy = make_vacancy(company, programmes=[graduates.programme])
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    booking = interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])
    today = timezone.localdate()
    fair = JobFair.objects.create(
        name="Bursa", starts_on=today, ends_on=today + datetime.timedelta(days=1)
    )
    booth = booth_add(job_fair=fair, company=company)
    recruitment = Recruitment.objects.create(
        title="Operator",
        kind=Recruitment.Kind.LOCAL_WORK,
        employer_name="PT X",
        kelurahan=Kelurahan.objects.get(code=SUKARASA),
        openings=3,
        starts_on=today,
        created_by=users_by_role[Role.ADMIN],
    )
    placement = placement_record(
        enrolment=graduates.enrolments[1],
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.OPERATOR,
        employer_name="Toko",
        starts_on=today,
        by=None,
    )
    ids = {
        "vacancy_id": str(vacancy.pk),
        "application_id": str(application.pk),
        "slot_id": str(slot.pk),
        "booking_id": str(booking.pk),
        "placement_id": str(placement.pk),
        "company_id": str(company.pk),
        "job_fair_id": str(fair.pk),
        "booth_id": str(booth.pk),
        "recruitment_id": str(recruitment.pk),
        "token": "x" * 3000,
        "name": "..%2f..%2fetc",
        "public_id": str(graduates.enrolments[0].person.public_id),
    }
    users = dict(users_by_role)
    users["employer"] = employer
    users["stranger"] = stranger
    users["participant"] = graduates.users[0]
    users["participant2"] = graduates.users[1]
    return {"ids": ids, "users": users}


def placement_routes() -> list[tuple[str, str]]:
    return [
        (name, path)
        for name, path in ALL_ROUTES
        if name.startswith("placement:") or "/api/v1/placement/" in path
    ]


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "admin",
        "employer",
        "stranger",
        "participant",
        "participant2",
        Role.KELURAHAN_OPERATOR,
        Role.KECAMATAN_OPERATOR,
        Role.VIEWER,
    ],
)
def test_no_placement_route_answers_hostile_input_with_a_server_error(
    world: dict[str, Any], who: str
) -> None:
    client = Client(raise_request_exception=False)
    api = Client(raise_request_exception=False)
    if who != "anonymous":
        user = world["users"].get(who) or world["users"][Role.ADMIN if who == "admin" else who]
        client.force_login(user)
        _token, secret = api_token_create(user=user, label="fuzz")
        api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {secret}")
    errors = []
    for name, pattern in placement_routes():
        path = fill_path(pattern, world["ids"])
        browser_or_api = api if "/api/" in path else client
        attempts: list[tuple[str, dict[str, Any]]] = [
            ("get", {"data": BAD_QUERY}),
            ("post", {"data": {}}),
            ("post", {"data": GARBAGE_POST}),
            ("post", {"data": "{not json", "content_type": "application/json"}),
            (
                "post",
                {
                    "data": {
                        "title": 5,
                        "openings": "x",
                        "wage_min": [1],
                        "slot_id": "a",
                        "starts_on": 7,
                        "deadline": "9999-99-99",
                    },
                    "content_type": "application/json",
                },
            ),
            ("put", {"data": {"openings": 10**30}, "content_type": "application/json"}),
            ("patch", {"data": {"openings": -1}, "content_type": "application/json"}),
        ]
        for method, kwargs in attempts:
            response = getattr(browser_or_api, method)(path, **kwargs)
            if response.status_code >= 500:
                errors.append(f"{who} {method} {name} {path} {response.status_code}")
    assert errors == [], "\n".join(errors)
