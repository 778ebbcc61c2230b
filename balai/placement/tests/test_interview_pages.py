"""Interviews through the pages and the API: the employer's slots, the graduate's booking,
cancellation and calendar file, the outcome; other people's bookings stay out of reach."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from balai.catalogue.models import Programme
from balai.placement.interviews import interview_book
from balai.placement.models import (
    ApplicationStatus,
    InterviewBooking,
    InterviewSlot,
    JobApplication,
    Placement,
)
from balai.testing.clients import bearer, client_for
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import Graduates, make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db
API = "/api/v1/placement/interviews"


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    return make_graduates(programmes, count=2)


def test_an_employer_adds_a_slot_on_the_page_and_sees_it(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    starts = timezone.localtime() + datetime.timedelta(days=2)
    page = reverse("placement:interview_slots", args=[vacancy.pk])
    answer = client_for(employer).post(
        page,
        {
            "starts_at": starts.strftime("%Y-%m-%dT10:00"),
            "ends_at": starts.strftime("%Y-%m-%dT10:30"),
            "video_link": "https://meet.example.org/abc",
            "location": "",
        },
    )
    assert answer.status_code == 302
    slot = InterviewSlot.objects.get()
    assert timezone.localtime(slot.starts_at).hour == 10
    refused = client_for(employer).post(
        page,
        {
            "starts_at": starts.strftime("%Y-%m-%dT10:15"),
            "ends_at": starts.strftime("%Y-%m-%dT10:45"),
            "video_link": "",
            "location": "Kantor HRD",
        },
    )
    assert refused.status_code == 200 and "bertabrakan" in refused.content.decode()
    assert InterviewSlot.objects.count() == 1


def test_the_slots_page_lists_bookings_in_a_fixed_number_of_queries(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    slots = [
        make_slot(vacancy, employer, starts_in=datetime.timedelta(days=2, hours=hours))
        for hours in range(2)
    ]
    client = client_for(employer)
    page = reverse("placement:interview_slots", args=[vacancy.pk])
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for application, slot, user in zip(
        [make_shortlisted(enrolment, vacancy) for enrolment in graduates.enrolments],
        slots,
        graduates.users,
        strict=True,
    ):
        interview_book(application=application, slot_id=slot.pk, user=user)
    for hours in range(2, 6):
        make_slot(vacancy, employer, starts_in=datetime.timedelta(days=2, hours=hours))
    with CaptureQueriesContext(connection) as many:
        answer = client.get(page)
    assert len(many) == len(few)
    assert graduates.enrolments[1].person.full_name in answer.content.decode()


def test_another_company_cannot_open_the_slots_of_a_vacancy(graduates: Graduates) -> None:
    company, _members = make_company()
    _other, (stranger,) = make_company(name="PT Lain")
    vacancy = make_vacancy(company)
    answer = client_for(stranger).get(reverse("placement:interview_slots", args=[vacancy.pk]))
    assert answer.status_code == 404


def test_a_graduate_books_and_cancels_on_the_page_and_downloads_the_invitation(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    graduate = client_for(graduates.users[0])
    page = reverse("placement:interview_book", args=[application.pk])
    assert 'data-testid="free-slot"' in graduate.get(page).content.decode()

    graduate.post(page, {"slot": slot.pk})
    booking = InterviewBooking.objects.get()
    assert 'data-testid="booking"' in graduate.get(page).content.decode()
    invitation = reverse("placement:interview_invitation", args=[booking.pk])
    for client in (graduate, client_for(employer)):
        answer = client.get(invitation)
        assert answer["Content-Type"].startswith("text/calendar")
        assert Calendar.from_ical(answer.content).walk("VEVENT")
    assert client_for(graduates.users[1]).get(invitation).status_code == 404
    _other, (stranger,) = make_company(name="PT Lain")
    assert client_for(stranger).get(invitation).status_code == 404

    graduate.post(reverse("placement:interview_cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.cancelled_at is not None
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED


def test_a_graduate_cannot_open_someone_elses_application(graduates: Graduates) -> None:
    company, _members = make_company()
    application = make_shortlisted(graduates.enrolments[0], make_vacancy(company))
    answer = client_for(graduates.users[1]).get(
        reverse("placement:interview_book", args=[application.pk])
    )
    assert answer.status_code == 404


def test_booking_a_taken_slot_on_the_page_says_so_and_records_nothing(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    first, second = (make_shortlisted(enrolment, vacancy) for enrolment in graduates.enrolments)
    slot = make_slot(vacancy, employer)
    interview_book(application=first, slot_id=slot.pk, user=graduates.users[0])
    page = reverse("placement:interview_book", args=[second.pk])
    answer = client_for(graduates.users[1]).post(page, {"slot": slot.pk}, follow=True)
    assert "Orang lain baru saja memesan slot ini" in answer.content.decode()
    assert InterviewBooking.objects.count() == 1


def test_the_employer_records_a_hire_on_the_page(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    booking = interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])
    starts_on = timezone.localdate() + datetime.timedelta(days=10)
    with time_machine.travel(slot.ends_at):
        client_for(employer).post(
            reverse("placement:interview_outcome", args=[booking.pk]),
            {"outcome": "hired", "starts_on": starts_on.isoformat(), "note": ""},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    assert Placement.objects.get().starts_on == starts_on


def test_the_api_offers_books_cancels_and_records_the_outcome(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    employer_api, graduate_api = bearer(employer), bearer(graduates.users[0])
    starts_at = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    created = employer_api.post(
        f"{API}/vacancies/{vacancy.pk}/slots",
        json.dumps(
            {
                "starts_at": starts_at.isoformat(),
                "ends_at": (starts_at + datetime.timedelta(minutes=30)).isoformat(),
                "video_link": "http://insecure.example.org",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 400
    assert created.json()["code"] == "video_link_not_https"
    created = employer_api.post(
        f"{API}/vacancies/{vacancy.pk}/slots",
        json.dumps(
            {
                "starts_at": starts_at.isoformat(),
                "ends_at": (starts_at + datetime.timedelta(minutes=30)).isoformat(),
                "location": "Jl. Merdeka 1",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    slot_id = created.json()["id"]
    free = graduate_api.get(f"{API}/applications/{application.pk}/slots").json()
    assert [slot["id"] for slot in free] == [slot_id]

    booked = graduate_api.post(
        f"{API}/applications/{application.pk}/booking",
        json.dumps({"slot_id": slot_id}),
        content_type="application/json",
    )
    assert booked.status_code == 201
    booking_id = booked.json()["id"]
    listed = employer_api.get(f"{API}/vacancies/{vacancy.pk}/slots").json()
    assert listed[0]["booking"]["id"] == booking_id
    ics = graduate_api.get(f"{API}/bookings/{booking_id}/invitation.ics")
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content

    with time_machine.travel(starts_at + datetime.timedelta(minutes=40)):
        outcome = employer_api.post(
            f"{API}/bookings/{booking_id}/outcome",
            json.dumps({"outcome": "not_selected"}),
            content_type="application/json",
        )
    assert outcome.status_code == 200 and outcome.json()["outcome"] == "not_selected"
    assert JobApplication.objects.get().status == ApplicationStatus.NOT_SELECTED


def test_the_api_refuses_a_second_booking_of_a_slot_with_a_clear_code(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    first, second = (make_shortlisted(enrolment, vacancy) for enrolment in graduates.enrolments)
    slot = make_slot(vacancy, employer)
    interview_book(application=first, slot_id=slot.pk, user=graduates.users[0])
    answer = bearer(graduates.users[1]).post(
        f"{API}/applications/{second.pk}/booking",
        json.dumps({"slot_id": slot.pk}),
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "slot_taken"
    assert InterviewBooking.objects.count() == 1
    cancel = bearer(graduates.users[1]).post(
        f"{API}/bookings/{InterviewBooking.objects.get().pk}/cancel"
    )
    assert cancel.status_code == 404


def test_the_api_lists_slots_in_a_fixed_number_of_queries(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    api = bearer(employer)
    make_slot(vacancy, employer)
    api.get(f"{API}/vacancies/{vacancy.pk}/slots")
    with CaptureQueriesContext(connection) as one_slot:
        api.get(f"{API}/vacancies/{vacancy.pk}/slots")
    for hours, (enrolment, user) in enumerate(
        zip(graduates.enrolments, graduates.users, strict=True), start=1
    ):
        slot = make_slot(vacancy, employer, starts_in=datetime.timedelta(days=3, hours=hours))
        interview_book(application=make_shortlisted(enrolment, vacancy), slot_id=slot.pk, user=user)
    with CaptureQueriesContext(connection) as three_slots:
        listed = api.get(f"{API}/vacancies/{vacancy.pk}/slots").json()
    assert len(three_slots) == len(one_slot)
    assert [slot["booking"] is not None for slot in listed] == [False, True, True]


def test_the_employer_withdraws_a_free_slot_on_the_page_and_by_the_api(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    first = make_slot(vacancy, employer)
    second = make_slot(vacancy, employer, starts_in=datetime.timedelta(days=4))
    page = client_for(employer).get(reverse("placement:interview_slots", args=[vacancy.pk]))
    assert reverse("placement:interview_slot_delete", args=[first.pk]) in page.content.decode()
    client_for(employer).post(reverse("placement:interview_slot_delete", args=[first.pk]))
    assert bearer(employer).delete(f"{API}/slots/{second.pk}").status_code == 204
    assert not InterviewSlot.objects.exists()
