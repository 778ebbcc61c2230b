"""Reads of the tracer survey: response rates, who has not answered, and the answers, each
limited to the reader's area."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.placement.models import SurveyInvitation, SurveyResponse, SurveyWave

# What the rates are grouped by, and the field that names each group.
RATE_GROUPS = {
    "wave": "wave__months_after_exit",
    "batch": "enrolment__training_class__batch__name",
    "programme": "enrolment__training_class__programme__name",
}


@dataclass(frozen=True)
class ResponseRate:
    """One group's invitations: how many went out, reached someone, were answered."""

    group: str
    invited: int
    sent: int
    answered: int
    reminders: int
    expired: int

    @property
    def rate(self) -> int:
        """Answered, in whole percent of invited (0 when nobody was invited)."""
        return round(100 * self.answered / self.invited) if self.invited else 0


def response_rates(
    *, user: User, by: str, now: datetime.datetime | None = None
) -> list[ResponseRate]:
    """Response rates of the invitations in `user`'s area, per wave, batch or programme
    (`by`): invited, sent (a message queued), answered, reminders sent, and expired
    unanswered."""
    now = now or timezone.now()
    field = RATE_GROUPS[by]
    rows = (
        scope_to_user(SurveyInvitation.objects.all(), user, for_aggregates=True)
        .values(field)
        .annotate(
            invited=Count("pk"),
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            answered=Count("pk", filter=Q(used_at__isnull=False)),
            reminders=Sum("reminders_sent"),
            expired=Count("pk", filter=Q(used_at__isnull=True, expires_at__lte=now)),
        )
        .order_by(field)
    )
    return [
        ResponseRate(
            group=f"+{row[field]}" if by == "wave" else str(row[field]),
            invited=row["invited"],
            sent=row["sent"],
            answered=row["answered"],
            reminders=row["reminders"] or 0,
            expired=row["expired"],
        )
        for row in rows
    ]


def invitations_unanswered(*, user: User) -> QuerySet[SurveyInvitation]:
    """The invitations of `user`'s area not answered yet, open or expired, most recently
    due first: the graduates an operator may call."""
    return (
        scope_to_user(SurveyInvitation.objects.filter(used_at__isnull=True), user)
        .select_related("wave", "enrolment__person", "enrolment__training_class__programme")
        .order_by("-due_on", "enrolment__person__full_name", "pk")
    )


def survey_responses(*, user: User) -> QuerySet[SurveyResponse]:
    """The answers of `user`'s area (a participant: their own), newest first."""
    return (
        scope_to_user(SurveyResponse.objects.all(), user)
        .select_related(
            "invitation__wave",
            "invitation__enrolment__person",
            "invitation__enrolment__training_class__programme",
        )
        .order_by("-submitted_at", "-pk")
    )


def survey_waves() -> list[SurveyWave]:
    """Every wave, active or not, in the order they fall."""
    return list(SurveyWave.objects.order_by("months_after_exit"))
