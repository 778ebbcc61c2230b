"""Week calendars people can use: they open on the week that has sessions now or next, list
the days with sessions for a phone, and reach an operator's area from the menu; leadership
reads timetables and allocations without a button to change them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.selectors import monday_of
from balai.scheduling.services import schedule_solve
from balai.testing.clients import client_for
from balai.testing.days import morning_of
from balai.testing.factories import kelurahan
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


@pytest.fixture
def solved(city: Batch) -> Batch:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    return city


def _week_of(page: str) -> str:
    return page.split('data-testid="week-of">', 1)[1].split("<", 1)[0]


def _class_in(code: str) -> TrainingClass:
    training_class = TrainingClass.objects.filter(offering__kelurahan_id=code).first()
    assert training_class is not None
    return training_class


def test_a_week_opens_on_this_week_when_it_has_sessions(
    solved: Batch, users_by_role: dict[str, User]
) -> None:
    sessions = ClassSession.objects.filter(venue__kelurahan_id=SUKARASA).order_by("date")
    third_week = monday_of(sessions[0].date) + datetime.timedelta(weeks=2)
    during = sessions.filter(date__gte=third_week).first()
    assert during is not None
    with time_machine.travel(morning_of(during.date)):
        # Signed in there: a session started weeks before would have expired.
        operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
        page = operator.get(reverse("scheduling:kelurahan_week", args=[SUKARASA])).content.decode()
    assert _week_of(page) == f"Minggu mulai {monday_of(during.date):%d-%m-%Y}"


def test_a_week_before_any_session_opens_on_the_first_week_with_sessions(
    solved: Batch, users_by_role: dict[str, User]
) -> None:
    training_class = _class_in(SUKARASA)
    first = training_class.sessions.order_by("date").first()
    assert first is not None
    page = (
        client_for(users_by_role[Role.ADMIN])
        .get(reverse("scheduling:class_week", args=[training_class.pk]))
        .content.decode()
    )
    assert _week_of(page) == f"Minggu mulai {monday_of(first.date):%d-%m-%Y}"


def test_a_week_after_the_last_session_opens_on_the_last_week_not_the_first(
    solved: Batch, users_by_role: dict[str, User]
) -> None:
    training_class = _class_in(SUKARASA)
    last = training_class.sessions.order_by("date").last()
    assert last is not None
    with time_machine.travel(morning_of(last.date + datetime.timedelta(weeks=3))):
        admin = client_for(users_by_role[Role.ADMIN])
        page = admin.get(reverse("scheduling:class_week", args=[training_class.pk]))
    assert _week_of(page.content.decode()) == f"Minggu mulai {monday_of(last.date):%d-%m-%Y}"


def test_the_week_is_also_listed_by_day_for_a_phone(
    solved: Batch, users_by_role: dict[str, User]
) -> None:
    training_class = _class_in(SUKARASA)
    first = training_class.sessions.order_by("date").first()
    assert first is not None
    monday = monday_of(first.date)
    page = (
        client_for(users_by_role[Role.ADMIN])
        .get(reverse("scheduling:class_week", args=[training_class.pk]))
        .content.decode()
    )
    listing = page.split('data-testid="week-list"', 1)[1]
    in_week = training_class.sessions.filter(
        date__range=(monday, monday + datetime.timedelta(days=5))
    )
    assert listing.count('data-testid="listed-session"') == in_week.count() > 0
    assert listing.count('class="week-day"') == len({session.date for session in in_week})


def test_the_stylesheet_shows_the_list_instead_of_the_grid_on_a_narrow_screen() -> None:
    path = finders.find("balai/balai.css")
    assert isinstance(path, str)
    css = Path(path).read_text(encoding="utf-8")
    narrow = css.split("@media (max-width: 600px) { .week-grid", 1)[1].split("}", 3)
    assert "display: none" in narrow[0] and "display: block" in narrow[1]


@pytest.mark.parametrize(
    ("role", "sees", "not_sees"),
    [
        (Role.KELURAHAN_OPERATOR, SUKARASA, KERONCONG),
        (Role.KECAMATAN_OPERATOR, SUKARASA, KERONCONG),
    ],
)
def test_an_operator_reaches_their_area_week_from_the_menu(
    solved: Batch, users_by_role: dict[str, User], role: str, sees: str, not_sees: str
) -> None:
    operator = client_for(users_by_role[role])
    home = operator.get("/").content.decode()
    area_week = reverse("scheduling:area_week")
    menu = home.split('<nav class="main"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{area_week}"' in menu
    page = operator.get(area_week).content.decode()
    sessions = ClassSession.objects.filter(venue__kelurahan_id=sees).order_by("date")
    monday = monday_of(sessions[0].date)
    shown = sessions.filter(date__range=(monday, monday + datetime.timedelta(days=5))).count()
    assert page.count('data-testid="session"') == shown > 0
    assert _kelurahan_name(not_sees) not in page.split('data-testid="week"', 1)[1]


def _kelurahan_name(code: str) -> str:
    return kelurahan(code).name


def test_leadership_reads_timetables_and_allocations_but_changes_nothing(
    solved: Batch, users_by_role: dict[str, User]
) -> None:
    viewer = client_for(users_by_role[Role.VIEWER])
    menu = viewer.get("/").content.decode().split('<nav class="main"', 1)[1]
    assert reverse("scheduling:batch_list") in menu and reverse("intake:allocation_list") in menu
    timetable = viewer.get(reverse("scheduling:batch", args=[solved.code]))
    assert timetable.status_code == 200
    assert reverse("scheduling:solve", args=[solved.code]) not in timetable.content.decode()
    allocation = viewer.get(reverse("intake:allocation_batch", args=[solved.code]))
    assert allocation.status_code == 200
    assert reverse("intake:allocation_start", args=[solved.code]) not in allocation.content.decode()
    refused = viewer.post(reverse("scheduling:solve", args=[solved.code]), {"time_limit": 10})
    assert refused.status_code == 403
    refused = viewer.post(reverse("intake:allocation_start", args=[solved.code]), {"seed": 1})
    assert refused.status_code == 403
