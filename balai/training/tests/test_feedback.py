"""The end-of-course survey: once per participant, and results per instructor and programme."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError
from balai.scheduling.models import ClassSession
from balai.testing.factories import UserFactory
from balai.testing.training import Classroom
from balai.training.feedback import feedback_results, feedback_submit
from balai.training.models import FeedbackResponse

pytestmark = pytest.mark.django_db
ANSWERS = {"instructor_rating": 5, "material_rating": 4, "venue_rating": 3, "usefulness_rating": 4}


def test_participants_answer_once_and_results_average_per_instructor_and_programme(
    classroom: Classroom,
) -> None:
    for user, instructor_rating in zip(classroom.participants[:2], (5, 4), strict=True):
        feedback_submit(
            training_class=classroom.training_class,
            user=user,
            ratings={**ANSWERS, "instructor_rating": instructor_rating},
        )
    with pytest.raises(ApplicationError) as again:
        feedback_submit(
            training_class=classroom.training_class, user=classroom.participants[0], ratings=ANSWERS
        )
    assert again.value.code == "feedback_given"
    admin = UserFactory.create(role=Role.ADMIN)
    (by_instructor,) = feedback_results(by="instructor", user=admin)
    assert by_instructor.answers == 2 and by_instructor.instructor == 4.5
    assert by_instructor.name == classroom.training_class.instructor.full_name  # type: ignore[union-attr]
    (by_programme,) = feedback_results(by="programme", user=admin)
    assert (by_programme.name, by_programme.venue) == ("Tata Boga", 3.0)


def test_outsiders_early_answers_and_bad_ratings_are_refused(classroom: Classroom) -> None:
    with pytest.raises(ApplicationError) as outsider:
        feedback_submit(
            training_class=classroom.training_class,
            user=UserFactory.create(role=Role.PARTICIPANT),
            ratings=ANSWERS,
        )
    assert outsider.value.code == "not_in_class"
    with pytest.raises(ApplicationError) as bad:
        feedback_submit(
            training_class=classroom.training_class,
            user=classroom.participants[0],
            ratings={**ANSWERS, "venue_rating": 6},
        )
    assert bad.value.code == "feedback_ratings"
    # The class's last session moved to next week: the survey is not open yet.
    next_week = timezone.localdate() + datetime.timedelta(weeks=1)
    ClassSession.objects.filter(pk=classroom.sessions[-1].pk).update(date=next_week)
    with pytest.raises(ApplicationError) as early:
        feedback_submit(
            training_class=classroom.training_class,
            user=classroom.participants[0],
            ratings=ANSWERS,
        )
    assert early.value.code == "feedback_not_open"
    assert not FeedbackResponse.objects.exists()


def test_the_survey_is_on_my_training_page_and_results_for_admins(
    classroom: Classroom, users_by_role: dict[str, User]
) -> None:
    participant = Client()
    participant.force_login(classroom.participants[0])
    page = participant.get(reverse("training:mine")).content.decode()
    assert "Bagaimana pelatihannya?" in page
    sent = participant.post(
        reverse("training:feedback", args=[classroom.training_class.pk]),
        {**{key: str(value) for key, value in ANSWERS.items()}, "comment": "Bagus"},
        follow=True,
    ).content.decode()
    assert "Terima kasih atas jawaban Anda." in sent and 'data-testid="feedback"' not in sent
    admin = Client()
    admin.force_login(users_by_role[Role.ADMIN])
    results = admin.get(reverse("training:feedback_results")).content.decode()
    assert "Tata Boga" in results
