"""Reads for training: a class's participants, attendance, a participant's own training, and
who to follow up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Instructor
from balai.core.scoping import scope_to_user
from balai.intake.models import Offer, OfferStatus
from balai.intake.selectors import class_seats, seat_of_user
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training.models import Attendance, AttendanceStatus, Certificate


def class_roster(*, training_class: TrainingClass) -> list[Offer]:
    """The participants of `training_class`: its accepted seats, by name."""
    return list(
        class_seats(offering_id=training_class.offering_id, class_number=training_class.number)
    )


def seat_in_class(*, user: User, training_class: TrainingClass) -> Offer | None:
    return seat_of_user(
        user=user, offering_id=training_class.offering_id, class_number=training_class.number
    )


def joined_on(seat: Offer) -> datetime.date:
    """The day the participant joined the class: the day they accepted their seat. Sessions
    before it are not theirs to attend."""
    answered = seat.answered_at or seat.created_at
    return timezone.localdate(answered)


def instructor_of_user(user: User) -> Instructor | None:
    return Instructor.objects.filter(user=user).first()


def session_attendance(*, session: ClassSession) -> dict[int, Attendance]:
    """The session's records, by seat id."""
    return {item.seat_id: item for item in Attendance.objects.filter(session=session)}


@dataclass(frozen=True)
class DropOut:
    seat: Offer
    training_class: TrainingClass
    absences_in_a_row: int
    last_session: datetime.date


def dropouts(*, user: User, in_a_row: int) -> list[DropOut]:
    """Participants (in `user`'s area) whose last `in_a_row` or more recorded sessions were
    all absences, the longest run first."""
    seats = {
        seat.pk: seat
        for seat in scope_to_user(
            Offer.objects.filter(status=OfferStatus.ACCEPTED).select_related("application__person"),
            user,
        )
    }
    history: dict[int, list[tuple[datetime.date, str, int]]] = defaultdict(list)
    for seat_id, day, status, class_id in (
        Attendance.objects.filter(seat_id__in=seats)
        .order_by("session__date", "session__slot")
        .values_list("seat_id", "session__date", "status", "session__training_class_id")
    ):
        history[seat_id].append((day, status, class_id))
    classes = TrainingClass.objects.in_bulk({records[-1][2] for records in history.values()})
    found = []
    for seat_id, records in history.items():
        streak = 0
        for _day, status, _class_id in reversed(records):
            if status != AttendanceStatus.ABSENT:
                break
            streak += 1
        if streak >= in_a_row:
            last_day, _status, class_id = records[-1]
            found.append(DropOut(seats[seat_id], classes[class_id], streak, last_day))
    return sorted(found, key=lambda item: -item.absences_in_a_row)


def certificate_for(*, number: str, user: User) -> Certificate | None:
    """Certificate `number` if `user` may download it: its holder, or an admin."""
    certificates = Certificate.objects.filter(number=number)
    if user.role != Role.ADMIN:
        certificates = certificates.filter(seat__application__person__user=user)
    return certificates.first()
