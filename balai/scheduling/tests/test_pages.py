"""Scheduling through the web: solving, week calendars, and private calendar feeds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from balai.accounts.models import Role, User
from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_create
from balai.conftest import BABAKAN, SUKARASA
from balai.factories import UserFactory, kelurahan
from balai.intake.allocation.offers import offer_accept
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Batch, Offer, Offering
from balai.intake.tests.test_allocation_pages import account_for
from balai.intake.tests.test_allocation_runs import apply, close
from balai.scheduling.models import CalendarFeed, ClassSession, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.tests.conftest import MONDAY
from balai.scheduling.validator import timetable_check

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_solves_from_the_page_and_reads_the_result(
    city: Batch, users_by_role: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    admin = client_for(users_by_role[Role.ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("scheduling:solve", args=[city.code]), {"time_limit": 10})
    page = admin.get(reverse("scheduling:batch", args=[city.code])).content.decode()
    assert "Terpecahkan" in page and 'data-testid="classes-scheduled">6<' in page
    loads = admin.get(reverse("scheduling:loads", args=[city.code])).content.decode()
    assert (
        loads.count("<tr>")
        == 1 + Instructor.objects.filter(sessions__isnull=False).distinct().count()
    )


def test_week_calendars_show_the_sessions_of_the_week(
    city: Batch, users_by_role: dict[str, User]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    training_class = TrainingClass.objects.first()
    assert training_class is not None
    first = training_class.sessions.order_by("date").first()
    assert first is not None
    monday = first.date - datetime.timedelta(days=first.date.weekday())
    week = operator.get(reverse("scheduling:class_week", args=[training_class.pk]))
    expected = ClassSession.objects.filter(
        training_class=training_class, date__range=(monday, monday + datetime.timedelta(days=5))
    ).count()
    assert week.content.decode().count('data-testid="session"') == expected > 0
    later = operator.get(
        reverse("scheduling:kelurahan_week", args=[training_class.offering.kelurahan_id]),
        {"week": (MONDAY + datetime.timedelta(weeks=1)).isoformat()},
    ).content.decode()
    assert "Minggu mulai 11-01-2027" in later and "Cetak" in later


def test_an_instructor_sees_their_week_and_subscribes_to_a_calendar_that_parses(
    city: Batch,
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    instructor = Instructor.objects.filter(sessions__isnull=False).first()
    assert instructor is not None
    account = UserFactory.create(role=Role.INSTRUCTOR)
    Instructor.objects.filter(pk=instructor.pk).update(user=account)
    page = client_for(account).get(reverse("scheduling:mine")).content.decode()
    feed = CalendarFeed.objects.get(user=account)
    assert f"/calendar/{feed.token}.ics" in page

    response = Client().get(reverse("scheduling:feed", args=[feed.token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    sessions = ClassSession.objects.filter(instructor=instructor)
    assert len(events) == sessions.count()
    first = sessions.order_by("date", "slot").first()
    assert first is not None
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts[0].date() == first.date and starts[0].hour in (8, 13)
    assert starts[0].utcoffset() == datetime.timedelta(hours=7)  # Asia/Jakarta

    client_for(account).post(reverse("scheduling:feed_renew"))
    assert Client().get(reverse("scheduling:feed", args=[feed.token])).status_code == 404


def test_a_participant_sees_the_sessions_of_the_class_they_accepted(
    city: Batch, programmes: list[Programme]
) -> None:
    Programme.objects.update(minimum_class_size=1)
    schedule_solve(batch=city, created_by=None, time_limit=5)  # before selection: 6 classes
    assert TrainingClass.objects.count() == 6
    offering = Offering.objects.get(batch=city, kelurahan=SUKARASA, programme=programmes[0])
    apply(city, 1, SUKARASA, [offering])
    close(city)
    allocation_publish(run=allocation_run(batch=city, seed=1, created_by=None))
    offer = Offer.objects.get()
    offer_accept(offer=offer)
    schedule_solve(batch=city, created_by=None, time_limit=5)
    # Once the allocation is published, only its classes are planned; the others are gone.
    assert TrainingClass.objects.count() == 1
    account = account_for(offer.application)
    page = client_for(account).get(reverse("scheduling:mine")).content.decode()
    assert page.count('data-testid="session"') > 0
    feed = CalendarFeed.objects.get(user=account)
    events = Calendar.from_ical(Client().get(reverse("scheduling:feed", args=[feed.token])).content)
    assert len(list(events.walk("VEVENT"))) == programmes[0].session_count


def test_an_admin_records_an_absence_and_only_its_sessions_change(
    city: Batch, users_by_role: dict[str, User]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    first = ClassSession.objects.order_by("date").first()
    assert first is not None
    away = first.instructor
    instructor_create(  # somebody free to step in
        full_name="Pengganti",
        home_kelurahan=kelurahan(BABAKAN),
        programmes=[first.training_class.programme],
    )
    admin = client_for(users_by_role[Role.ADMIN])
    page = admin.get(reverse("scheduling:instructor_week", args=[away.pk])).content.decode()
    assert "Catat ketidakhadiran" in page
    response = admin.post(
        reverse("scheduling:instructor_absence", args=[away.pk]),
        {"starts_on": first.date.isoformat(), "ends_on": first.date.isoformat(), "reason": "Sakit"},
        follow=True,
    )
    assert "Ketidakhadiran dicatat" in response.content.decode()
    assert away.absences.count() == 1
    assert not ClassSession.objects.filter(instructor=away, date=first.date).exists()


def test_an_admin_sets_an_instructors_half_days_and_the_next_solve_keeps_them(
    city: Batch, users_by_role: dict[str, User]
) -> None:
    instructor = Instructor.objects.order_by("pk").first()
    assert instructor is not None
    admin = client_for(users_by_role[Role.ADMIN])
    page = admin.get(reverse("scheduling:instructor_week", args=[instructor.pk])).content.decode()
    assert "Ketersediaan mingguan" in page and "Sen pagi" in page
    # Mornings only, Monday to Saturday (bits 0, 2, 4, 6, 8, 10), at most six a week.
    mornings = [str(bit) for bit in range(0, 12, 2)]
    admin.post(
        reverse("scheduling:instructor_availability", args=[instructor.pk]),
        {"half_days": mornings, "max_sessions_per_week": 6},
    )
    instructor.refresh_from_db()
    assert (instructor.weekly_availability, instructor.max_sessions_per_week) == (0b010101010101, 6)
    schedule_solve(batch=city, created_by=None, time_limit=5)
    assert not ClassSession.objects.filter(instructor=instructor, slot=1).exists()
    assert timetable_check(batch=city) == []


def test_a_refused_solve_shows_its_reasons_on_the_batch_page(
    city: Batch,
    programmes: list[Programme],
    users_by_role: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    Instructor.objects.filter(programmes=programmes[0]).delete()
    admin = client_for(users_by_role[Role.ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("scheduling:solve", args=[city.code]), {"time_limit": 5})
    page = admin.get(reverse("scheduling:batch", args=[city.code])).content.decode()
    assert "Jadwal tidak dapat disusun: Tidak ada instruktur yang memenuhi syarat" in page
    assert "ApplicationError" not in page
    assert not TrainingClass.objects.exists()
