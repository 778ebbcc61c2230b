"""The instructor's assessment: kompeten or belum kompeten per unit, and optional test scores,
recorded a whole class at a time (the form) or one result at a time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.core.audit import (
    AuditedValue,
    AuditPolicy,
    audit_changes,
    audit_record_created,
    audit_record_many,
    model_update,
)
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.scheduling.models import TrainingClass
from balai.training.models import IN_CLASS, Assessment, AssessmentResult, Enrolment, SkillTest
from balai.training.selectors import instructor_of_user

ASSESSMENT_AUDIT_POLICY = AuditPolicy(fields=["enrolment_id", "unit_id", "result", "note"])
SKILL_TEST_AUDIT_POLICY = AuditPolicy(fields=["enrolment_id", "pre_score", "post_score"])


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


@dataclass(frozen=True)
class ParticipantSheet:
    """What the class form says of one participant: unit id -> (result, note) for the units
    given a result, and the test scores (None: not given)."""

    enrolment_id: int
    results: Mapping[int, tuple[str, str]]
    pre_score: int | None = None
    post_score: int | None = None


@dataclass(frozen=True)
class ClassAssessmentSaved:
    recorded: int
    corrected: int


@transaction.atomic
def class_assessment_record(
    *, training_class: TrainingClass, sheets: list[ParticipantSheet], by: User
) -> ClassAssessmentSaved:
    """Record a whole class's form in one go: every participant's unit results, notes and
    test scores. Only the class's instructor may; what changed is a correction and is audited,
    what is unchanged is left alone; anything wrong refuses the whole form."""
    enrolments = _locked_class_enrolments(training_class, sheets, by)
    _check_sheets(training_class, sheets)
    assessed = _assessments_saved(enrolments, sheets, by)
    tested = _skill_tests_saved(enrolments, sheets)
    return ClassAssessmentSaved(
        recorded=assessed.recorded + tested.recorded,
        corrected=assessed.corrected + tested.corrected,
    )


def _locked_class_enrolments(
    training_class: TrainingClass, sheets: list[ParticipantSheet], by: User
) -> dict[int, Enrolment]:
    """The sheets' enrolments, locked in one order (two saves at once take turns, never
    deadlock) and read afresh, once `by` is found to teach the class and all are still in it."""
    instructor = instructor_of_user(by)
    if instructor is None or instructor.pk != training_class.instructor_id:
        raise PermissionDeniedError(
            _("Only the instructor of this class can assess its participants."),
            code="not_your_class",
        )
    wanted = {sheet.enrolment_id for sheet in sheets}
    enrolments = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.select_for_update()
        .filter(pk__in=wanted, training_class=training_class, status__in=IN_CLASS)
        .order_by("pk")
    }
    if len(enrolments) != len(wanted):
        raise ApplicationError(
            _("Some of the people assessed are not in this class."), code="not_in_class"
        )
    return enrolments


def _check_sheets(training_class: TrainingClass, sheets: list[ParticipantSheet]) -> None:
    units = set(
        CompetencyUnit.objects.filter(programme_id=training_class.programme_id).values_list(
            "pk", flat=True
        )
    )
    for sheet in sheets:
        if any(unit_id not in units for unit_id in sheet.results):
            raise ApplicationError(
                _("This unit belongs to another programme."), code="unit_other_programme"
            )
        if any(result not in AssessmentResult.values for result, _note in sheet.results.values()):
            raise ApplicationError(_("Unknown assessment result."), code="assessment_result")
        for score in (sheet.pre_score, sheet.post_score):
            if score is not None and not 0 <= score <= 100:
                raise ApplicationError(_("A score is from 0 to 100."), code="score_range")


def _assessments_saved(
    enrolments: dict[int, Enrolment], sheets: list[ParticipantSheet], by: User
) -> ClassAssessmentSaved:
    existing = {
        (item.enrolment_id, item.unit_id): item
        for item in Assessment.objects.select_for_update().filter(enrolment__in=list(enrolments))
    }
    created: list[Assessment] = []
    corrected: list[tuple[Assessment, dict[str, AuditedValue]]] = []
    for sheet in sheets:
        for unit_id, (result, note) in sheet.results.items():
            found = existing.get((sheet.enrolment_id, unit_id))
            if found is None:
                created.append(
                    Assessment(
                        enrolment=enrolments[sheet.enrolment_id],
                        unit_id=unit_id,
                        result=result,
                        note=note.strip(),
                        assessed_by=by,
                    )
                )
            elif (found.result, found.note) != (result, note.strip()):
                corrected.append((found, ASSESSMENT_AUDIT_POLICY.snapshot(found)))
                found.result, found.note, found.assessed_by = result, note.strip(), by
                found.assessed_at = timezone.now()
    Assessment.objects.bulk_create(created)
    if corrected:
        Assessment.objects.bulk_update(
            [item for item, _before in corrected], ["result", "note", "assessed_by", "assessed_at"]
        )
    _audit(created, corrected, ASSESSMENT_AUDIT_POLICY)
    return ClassAssessmentSaved(recorded=len(created), corrected=len(corrected))


def _skill_tests_saved(
    enrolments: dict[int, Enrolment], sheets: list[ParticipantSheet]
) -> ClassAssessmentSaved:
    existing = {
        item.enrolment_id: item
        for item in SkillTest.objects.select_for_update().filter(enrolment__in=list(enrolments))
    }
    created: list[SkillTest] = []
    corrected: list[tuple[SkillTest, dict[str, AuditedValue]]] = []
    for sheet in sheets:
        scores = (sheet.pre_score, sheet.post_score)
        found = existing.get(sheet.enrolment_id)
        if found is None and scores != (None, None):
            created.append(
                SkillTest(
                    enrolment=enrolments[sheet.enrolment_id],
                    pre_score=sheet.pre_score,
                    post_score=sheet.post_score,
                )
            )
        elif found is not None and (found.pre_score, found.post_score) != scores:
            corrected.append((found, SKILL_TEST_AUDIT_POLICY.snapshot(found)))
            found.pre_score, found.post_score = scores
    SkillTest.objects.bulk_create(created)
    if corrected:
        SkillTest.objects.bulk_update(
            [item for item, _before in corrected], ["pre_score", "post_score"]
        )
    _audit(created, corrected, SKILL_TEST_AUDIT_POLICY)
    return ClassAssessmentSaved(recorded=len(created), corrected=len(corrected))


def _audit(
    created: Sequence[models.Model],
    corrected: Sequence[tuple[models.Model, dict[str, AuditedValue]]],
    policy: AuditPolicy,
) -> None:
    """One insert of entries for the records created, one for those corrected."""
    if created:
        audit_record_many(
            action=AuditAction.CREATE,
            targets=[(item, audit_changes({}, policy.snapshot(item))) for item in created],
        )
    if corrected:
        audit_record_many(
            action=AuditAction.UPDATE,
            targets=[
                (item, audit_changes(before, policy.snapshot(item))) for item, before in corrected
            ],
        )


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
