"""Whether a participant has completed their programme, and if not, what is missing; and a
participant's own view of their classes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training.feedback import feedback_open
from balai.training.models import (
    ATTENDED,
    Assessment,
    AssessmentResult,
    Attendance,
    Certificate,
    Enrolment,
    FeedbackResponse,
)
from balai.training.selectors import enrolments_of_user


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


def completion_of(*, enrolment: Enrolment) -> Completion:
    """Completion: attendance (present or late) at or above the programme's threshold of the
    sessions held since the participant joined, and every competency unit kompeten. Excused
    absences explain a gap but are not attendance."""
    training_class = enrolment.training_class
    programme = training_class.programme
    expected = ClassSession.objects.filter(
        training_class=training_class, date__gte=enrolment.joined_on
    ).count()
    attended = Attendance.objects.filter(
        enrolment=enrolment, session__training_class=training_class, status__in=ATTENDED
    ).count()
    needed = math.ceil(expected * programme.attendance_threshold / 100)
    results = dict(Assessment.objects.filter(enrolment=enrolment).values_list("unit_id", "result"))
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
    enrolment: Enrolment
    sessions: list[tuple[ClassSession, Attendance | None]]
    completion: Completion
    certificate: Certificate | None
    feedback_due: bool


def training_of_user(user: User) -> list[MyClass]:
    """The classes `user` is in, with their attendance and completion."""
    found = []
    for enrolment in enrolments_of_user(user=user):
        training_class = enrolment.training_class
        records = {item.session_id: item for item in Attendance.objects.filter(enrolment=enrolment)}
        sessions = [
            (session, records.get(session.pk))
            for session in training_class.sessions.filter(date__gte=enrolment.joined_on).order_by(
                "date"
            )
        ]
        found.append(
            MyClass(
                training_class=training_class,
                enrolment=enrolment,
                sessions=sessions,
                completion=completion_of(enrolment=enrolment),
                certificate=Certificate.objects.filter(enrolment=enrolment).first(),
                feedback_due=feedback_open(training_class)
                and not FeedbackResponse.objects.filter(enrolment=enrolment).exists(),
            )
        )
    return found
