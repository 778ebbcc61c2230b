"""Reads for training: a class's participants, attendance, a participant's own training, and
who to follow up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import User
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


def dropouts(*, user: User, in_a_row: int, recent_days: int = 28) -> list[DropOut]:
    """Participants (in `user`'s area) whose last `in_a_row` or more sessions recorded in the
    last `recent_days` were all absences, the longest run first (classes long over are no
    longer followed up)."""
    seats = scope_to_user(Offer.objects.filter(status=OfferStatus.ACCEPTED), user)
    since = timezone.localdate() - datetime.timedelta(days=recent_days)
    history: dict[int, list[tuple[datetime.date, str, int]]] = defaultdict(list)
    for seat_id, day, status, class_id in (
        Attendance.objects.filter(seat__in=seats, session__date__gte=since)
        .order_by("session__date", "session__slot")
        .values_list("seat_id", "session__date", "status", "session__training_class_id")
    ):
        history[seat_id].append((day, status, class_id))
    streaks = {seat_id: _absences_at_the_end(records) for seat_id, records in history.items()}
    flagged = [seat_id for seat_id, streak in streaks.items() if streak >= in_a_row]
    offers = Offer.objects.select_related("application__person").in_bulk(flagged)
    classes = TrainingClass.objects.in_bulk({history[seat_id][-1][2] for seat_id in flagged})
    found = [
        DropOut(
            offers[seat_id],
            classes[history[seat_id][-1][2]],
            streaks[seat_id],
            history[seat_id][-1][0],
        )
        for seat_id in flagged
    ]
    return sorted(found, key=lambda item: -item.absences_in_a_row)


def _absences_at_the_end(records: list[tuple[datetime.date, str, int]]) -> int:
    streak = 0
    for _day, status, _class_id in reversed(records):
        if status != AttendanceStatus.ABSENT:
            break
        streak += 1
    return streak


def certificate_for(*, number: str, user: User) -> Certificate | None:
    """Certificate `number` if `user` may download it: its holder, or an admin (the area
    scope says so)."""
    return scope_to_user(Certificate.objects.filter(number=number), user).first()
