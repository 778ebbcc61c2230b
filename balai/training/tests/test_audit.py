"""Training's writes leave their audit entries: certificates, assessments, test scores,
enrolments."""

from __future__ import annotations

import pytest

from balai.core.models import AuditAction, AuditEntry
from balai.testing.training import Classroom, completed
from balai.training.assessment import assessment_record, skill_test_record
from balai.training.certificates.services import certificate_revoke
from balai.training.models import AssessmentResult, EnrolmentStatus

pytestmark = pytest.mark.django_db


def entries(target_type: str, target_id: int) -> list[tuple[str, dict[str, object]]]:
    return [
        (entry.action, entry.changes)
        for entry in AuditEntry.objects.filter(
            target_type=target_type, target_id=str(target_id)
        ).order_by("pk")
    ]


def test_issuing_and_revoking_a_certificate_is_audited(classroom: Classroom) -> None:
    certificate = completed(classroom)
    certificate_revoke(certificate=certificate, reason="Data palsu")
    (issued, issued_changes), revoked = entries("training.certificate", certificate.pk)
    assert issued == AuditAction.CREATE
    assert issued_changes["number"] == {"old": "", "new": certificate.number}
    assert certificate.enrolment.person.full_name not in str(issued_changes)
    assert revoked[0] == AuditAction.UPDATE
    assert revoked[1]["revocation_reason"] == {"old": "", "new": "Data palsu"}
    assert set(revoked[1]) == {"revoked_at", "revocation_reason"}


def test_the_certificate_completes_the_enrolment_audited(classroom: Classroom) -> None:
    enrolment = classroom.enrolments[0]
    completed(classroom)
    _created, (action, changes) = entries("training.enrolment", enrolment.pk)
    assert action == AuditAction.UPDATE
    assert changes["status"] == {"old": EnrolmentStatus.ENROLLED, "new": EnrolmentStatus.COMPLETED}


def test_assessments_and_test_scores_are_audited_when_recorded_and_corrected(
    classroom: Classroom,
) -> None:
    enrolment = classroom.enrolments[0]
    unit = classroom.training_class.programme.competency_units.first()
    assert unit is not None
    for result in (AssessmentResult.NOT_YET_COMPETENT, AssessmentResult.COMPETENT):
        assessment = assessment_record(
            enrolment=enrolment, unit=unit, result=result, by=classroom.teacher
        )
    for post_score in (70, 85):
        test = skill_test_record(
            enrolment=enrolment, pre_score=40, post_score=post_score, by=classroom.teacher
        )
    (created, _changes), corrected = entries("training.assessment", assessment.pk)
    assert created == AuditAction.CREATE
    assert corrected == (
        AuditAction.UPDATE,
        {"result": {"old": AssessmentResult.NOT_YET_COMPETENT, "new": AssessmentResult.COMPETENT}},
    )
    (created, _changes), rescored = entries("training.skilltest", test.pk)
    assert rescored == (AuditAction.UPDATE, {"post_score": {"old": "70", "new": "85"}})
