"""Scheduling through the web: solving, week calendars, and private calendar feeds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from balai.accounts.models import Role, User
from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_create
from balai.intake.allocation.offers import offer_accept
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Batch, Offer, Offering
from balai.scheduling.models import CalendarFeed, ClassSession, Holiday, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.validator import timetable_check
from balai.testing.allocation import account_for, apply, close
from balai.testing.clients import client_for
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import BABAKAN, SUKARASA

pytestmark = pytest.mark.django_db


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
    second_week = city.training_starts_on + datetime.timedelta(weeks=1)
    later = operator.get(
        reverse("scheduling:kelurahan_week", args=[training_class.offering.kelurahan_id]),
        {"week": second_week.isoformat()},
    ).content.decode()
    assert f"Minggu mulai {second_week:%d-%m-%Y}" in later and "Cetak" in later


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


def test_an_admin_moves_a_session_and_a_move_onto_a_busy_hall_is_refused(
    city: Batch, users_by_role: dict[str, User]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.order_by("pk").first()
    assert training_class is not None
    last = training_class.sessions.order_by("-number").first()
    assert last is not None
    admin = client_for(users_by_role[Role.ADMIN])
    page = admin.get(reverse("scheduling:class_week", args=[training_class.pk])).content.decode()
    assert "Pindahkan sesi" in page and "Ganti instruktur" in page
    # Onto a half-day another class holds in the same hall: refused, nothing saved.
    taken = (
        ClassSession.objects.filter(venue=last.venue).exclude(training_class=training_class).first()
    )
    assert taken is not None
    refused = admin.post(
        reverse("scheduling:session_move", args=[training_class.pk]),
        {"session": last.pk, "date": taken.date.isoformat(), "slot": taken.slot},
        follow=True,
    ).content.decode()
    assert "Sesi tidak dapat dipindah ke sana" in refused
    before = (last.date, last.slot)
    last.refresh_from_db()
    assert (last.date, last.slot) == before
    # To the first later day when its hall and instructor are free: saved.
    free = next(
        day
        for day in (last.date + datetime.timedelta(days=n) for n in range(1, 30))
        if day.weekday() < 6
        and not Holiday.objects.filter(date=day).exists()
        and not ClassSession.objects.filter(date=day, slot=last.slot)
        .filter(Q(venue=last.venue) | Q(instructor=last.instructor))
        .exists()
    )
    assert free <= city.training_ends_on
    moved = admin.post(
        reverse("scheduling:session_move", args=[training_class.pk]),
        {"session": last.pk, "date": free.isoformat(), "slot": last.slot},
        follow=True,
    ).content.decode()
    assert "Sesi dipindahkan" in moved
    last.refresh_from_db()
    assert last.date == free
    assert timetable_check(batch=city) == []


def test_an_admin_sets_a_halls_equipment_and_half_days(
    city: Batch, programmes: list[Programme], users_by_role: dict[str, User]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    venue = ClassSession.objects.select_related("venue").first().venue  # type: ignore[union-attr]
    admin = client_for(users_by_role[Role.ADMIN])
    page = admin.get(reverse("scheduling:venue_week", args=[venue.pk])).content.decode()
    assert "Pengaturan aula" in page
    admin.post(
        reverse("scheduling:venue_settings", args=[venue.pk]),
        {"capacity": 25, "programmes": [programmes[0].pk], "half_days": ["0", "2"]},
    )
    venue.refresh_from_db()
    assert venue.capacity == 25 and venue.weekly_availability == 0b101
    assert list(venue.programmes.all()) == [programmes[0]]
    refused = admin.post(
        reverse("scheduling:venue_settings", args=[venue.pk]),
        {"capacity": 0, "half_days": []},
        follow=True,
    ).content.decode()
    assert "Isikan jumlah kursi, dari 1 sampai 500." in refused
    venue.refresh_from_db()
    assert venue.capacity == 25
    # The stored timetable now breaks the hall's new rules, and the check says so.
    assert any(v.kind == "venue_unavailable" for v in timetable_check(batch=city))
