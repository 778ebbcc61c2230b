"""Interviews: slots offered by the company, booked by a shortlisted graduate (never twice),
cancelled, reminded, and ended with an outcome that a hire turns into a placement."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar

from balai.accounts.models import User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import Job
from balai.notifications.models import Notification
from balai.placement.interview_calendar import interview_calendar
from balai.placement.interview_messages import interview_reminders_send
from balai.placement.interviews import (
    interview_book,
    interview_cancel,
    interview_outcome_record,
    interview_slot_create,
    interview_slot_delete,
)
from balai.placement.models import (
    ApplicationStatus,
    Company,
    CompanyStatus,
    InterviewBooking,
    InterviewOutcome,
    InterviewSlot,
    Placement,
    PlacementChannel,
    PlacementKind,
    VacancyStatus,
)
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import Graduates, make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduates(kota_tangerang: None, programmes: list[Programme]) -> Graduates:
    return make_graduates(programmes, count=2)


def _booked(graduates: Graduates) -> tuple[InterviewBooking, User]:
    company, (employer,) = make_company()
    employer.email = "hrd@maju.example.org"  # the company's people are told by e-mail
    employer.save(update_fields=["email"])
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    booking = interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])
    return booking, employer


def test_an_employer_offers_slots_that_may_not_overlap(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    slot = make_slot(vacancy, employer, minutes=60)

    with pytest.raises(ApplicationError) as overlap:
        make_slot(vacancy, employer, starts_in=datetime.timedelta(days=3, minutes=30))
    assert overlap.value.code == "slot_overlaps"
    # Right after the first one is fine, and another vacancy's slots do not count.
    make_slot(vacancy, employer, starts_in=datetime.timedelta(days=3, minutes=60))
    make_slot(make_vacancy(company, title="Kasir"), employer)
    assert InterviewSlot.objects.filter(vacancy=vacancy).count() == 2
    assert slot.video_link.startswith("https://")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"video_link": "http://meet.example.org/x"}, "video_link_not_https"),
        ({"video_link": "javascript:alert(1)"}, "video_link_not_https"),
        ({"video_link": "", "location": ""}, "slot_nowhere"),
        ({"ends_at_minutes": -10}, "slot_reversed"),
        ({"starts_in_days": -1}, "slot_past"),
    ],
)
def test_a_bad_slot_is_refused_and_nothing_is_recorded(
    graduates: Graduates, changes: dict[str, Any], code: str
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    starts_at = timezone.now() + datetime.timedelta(days=int(changes.get("starts_in_days", 2)))
    ends_at = starts_at + datetime.timedelta(minutes=int(changes.get("ends_at_minutes", 30)))
    with pytest.raises(ApplicationError) as refusal:
        interview_slot_create(
            vacancy=vacancy,
            user=employer,
            starts_at=starts_at,
            ends_at=ends_at,
            video_link=str(changes.get("video_link", "https://meet.example.org/x")),
            location=str(changes.get("location", "")),
        )
    assert refusal.value.code == code
    assert not InterviewSlot.objects.exists()


def test_only_the_company_offers_slots_of_its_published_vacancies(graduates: Graduates) -> None:
    company, _members = make_company()
    _other, (stranger,) = make_company(name="PT Lain")
    with pytest.raises(PermissionDeniedError):
        make_slot(make_vacancy(company), stranger)
    _company, (employer,) = make_company(name="PT Ketiga")
    with pytest.raises(ApplicationError) as draft:
        make_slot(make_vacancy(_company, status=VacancyStatus.DRAFT), employer)
    assert draft.value.code == "vacancy_not_published"
    assert not InterviewSlot.objects.exists()


def test_a_shortlisted_graduate_books_a_slot_and_is_told(graduates: Graduates) -> None:
    booking, employer = _booked(graduates)

    booking.application.refresh_from_db()
    assert booking.application.status == ApplicationStatus.INTERVIEW
    to_graduate = Notification.objects.get(kind="interview_booked")
    assert "https://meet.example.org/wawancara" in to_graduate.body
    assert f"/interviews/{booking.pk}/invitation.ics" in to_graduate.body
    assert Notification.objects.filter(kind="interview_booked_company", user=employer).exists()


def test_a_taken_past_or_other_vacancys_slot_is_refused_and_nothing_recorded(
    graduates: Graduates,
) -> None:
    booking, employer = _booked(graduates)
    vacancy = booking.slot.vacancy
    second = make_shortlisted(graduates.enrolments[1], vacancy)
    other_slot = make_slot(make_vacancy(vacancy.company, title="Kasir"), employer)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5)):
        early = make_slot(vacancy, employer, starts_in=datetime.timedelta(days=1))
    refusals = []
    for slot_id in (booking.slot_id, other_slot.pk, early.pk):
        with pytest.raises(ApplicationError) as refusal:
            interview_book(application=second, slot_id=slot_id, user=graduates.users[1])
        refusals.append(refusal.value.code)

    assert refusals == ["slot_taken", "slot_not_found", "slot_past"]
    assert InterviewBooking.objects.count() == 1
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SHORTLISTED


def test_only_a_shortlisted_application_of_ones_own_books(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    with pytest.raises(PermissionDeniedError):
        interview_book(application=application, slot_id=slot.pk, user=graduates.users[1])
    application.status = ApplicationStatus.APPLIED
    application.save()
    with pytest.raises(ApplicationError) as not_shortlisted:
        interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])
    assert not_shortlisted.value.code == "application_not_shortlisted"
    assert not InterviewBooking.objects.exists()


def test_a_company_suspended_since_the_shortlist_holds_no_interview(
    graduates: Graduates,
) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer)
    Company.objects.filter(pk=company.pk).update(status=CompanyStatus.SUSPENDED)

    with pytest.raises(ApplicationError) as refused:
        interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])

    assert refused.value.code == "company_not_verified"
    assert not InterviewBooking.objects.exists()


def test_cancelling_frees_the_slot_and_tells_the_company(graduates: Graduates) -> None:
    booking, employer = _booked(graduates)
    interview_cancel(booking=booking, user=graduates.users[0])

    booking.application.refresh_from_db()
    assert booking.application.status == ApplicationStatus.SHORTLISTED
    assert Notification.objects.filter(kind="interview_cancelled", user=employer).exists()
    # The slot is free again, for somebody else or the same graduate.
    again = interview_book(
        application=booking.application, slot_id=booking.slot_id, user=graduates.users[0]
    )
    assert again.pk != booking.pk


def test_an_interview_cannot_be_cancelled_once_it_has_started(graduates: Graduates) -> None:
    booking, _employer = _booked(graduates)
    started = booking.slot.starts_at + datetime.timedelta(minutes=1)
    with time_machine.travel(started), pytest.raises(ApplicationError) as late:
        interview_cancel(booking=booking, user=graduates.users[0])
    assert late.value.code == "slot_started"
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_a_hire_moves_the_application_and_records_the_placement_at_once(
    graduates: Graduates,
) -> None:
    booking, employer = _booked(graduates)
    starts_on = timezone.localdate() + datetime.timedelta(days=14)
    with time_machine.travel(booking.slot.ends_at):
        interview_outcome_record(
            booking=booking, user=employer, outcome=InterviewOutcome.HIRED, starts_on=starts_on
        )

    booking.refresh_from_db()
    assert booking.outcome == InterviewOutcome.HIRED
    assert booking.application.status == ApplicationStatus.HIRED
    placement = Placement.objects.get()
    assert (placement.kind, placement.channel) == (
        PlacementKind.WAGE_EMPLOYMENT,
        PlacementChannel.VACANCY,
    )
    assert placement.application_id == booking.application_id
    assert placement.company_id == booking.slot.vacancy.company_id
    assert placement.starts_on == starts_on
    assert placement.enrolment_id == booking.application.enrolment_id


def test_a_hire_without_a_start_date_records_nothing(graduates: Graduates) -> None:
    booking, employer = _booked(graduates)
    with time_machine.travel(booking.slot.ends_at), pytest.raises(ApplicationError):
        interview_outcome_record(booking=booking, user=employer, outcome=InterviewOutcome.HIRED)
    booking.refresh_from_db()
    assert booking.outcome == ""
    assert booking.application.status == ApplicationStatus.INTERVIEW
    assert not Placement.objects.exists()


@pytest.mark.parametrize("outcome", [InterviewOutcome.NOT_SELECTED, InterviewOutcome.NO_SHOW])
def test_not_selected_or_absent_ends_the_application_without_a_placement(
    graduates: Graduates, outcome: InterviewOutcome
) -> None:
    booking, employer = _booked(graduates)
    with time_machine.travel(booking.slot.ends_at):
        interview_outcome_record(booking=booking, user=employer, outcome=outcome)
    booking.refresh_from_db()
    assert booking.outcome == outcome
    assert booking.application.status == ApplicationStatus.NOT_SELECTED
    assert not Placement.objects.exists()


def test_the_outcome_waits_for_the_interview_and_is_recorded_once(
    graduates: Graduates,
) -> None:
    booking, employer = _booked(graduates)
    with pytest.raises(ApplicationError) as early:
        interview_outcome_record(
            booking=booking, user=employer, outcome=InterviewOutcome.NOT_SELECTED
        )
    assert early.value.code == "slot_not_started"
    _other, (stranger,) = make_company(name="PT Lain")
    with time_machine.travel(booking.slot.ends_at):
        with pytest.raises(PermissionDeniedError):
            interview_outcome_record(
                booking=booking, user=stranger, outcome=InterviewOutcome.NOT_SELECTED
            )
        interview_outcome_record(
            booking=booking, user=employer, outcome=InterviewOutcome.NOT_SELECTED
        )
        with pytest.raises(ApplicationError) as twice:
            interview_outcome_record(
                booking=booking,
                user=employer,
                outcome=InterviewOutcome.HIRED,
                starts_on=timezone.localdate(),
            )
    assert twice.value.code == "outcome_recorded"
    assert not Placement.objects.exists()


def test_the_invitation_is_a_calendar_event_of_the_slot(graduates: Graduates) -> None:
    booking, _employer = _booked(graduates)
    calendar = Calendar.from_ical(interview_calendar(booking))
    (event,) = calendar.walk("VEVENT")

    assert event["uid"] == f"interview-{booking.pk}@balai"
    assert event.decoded("dtstart") == booking.slot.starts_at
    assert event.decoded("dtend") == booking.slot.ends_at
    assert str(event["url"]) == "https://meet.example.org/wawancara"
    assert str(event["status"]) == "CONFIRMED"
    assert booking.slot.vacancy.title in str(event["summary"])

    interview_cancel(booking=booking, user=graduates.users[0])
    booking.refresh_from_db()
    (cancelled,) = Calendar.from_ical(interview_calendar(booking)).walk("VEVENT")
    assert str(cancelled["status"]) == "CANCELLED"


def test_the_reminder_goes_the_day_before_and_only_once(graduates: Graduates) -> None:
    booking, _employer = _booked(graduates)  # three days ahead
    assert interview_reminders_send() == 0
    day_before = booking.slot.starts_at - datetime.timedelta(days=1)
    with time_machine.travel(day_before):
        assert interview_reminders_send() == 1
        assert interview_reminders_send() == 0
    reminders = Notification.objects.filter(kind="interview_reminder")
    assert (
        reminders.count() == Notification.objects.filter(Q(kind="interview_booked")).count()
    )  # one per channel the graduate has, as for the booking
    booking.refresh_from_db()
    assert booking.reminded_at is not None


def test_a_cancelled_interview_is_not_reminded(graduates: Graduates) -> None:
    booking, _employer = _booked(graduates)
    interview_cancel(booking=booking, user=graduates.users[0])
    with time_machine.travel(booking.slot.starts_at - datetime.timedelta(hours=20)):
        assert interview_reminders_send() == 0
    assert not Notification.objects.filter(kind="interview_reminder").exists()


def test_the_daily_command_runs_the_reminders_as_a_recorded_job(graduates: Graduates) -> None:
    booking, _employer = _booked(graduates)
    output = io.StringIO()
    with time_machine.travel(booking.slot.starts_at - datetime.timedelta(hours=20)):
        call_command("send_interview_reminders", stdout=output)
        call_command("send_interview_reminders", stdout=io.StringIO())
    assert output.getvalue().strip() == "reminded 1"
    job = Job.objects.filter(kind="interview_reminders_send").order_by("created_at").first()
    assert job is not None and job.result == {"reminded": 1}
    assert Notification.objects.filter(kind="interview_reminder").count() >= 1


def test_only_a_slot_never_booked_is_withdrawn(graduates: Graduates) -> None:
    booking, employer = _booked(graduates)
    free = make_slot(booking.slot.vacancy, employer, starts_in=datetime.timedelta(days=4))
    _other, (stranger,) = make_company(name="PT Lain")
    with pytest.raises(PermissionDeniedError):
        interview_slot_delete(slot=free, user=stranger)
    interview_slot_delete(slot=free, user=employer)
    interview_cancel(booking=booking, user=graduates.users[0])
    with pytest.raises(ApplicationError) as booked:
        interview_slot_delete(slot=booking.slot, user=employer)
    assert booked.value.code == "slot_booked"
    assert list(InterviewSlot.objects.all()) == [booking.slot]
