"""Whether a participant has completed their programme, and if not, what is missing; and a
participant's own view of their classes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.intake.models import Offer, OfferStatus
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training.feedback import feedback_open
from balai.training.models import (
    ATTENDED,
    Assessment,
    AssessmentResult,
    Attendance,
    Certificate,
    FeedbackResponse,
)
from balai.training.selectors import joined_on


@dataclass
class Completion:
    sessions_expected: int
    sessions_attended: int
    sessions_needed: int
    units: list[tuple[CompetencyUnit, str | None]]  # each unit and its result, if assessed
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def attendance_percent(self) -> int:
        if not self.sessions_expected:
            return 0
        return round(100 * self.sessions_attended / self.sessions_expected)


def completion_of(*, seat: Offer, training_class: TrainingClass) -> Completion:
    """Completion: attendance (present or late) at or above the programme's threshold of the
    sessions held since the participant joined, and every competency unit kompeten. Excused
    absences explain a gap but are not attendance."""
    programme = training_class.programme
    expected = ClassSession.objects.filter(
        training_class=training_class, date__gte=joined_on(seat)
    ).count()
    attended = Attendance.objects.filter(
        seat=seat, session__training_class=training_class, status__in=ATTENDED
    ).count()
    needed = math.ceil(expected * programme.attendance_threshold / 100)
    results = dict(Assessment.objects.filter(seat=seat).values_list("unit_id", "result"))
    units = [(unit, results.get(unit.pk)) for unit in programme.competency_units.all()]
    completion = Completion(expected, attended, needed, units)
    if attended < needed:
        completion.missing.append(
            _(
                "Attendance: %(attended)s of %(expected)s sessions; %(needed)s are needed "
                "(%(threshold)s%%)."
            )
            % {
                "attended": attended,
                "expected": expected,
                "needed": needed,
                "threshold": programme.attendance_threshold,
            }
        )
    if not units:
        completion.missing.append(_("The programme has no competency units to assess yet."))
    for unit, result in units:
        if result != AssessmentResult.COMPETENT:
            completion.missing.append(
                _("Unit %(code)s %(title)s: not yet assessed kompeten.")
                % {"code": unit.code, "title": unit.title}
            )
    return completion


@dataclass
class MyClass:
    training_class: TrainingClass
    seat: Offer
    sessions: list[tuple[ClassSession, Attendance | None]]
    completion: Completion
    certificate: Certificate | None
    feedback_due: bool


def training_of_user(user: User) -> list[MyClass]:
    """The classes of the seats `user` accepted, with their attendance and completion."""
    found = []
    for seat in Offer.objects.filter(
        application__person__user=user, status=OfferStatus.ACCEPTED
    ).select_related("application__person"):
        training_class = (
            TrainingClass.objects.filter(offering_id=seat.offering_id, number=seat.class_number)
            .select_related("programme", "offering__kelurahan")
            .first()
        )
        if training_class is None:
            continue
        records = {item.session_id: item for item in Attendance.objects.filter(seat=seat)}
        sessions = [
            (session, records.get(session.pk))
            for session in training_class.sessions.filter(date__gte=joined_on(seat)).order_by(
                "date"
            )
        ]
        found.append(
            MyClass(
                training_class=training_class,
                seat=seat,
                sessions=sessions,
                completion=completion_of(seat=seat, training_class=training_class),
                certificate=Certificate.objects.filter(seat=seat).first(),
                feedback_due=feedback_open(training_class)
                and not FeedbackResponse.objects.filter(seat=seat).exists(),
            )
        )
    return found
