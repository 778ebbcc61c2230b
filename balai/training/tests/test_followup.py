"""Drop-outs: flagged after absences in a row; in the first week their seat goes to the
waitlist, and the newcomer is not counted absent for what they missed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.allocation.offers import offer_accept
from balai.intake.models import Offer, OfferStatus
from balai.testing.days import morning_of
from balai.testing.training import make_classroom
from balai.training.attendance import roll_call_record
from balai.training.completion import completion_of
from balai.training.followup import dropout_seat_release
from balai.training.models import AttendanceStatus, Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db


def test_a_drop_outs_seat_goes_to_the_waitlist_in_the_first_week_only(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    classroom = make_classroom(programmes, applicants=4, seats=3)
    assert len(classroom.enrolments) == 3  # the fourth waits
    sessions = classroom.sessions
    gone, *others = classroom.enrolments
    first_day = sessions[0].date
    with pytest.raises(ApplicationError) as not_yet:
        dropout_seat_release(enrolment=gone, today=first_day)
    assert not_yet.value.code == "not_a_dropout"
    for session in sessions[:3]:
        roll_call_record(
            session=session,
            marks={
                gone.pk: AttendanceStatus.ABSENT,
                **{enrolment.pk: AttendanceStatus.PRESENT for enrolment in others},
            },
            by=classroom.teacher,
        )
    with pytest.raises(ApplicationError) as too_late:
        dropout_seat_release(enrolment=gone, today=first_day + datetime.timedelta(days=7))
    assert too_late.value.code == "past_first_week"
    dropout_seat_release(enrolment=gone, today=first_day + datetime.timedelta(days=3))
    gone.refresh_from_db()
    assert (gone.status, gone.left_reason) == (EnrolmentStatus.DROPPED, "dropped")
    assert gone.left_on == timezone.localdate()
    assert Offer.objects.get(pk=gone.offer_id).status == OfferStatus.DROPPED
    newcomer = Offer.objects.get(from_waitlist=True)
    assert (newcomer.status, newcomer.class_number) == (
        OfferStatus.PENDING,
        gone.offer.class_number,
    )
    # Once they accept (after three sessions were held), only later sessions are theirs.
    with time_machine.travel(morning_of(sessions[3].date) - datetime.timedelta(hours=2)):
        offer_accept(offer=newcomer)
    joined = Enrolment.objects.get(offer=newcomer)
    assert (joined.training_class, joined.joined_on) == (classroom.training_class, sessions[3].date)
    completion = completion_of(enrolment=joined)
    assert completion.sessions_expected == len(sessions) - 3
