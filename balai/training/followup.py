"""Following up drop-outs: early in a class, the seat of someone who stopped coming goes to
the next person on the waitlist, who joins from then (earlier sessions are not theirs)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.intake.allocation.offers import offer_drop
from balai.intake.models import Offer
from balai.scheduling.models import TrainingClass
from balai.training.models import Attendance, AttendanceStatus, Enrolment, EnrolmentStatus

FIRST_WEEK = datetime.timedelta(days=6)


def seat_release_deadline(training_class: TrainingClass) -> datetime.date | None:
    """The last day a dropped seat may go to the waitlist: a week from the first session."""
    first = training_class.sessions.order_by("date").values_list("date", flat=True).first()
    return first + FIRST_WEEK if first else None


@transaction.atomic
def dropout_seat_release(*, enrolment: Enrolment, today: datetime.date | None = None) -> Offer:
    """Give the seat of a participant absent from the last sessions in a row to the waitlist
    (intake ends the seat; its announcement ends the enrolment); only in the class's first
    week."""
    today = today or timezone.localdate()
    enrolment = (
        Enrolment.objects.select_for_update().select_related("training_class").get(pk=enrolment.pk)
    )
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ApplicationError(
            _("This participant is no longer in the class."), code="not_enrolled"
        )
    training_class = enrolment.training_class
    deadline = seat_release_deadline(training_class)
    if deadline is None or today > deadline:
        raise ApplicationError(
            _("A seat goes to the waitlist only in the first week of the class."),
            code="past_first_week",
        )
    in_a_row = settings.TRAINING_DROPOUT_ABSENCES
    last = list(
        Attendance.objects.filter(enrolment=enrolment, session__training_class=training_class)
        .order_by("-session__date", "-session__slot")
        .values_list("status", flat=True)[:in_a_row]
    )
    if len(last) < in_a_row or any(status != AttendanceStatus.ABSENT for status in last):
        raise ApplicationError(
            _("Only a participant absent from the last %(count)s sessions can be replaced.")
            % {"count": in_a_row},
            code="not_a_dropout",
        )
    return offer_drop(offer=Offer.objects.get(pk=enrolment.offer_id))
