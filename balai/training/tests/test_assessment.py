"""The assessment of a whole class on one form: every unit of every participant saved in one
request, with "kompeten" shortcuts that need no JavaScript, and nothing typed lost when the
form is refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from balai.accounts.models import Role
from balai.catalogue.models import CompetencyUnit
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction, AuditEntry
from balai.testing.clients import client_for
from balai.testing.factories import UserFactory
from balai.testing.training import Classroom
from balai.training.assessment import ParticipantSheet, class_assessment_record
from balai.training.models import (
    Assessment,
    AssessmentResult,
    Enrolment,
    EnrolmentStatus,
    SkillTest,
)

pytestmark = pytest.mark.django_db

COMPETENT, NOT_YET = AssessmentResult.COMPETENT, AssessmentResult.NOT_YET_COMPETENT


def units_of(classroom: Classroom) -> list[CompetencyUnit]:
    return list(classroom.training_class.programme.competency_units.all())


def address(classroom: Classroom) -> str:
    return reverse("training:assessment", args=[classroom.training_class.pk])


def whole_class(classroom: Classroom, result: str = COMPETENT) -> dict[str, Any]:
    """Every unit of every participant `result`, with a note each and both scores."""
    form: dict[str, Any] = {}
    for number, enrolment in enumerate(classroom.enrolments):
        for unit in units_of(classroom):
            form[f"result_{enrolment.pk}_{unit.pk}"] = result
            form[f"note_{enrolment.pk}_{unit.pk}"] = f"catatan {number} {unit.code}"
        form[f"pre_score_{enrolment.pk}"] = 40 + number
        form[f"post_score_{enrolment.pk}"] = 80 + number
    return form


def checked(page: str, result: str) -> list[str]:
    """The names of the radio buttons of `result` the page shows chosen."""
    return re.findall(rf'<input type="radio" name="(\w+)" value="{result}"[^>]* checked', page)


def results() -> dict[tuple[int, int], str]:
    return {
        (item.enrolment_id, item.unit_id): item.result
        for item in Assessment.objects.all()  # few rows: the test's one class
    }


def test_the_page_is_one_form_with_a_card_per_participant_and_their_units(
    classroom: Classroom,
) -> None:
    page = client_for(classroom.teacher).get(address(classroom)).content.decode()
    assert page.count('<form method="post" class="assessment"') == 1
    assert page.count('data-testid="assessment"') == 3
    assert page.count('class="taps units"') == 3 * len(units_of(classroom))
    assert page.count('data-testid="participant-all-competent"') == 3
    assert 'data-testid="class-all-competent"' in page and "Belum kompeten" in page


def test_an_instructor_saves_the_whole_class_in_one_request_of_few_queries(
    classroom: Classroom, django_assert_max_num_queries: Any
) -> None:
    teacher = client_for(classroom.teacher)
    form = whole_class(classroom)
    # Signed in, the class read, its 3 units and roster; 11 for the save itself, whatever the
    # class's size (see below); the session saved.
    with django_assert_max_num_queries(20):
        response = teacher.post(address(classroom), form)
    assert response.status_code == 302
    units = len(units_of(classroom))
    assert Assessment.objects.filter(result=COMPETENT).count() == 3 * units
    assert sorted(SkillTest.objects.values_list("pre_score", "post_score")) == [
        (40, 80),
        (41, 81),
        (42, 82),
    ]
    first, unit = classroom.enrolments[0], units_of(classroom)[0]
    assert Assessment.objects.get(enrolment=first, unit=unit).note == f"catatan 0 {unit.code}"
    page = teacher.get(address(classroom)).content.decode()
    assert f"Penilaian disimpan: {3 * units + 3} dicatat, 0 dikoreksi." in page


def test_the_save_takes_as_many_queries_for_a_big_class_as_for_one_participant(
    classroom: Classroom,
) -> None:
    """The queries do not grow with participants or units: the class's size is no matter."""
    teacher, form = client_for(classroom.teacher), whole_class(classroom)
    one = {name: value for name, value in form.items() if f"_{classroom.enrolments[0].pk}" in name}
    teacher.get(address(classroom))
    with CaptureQueriesContext(connection) as for_one:
        teacher.post(address(classroom), one)
    Assessment.objects.all().delete()
    SkillTest.objects.all().delete()
    with CaptureQueriesContext(connection) as for_all:
        teacher.post(address(classroom), form)
    assert Assessment.objects.count() == 3 * len(units_of(classroom))
    assert len(for_all.captured_queries) == len(for_one.captured_queries)


def test_a_refused_form_saves_nothing_and_keeps_everything_typed(classroom: Classroom) -> None:
    form = whole_class(classroom, NOT_YET)
    last = classroom.enrolments[-1]
    form[f"post_score_{last.pk}"] = 140
    response = client_for(classroom.teacher).post(address(classroom), form)
    page = response.content.decode()
    assert response.status_code == 200 and "Periksa hasil dan nilai (0 sampai 100)." in page
    assert not Assessment.objects.exists() and not SkillTest.objects.exists()
    assert len(checked(page, NOT_YET)) == 3 * len(units_of(classroom))
    for name, value in form.items():
        if not name.startswith("result_"):
            assert f'name="{name}" value="{value}"' in page, name
    assert page.count("participant-assessment has-error") == 1  # the wrong score's card, open
    assert "<details open>" in page


def test_one_participants_shortcut_makes_all_their_units_kompeten_and_saves_the_rest(
    classroom: Classroom,
) -> None:
    first, second, third = classroom.enrolments
    units = units_of(classroom)
    form = {
        f"result_{first.pk}_{units[0].pk}": NOT_YET,  # overruled by the shortcut on the card
        f"result_{second.pk}_{units[0].pk}": NOT_YET,  # typed on another card: kept
        "all_competent": str(first.pk),
    }
    response = client_for(classroom.teacher).post(address(classroom), form)
    assert response["Location"] == f"{address(classroom)}#participant-{first.pk}"
    assert results() == {
        **{(first.pk, unit.pk): COMPETENT for unit in units},
        (second.pk, units[0].pk): NOT_YET,
    }
    assert not Assessment.objects.filter(enrolment=third).exists()


def test_the_class_shortcut_makes_kompeten_every_unit_without_a_result(
    classroom: Classroom,
) -> None:
    second = classroom.enrolments[1]
    units = units_of(classroom)
    form = {f"result_{second.pk}_{units[1].pk}": NOT_YET, "all_competent": "class"}
    client_for(classroom.teacher).post(address(classroom), form)
    expected = {
        (enrolment.pk, unit.pk): COMPETENT for enrolment in classroom.enrolments for unit in units
    }
    assert results() == expected | {(second.pk, units[1].pk): NOT_YET}


def test_a_shortcut_on_a_refused_form_comes_back_applied(classroom: Classroom) -> None:
    first = classroom.enrolments[0]
    form = {f"pre_score_{first.pk}": -5, "all_competent": str(first.pk)}
    page = client_for(classroom.teacher).post(address(classroom), form).content.decode()
    assert not Assessment.objects.exists()
    assert checked(page, COMPETENT) == [
        f"result_{first.pk}_{unit.pk}" for unit in units_of(classroom)
    ]


def test_a_correction_is_audited_and_an_unchanged_result_is_left_alone(
    classroom: Classroom,
) -> None:
    teacher = client_for(classroom.teacher)
    form = whole_class(classroom)
    teacher.post(address(classroom), form)
    first, unit = classroom.enrolments[0], units_of(classroom)[0]
    form[f"result_{first.pk}_{unit.pk}"] = NOT_YET
    page = teacher.post(address(classroom), form, follow=True).content.decode()
    assert "Penilaian disimpan: 0 dicatat, 1 dikoreksi." in page
    corrected = Assessment.objects.get(enrolment=first, unit=unit)
    updates = AuditEntry.objects.filter(
        action=AuditAction.UPDATE, target_type="training.assessment"
    )
    assert [(entry.target_id, entry.changes) for entry in updates] == [
        (str(corrected.pk), {"result": {"old": COMPETENT, "new": NOT_YET}})
    ]


def test_only_the_classs_instructor_assesses_and_only_people_in_it(classroom: Classroom) -> None:
    units = units_of(classroom)
    sheets = [
        ParticipantSheet(enrolment.pk, {units[0].pk: (COMPETENT, "")})
        for enrolment in classroom.enrolments
    ]
    stranger = UserFactory.create(role=Role.INSTRUCTOR)
    with pytest.raises(PermissionDeniedError):
        class_assessment_record(training_class=classroom.training_class, sheets=sheets, by=stranger)
    left = classroom.enrolments[-1]
    Enrolment.objects.filter(pk=left.pk).update(
        status=EnrolmentStatus.LEFT, left_on=left.joined_on, left_reason="declined"
    )
    with pytest.raises(ApplicationError) as refused:
        class_assessment_record(
            training_class=classroom.training_class, sheets=sheets, by=classroom.teacher
        )
    assert refused.value.code == "not_in_class"
    assert not Assessment.objects.exists()  # the others' results not half-saved either
