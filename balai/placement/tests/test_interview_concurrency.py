"""Many graduates booking the same interview slot at once, on PostgreSQL: the database's
partial unique constraint lets exactly one of them have it."""

from __future__ import annotations

from collections import Counter

import pytest

from balai.catalogue.models import Programme
from balai.notifications import services
from balai.placement.interviews import interview_book
from balai.placement.models import ApplicationStatus, InterviewBooking, JobApplication
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import make_company, make_graduates, make_vacancy

GRADUATES = 12


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_graduates_booking_one_slot_at_once_leave_exactly_one_booking(
    kota_tangerang: None, programmes: list[Programme], monkeypatch: pytest.MonkeyPatch
) -> None:
    skip_unless_postgresql()
    graduates = make_graduates(programmes, count=GRADUATES)
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    applications = [make_shortlisted(enrolment, vacancy) for enrolment in graduates.enrolments]
    slot = make_slot(vacancy, employer)
    users = graduates.users
    # The messages stay in the outbox: sending them is not what is tested here.
    monkeypatch.setattr(services, "_start_sending", lambda: None)

    def book(number: int) -> str:
        interview_book(application=applications[number], slot_id=slot.pk, user=users[number])
        return "booked"

    outcomes = Counter(run_concurrently(GRADUATES, book))

    assert outcomes == {"booked": 1, "slot_taken": GRADUATES - 1}
    booking = InterviewBooking.objects.get()
    assert booking.slot_id == slot.pk
    statuses = Counter(JobApplication.objects.values_list("status", flat=True))
    assert statuses == {
        ApplicationStatus.INTERVIEW: 1,
        ApplicationStatus.SHORTLISTED: GRADUATES - 1,
    }
    assert JobApplication.objects.get(status=ApplicationStatus.INTERVIEW).pk == (
        booking.application_id
    )
