"""The instructor's assessment: kompeten or belum kompeten per unit, and optional test scores."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.core.audit import audit_record
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.intake.models import Offer
from balai.scheduling.models import TrainingClass
from balai.training.models import Assessment, AssessmentResult, SkillTest
from balai.training.selectors import class_roster, instructor_of_user


def _check_teaches(training_class: TrainingClass, seat: Offer, by: User) -> None:
    instructor = instructor_of_user(by)
    if instructor is None or instructor.pk != training_class.instructor_id:
        raise PermissionDeniedError(
            _("Only the instructor of this class can assess its participants."),
            code="not_your_class",
        )
    if seat.pk not in {item.pk for item in class_roster(training_class=training_class)}:
        raise ApplicationError(_("This person is not in this class."), code="not_in_class")


@transaction.atomic
def assessment_record(
    *,
    training_class: TrainingClass,
    seat: Offer,
    unit: CompetencyUnit,
    result: str,
    note: str = "",
    by: User,
) -> Assessment:
    """Record (or correct, audited) the result of `seat` on `unit`."""
    _check_teaches(training_class, seat, by)
    if unit.programme_id != training_class.programme_id:
        raise ApplicationError(
            _("This unit belongs to another programme."), code="unit_other_programme"
        )
    if result not in AssessmentResult.values:
        raise ApplicationError(_("Unknown assessment result."), code="assessment_result")
    assessment = Assessment.objects.filter(seat=seat, unit=unit).first()
    if assessment is None:
        return Assessment.objects.create(
            seat=seat, unit=unit, result=result, note=note.strip(), assessed_by=by
        )
    old = assessment.result
    assessment.result, assessment.note, assessment.assessed_by = result, note.strip(), by
    assessment.save()
    if old != result:
        audit_record(
            action=AuditAction.UPDATE,
            target=assessment,
            changes={"result": {"old": old, "new": result}},
        )
    return assessment


@transaction.atomic
def skill_test_record(
    *,
    training_class: TrainingClass,
    seat: Offer,
    pre_score: int | None,
    post_score: int | None,
    by: User,
) -> SkillTest:
    _check_teaches(training_class, seat, by)
    for score in (pre_score, post_score):
        if score is not None and not 0 <= score <= 100:
            raise ApplicationError(_("A score is from 0 to 100."), code="score_range")
    test, _created = SkillTest.objects.update_or_create(
        seat=seat, defaults={"pre_score": pre_score, "post_score": post_score}
    )
    return test
