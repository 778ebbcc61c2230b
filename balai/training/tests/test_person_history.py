"""A person's page at the front desk shows the classes they are in, how many sessions they
attended or missed, and their certificates, as training records them."""

from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.testing.clients import client_for
from balai.testing.training import Classroom, attend, completed
from balai.training.models import AttendanceStatus

pytestmark = pytest.mark.django_db


def section(page: Any, name: str) -> str:
    text: str = page.content.decode()
    return text.split(f'data-testid="history-{name}"')[1].split("</table>")[0]


def test_the_person_page_shows_the_class_the_attendance_and_the_certificate(
    classroom: Classroom, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    certificate = completed(classroom)  # present at sessions 1-16
    first_only = Classroom(
        classroom.training_class, classroom.enrolments[:1], classroom.teacher, []
    )
    attend(first_only, 2, AttendanceStatus.ABSENT)  # sessions 1-2 marked again: absent
    person = classroom.enrolments[0].person
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    with django_assert_max_num_queries(20):
        page = client.get(f"/persons/{person.public_id}/")
    classes = section(page, "classes")
    assert "Tata Boga" in classes and "Sukarasa · 1" in classes
    assert "<td>14</td><td>2</td>" in classes  # attended, absent
    assert certificate.number in section(page, "certificates")
    assert "Tata Boga" in section(page, "offers")
