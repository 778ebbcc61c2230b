"""The end-of-course survey, and its results per instructor and per programme."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.scoping import scope_to_user
from balai.scheduling.models import TrainingClass
from balai.training.models import FeedbackResponse
from balai.training.selectors import enrolment_in_class

QUESTIONS = ("instructor_rating", "material_rating", "venue_rating", "usefulness_rating")


def feedback_open(training_class: TrainingClass) -> bool:
    """The survey opens on the day of the class's last session."""
    last = training_class.sessions.order_by("-date").values_list("date", flat=True).first()
    return last is not None and last <= timezone.localdate()


@transaction.atomic
def feedback_submit(
    *, training_class: TrainingClass, user: User, ratings: dict[str, int], comment: str = ""
) -> FeedbackResponse:
    """Record `user`'s answers about `training_class`: once, and only from its last day."""
    enrolment = enrolment_in_class(user=user, training_class=training_class)
    if enrolment is None:
        raise ApplicationError(_("You are not a participant of this class."), code="not_in_class")
    if not feedback_open(training_class):
        raise ApplicationError(
            _("The survey opens on the last day of the class."), code="feedback_not_open"
        )
    if set(ratings) != set(QUESTIONS) or not all(1 <= value <= 5 for value in ratings.values()):
        raise ApplicationError(_("Answer every question from 1 to 5."), code="feedback_ratings")
    if training_class.instructor_id is None:
        raise ApplicationError(_("The class has no instructor."), code="no_instructor")
    try:
        with transaction.atomic():
            return FeedbackResponse.objects.create(
                enrolment=enrolment,
                training_class=training_class,
                instructor_id=training_class.instructor_id,
                comment=comment.strip(),
                **ratings,
            )
    except IntegrityError:
        raise ApplicationError(
            _("You have already answered the survey for this class."), code="feedback_given"
        ) from None


@dataclass(frozen=True)
class FeedbackSummary:
    name: str
    answers: int
    instructor: float
    material: float
    venue: float
    usefulness: float


def feedback_results(*, by: str, user: User) -> list[FeedbackSummary]:
    """Average answers per instructor (`by="instructor"`) or per programme (`"programme"`),
    over the answers of `user`'s area."""
    field = {
        "instructor": "instructor__full_name",
        "programme": "training_class__programme__name",
    }[by]
    rows = (
        scope_to_user(FeedbackResponse.objects.all(), user, for_aggregates=True)
        .values(field)
        .annotate(
            answers=Count("pk"),
            **{f"average_{name}": Avg(name) for name in QUESTIONS},
        )
        .order_by(field)
    )
    return [
        FeedbackSummary(
            name=row[field],
            answers=row["answers"],
            instructor=round(row["average_instructor_rating"], 1),
            material=round(row["average_material_rating"], 1),
            venue=round(row["average_venue_rating"], 1),
            usefulness=round(row["average_usefulness_rating"], 1),
        )
        for row in rows
    ]
