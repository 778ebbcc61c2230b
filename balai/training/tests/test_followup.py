"""Drop-outs: flagged after absences in a row; in the first week their seat goes to the
waitlist, and the newcomer is not counted absent for what they missed."""

from __future__ import annotations

import datetime

import pytest

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.models import Offer, OfferStatus
from balai.training.attendance import roll_call_record
from balai.training.completion import completion_of
from balai.training.followup import dropout_seat_release
from balai.training.models import AttendanceStatus
from balai.training.tests.conftest import make_classroom

pytestmark = pytest.mark.django_db


def test_a_drop_outs_seat_goes_to_the_waitlist_in_the_first_week_only(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    classroom = make_classroom(programmes, applicants=4, seats=3)
    assert len(classroom.seats) == 3  # the fourth waits
    sessions = classroom.sessions
    gone, *others = classroom.seats
    first_day = sessions[0].date
    with pytest.raises(ApplicationError) as not_yet:
        dropout_seat_release(seat=gone, training_class=classroom.training_class, today=first_day)
    assert not_yet.value.code == "not_a_dropout"
    for session in sessions[:3]:
        roll_call_record(
            session=session,
            marks={
                gone.pk: AttendanceStatus.ABSENT,
                **{seat.pk: AttendanceStatus.PRESENT for seat in others},
            },
            by=classroom.teacher,
        )
    with pytest.raises(ApplicationError) as too_late:
        dropout_seat_release(
            seat=gone,
            training_class=classroom.training_class,
            today=first_day + datetime.timedelta(days=7),
        )
    assert too_late.value.code == "past_first_week"
    dropout_seat_release(
        seat=gone,
        training_class=classroom.training_class,
        today=first_day + datetime.timedelta(days=3),
    )
    gone.refresh_from_db()
    assert gone.status == OfferStatus.DROPPED
    newcomer = Offer.objects.get(from_waitlist=True)
    assert (newcomer.status, newcomer.class_number) == (OfferStatus.PENDING, gone.class_number)
    # Once they accept (after three sessions were held), only later sessions are theirs.
    newcomer.status = OfferStatus.ACCEPTED
    newcomer.answered_at = datetime.datetime.combine(
        sessions[2].date, datetime.time(20), tzinfo=datetime.UTC
    )
    newcomer.save()
    completion = completion_of(seat=newcomer, training_class=classroom.training_class)
    assert completion.sessions_expected == len(sessions) - 3
