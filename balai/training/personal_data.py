"""Training's part of a resident's own data: their classes with attendance, assessments, test
scores and feedback, and their certificates.

Declared to the registry's data download (balai/registry/data_subject.py) from ready(); every
query is scoped to the resident, one per kind of record whatever the number of classes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.registry.data_subject import (
    Entry,
    PersonalDataSection,
    choice_item,
    entries_item,
    item,
)
from balai.training.models import (
    Assessment,
    AssessmentResult,
    Attendance,
    AttendanceStatus,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    FeedbackResponse,
    SkillTest,
)

ModelT = TypeVar("ModelT", bound=Model)


def _own(queryset: QuerySet[ModelT], user: User, path: str) -> QuerySet[ModelT]:
    return scope_to_user(queryset.filter(**{path: user}), user)


def _by_enrolment(rows: QuerySet[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.enrolment_id].append(row)
    return grouped


def enrolment_entries(user: User) -> list[Entry]:
    """The classes the resident joined, whatever became of them, with what was recorded."""
    enrolments = _own(Enrolment.objects.all(), user, "person__user").select_related(
        "training_class__programme", "training_class__offering__kelurahan"
    )
    mine = "enrolment__person__user"
    attendance = _by_enrolment(
        _own(Attendance.objects.all(), user, mine)
        .select_related("session")
        .order_by("session__date")
    )
    assessments = _by_enrolment(
        _own(Assessment.objects.all(), user, mine).select_related("unit").order_by("unit__code")
    )
    tests = {test.enrolment_id: test for test in _own(SkillTest.objects.all(), user, mine)}
    feedback = {
        answer.enrolment_id: answer for answer in _own(FeedbackResponse.objects.all(), user, mine)
    }
    return [
        _enrolment_entry(
            enrolment,
            attendance[enrolment.pk],
            assessments[enrolment.pk],
            tests.get(enrolment.pk),
            feedback.get(enrolment.pk),
        )
        for enrolment in enrolments.order_by("joined_on", "pk")
    ]


def _enrolment_entry(
    enrolment: Enrolment,
    attendance: list[Attendance],
    assessments: list[Assessment],
    test: SkillTest | None,
    feedback: FeedbackResponse | None,
) -> Entry:
    training_class = enrolment.training_class
    return Entry(
        title=f"{training_class.programme.name} — {training_class.offering.kelurahan.name}",
        items=[
            item("programme", _("Programme"), training_class.programme.name),
            item("kelurahan", _("Kelurahan"), training_class.offering.kelurahan.name),
            item("rombel", _("Class (rombel)"), training_class.number),
            item("joined_on", _("Joined on"), enrolment.joined_on),
            choice_item("status", _("Status"), enrolment.status, EnrolmentStatus),
            item("left_on", _("Left on"), enrolment.left_on),
            item("left_reason", _("Why"), enrolment.left_reason),
            entries_item("attendance", _("Attendance"), [_attendance(row) for row in attendance]),
            entries_item(
                "assessments", _("Assessments"), [_assessment(row) for row in assessments]
            ),
            item("pre_test_score", _("Pre-test score"), test.pre_score if test else None),
            item("post_test_score", _("Post-test score"), test.post_score if test else None),
            entries_item("feedback", _("Your feedback"), [_feedback(feedback)] if feedback else []),
        ],
    )


def _attendance(row: Attendance) -> Entry:
    session = row.session
    return Entry(
        title=_("Session %(number)s") % {"number": session.number},
        items=[
            item("session", _("Session"), session.number),
            item("date", _("Date"), session.date),
            choice_item("status", _("Status"), row.status, AttendanceStatus),
        ],
    )


def _assessment(row: Assessment) -> Entry:
    return Entry(
        title=f"{row.unit.code} {row.unit.title}",
        items=[
            item("unit", _("Unit"), f"{row.unit.code} {row.unit.title}"),
            choice_item("result", _("Result"), row.result, AssessmentResult),
            item("note", _("Note"), row.note),
            item("assessed_at", _("Assessed at"), row.assessed_at),
        ],
    )


def _feedback(answer: FeedbackResponse) -> Entry:
    return Entry(
        title=_("Your feedback"),
        items=[
            item("instructor_rating", _("The instructor"), answer.instructor_rating),
            item("material_rating", _("The material"), answer.material_rating),
            item("venue_rating", _("The venue"), answer.venue_rating),
            item("usefulness_rating", _("Usefulness for work"), answer.usefulness_rating),
            item("comment", _("Comment"), answer.comment),
            item("answered_at", _("Answered"), answer.created_at),
        ],
    )


def certificate_entries(user: User) -> list[Entry]:
    """The resident's certificates, as issued, and whether each still stands."""
    certificates = _own(Certificate.objects.all(), user, "enrolment__person__user")
    return [
        Entry(
            title=certificate.number,
            items=[
                item("number", _("Number"), certificate.number),
                item("holder_name", _("Holder's name"), certificate.holder_name),
                item("programme", _("Programme"), certificate.programme_name),
                item("hours", _("Training hours"), certificate.hours),
                item("kelurahan", _("Kelurahan"), certificate.kelurahan_name),
                item("from", _("From"), certificate.starts_on),
                item("until", _("Until"), certificate.ends_on),
                item("issued_on", _("Issued on"), certificate.issued_on),
                item("revoked_at", _("Revoked"), certificate.revoked_at),
                item("revocation_reason", _("Why"), certificate.revocation_reason),
            ],
        )
        for certificate in certificates.order_by("issued_on", "pk")
    ]


SECTIONS = [
    PersonalDataSection(
        name="enrolments",
        title=gettext_lazy("Classes"),
        order=50,
        entries_of=enrolment_entries,
    ),
    PersonalDataSection(
        name="certificates",
        title=gettext_lazy("Certificates"),
        order=60,
        entries_of=certificate_entries,
    ),
]
