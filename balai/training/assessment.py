"""The instructor's assessment: kompeten or belum kompeten per unit, and optional test scores."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.training.models import IN_CLASS, Assessment, AssessmentResult, Enrolment, SkillTest
from balai.training.selectors import instructor_of_user

ASSESSMENT_AUDIT_POLICY = AuditPolicy(fields=["enrolment_id", "unit_id", "result", "note"])
SKILL_TEST_AUDIT_POLICY = AuditPolicy(fields=["enrolment_id", "pre_score", "post_score"])


@dataclass(frozen=True)
class UnitResult:
    unit: CompetencyUnit
    result: str
    note: str = ""


def _locked_and_taught(enrolment: Enrolment, by: User) -> Enrolment:
    """Return `enrolment` locked and read afresh, once `by` is found to teach its class and
    the person still in it: a participant who left meanwhile is not assessed."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("training_class")
        .get(pk=enrolment.pk)
    )
    instructor = instructor_of_user(by)
    if instructor is None or instructor.pk != enrolment.training_class.instructor_id:
        raise PermissionDeniedError(
            _("Only the instructor of this class can assess its participants."),
            code="not_your_class",
        )
    if enrolment.status not in IN_CLASS:
        raise ApplicationError(_("This person is not in this class."), code="not_in_class")
    return enrolment


@transaction.atomic
def participant_assessment_record(
    *,
    enrolment: Enrolment,
    results: list[UnitResult],
    pre_score: int | None,
    post_score: int | None,
    by: User,
) -> None:
    """Record one participant's form: each unit's result and the test scores, all or none."""
    for item in results:
        assessment_record(
            enrolment=enrolment, unit=item.unit, result=item.result, note=item.note, by=by
        )
    if pre_score is not None or post_score is not None:
        skill_test_record(enrolment=enrolment, pre_score=pre_score, post_score=post_score, by=by)


@transaction.atomic
def assessment_record(
    *, enrolment: Enrolment, unit: CompetencyUnit, result: str, note: str = "", by: User
) -> Assessment:
    """Record (or correct, audited) the result of a participant on `unit`."""
    enrolment = _locked_and_taught(enrolment, by)
    if unit.programme_id != enrolment.training_class.programme_id:
        raise ApplicationError(
            _("This unit belongs to another programme."), code="unit_other_programme"
        )
    if result not in AssessmentResult.values:
        raise ApplicationError(_("Unknown assessment result."), code="assessment_result")
    assessment = (
        Assessment.objects.select_for_update().filter(enrolment=enrolment, unit=unit).first()
    )
    if assessment is None:
        assessment = Assessment.objects.create(
            enrolment=enrolment, unit=unit, result=result, note=note.strip(), assessed_by=by
        )
        audit_record_created(target=assessment, policy=ASSESSMENT_AUDIT_POLICY)
        return assessment
    model_update(
        instance=assessment,
        fields={"result": result, "note": note.strip(), "assessed_by": by},
        policy=ASSESSMENT_AUDIT_POLICY,
    )
    return assessment


@transaction.atomic
def skill_test_record(
    *, enrolment: Enrolment, pre_score: int | None, post_score: int | None, by: User
) -> SkillTest:
    """Record a participant's scores before and after the course (0 to 100)."""
    enrolment = _locked_and_taught(enrolment, by)
    for score in (pre_score, post_score):
        if score is not None and not 0 <= score <= 100:
            raise ApplicationError(_("A score is from 0 to 100."), code="score_range")
    test = SkillTest.objects.select_for_update().filter(enrolment=enrolment).first()
    if test is None:
        test = SkillTest.objects.create(
            enrolment=enrolment, pre_score=pre_score, post_score=post_score
        )
        audit_record_created(target=test, policy=SKILL_TEST_AUDIT_POLICY)
        return test
    model_update(
        instance=test,
        fields={"pre_score": pre_score, "post_score": post_score},
        policy=SKILL_TEST_AUDIT_POLICY,
    )
    return test
