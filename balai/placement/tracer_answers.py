"""A graduate's answer to a tracer survey, through the personal link (no sign-in).

The link is single-use: the first answer is kept, and nothing after it. An answer that reports
work (a job, a business, a business group, further training) is recorded as a placement too,
through the same write as every other route to work (balai.placement.outcomes).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import AuditPolicy, audit_record_created
from balai.core.errors import ApplicationError
from balai.placement.models import (
    BusinessStatus,
    JobRelevance,
    MonthlyIncomeBand,
    Placement,
    PlacementChannel,
    PlacementKind,
    SurveyEmploymentStatus,
    SurveyInvitation,
    SurveyResponse,
)
from balai.placement.outcomes import placement_record
from balai.placement.tracer import survey_token_hash

RESPONSE_AUDIT_POLICY = AuditPolicy(
    fields=[
        "invitation_id",
        "employment_status",
        "employer_name",
        "same_employer_as_before",
        "job_relevance",
        "income_band",
        "business_status",
        "further_training",
    ]
)

# What each status that is work counts as; the other statuses record no placement.
PLACEMENT_KIND_OF_STATUS = {
    SurveyEmploymentStatus.EMPLOYED: PlacementKind.WAGE_EMPLOYMENT,
    SurveyEmploymentStatus.SELF_EMPLOYED: PlacementKind.SELF_EMPLOYMENT,
    SurveyEmploymentStatus.BUSINESS_GROUP: PlacementKind.BUSINESS_GROUP,
    SurveyEmploymentStatus.FURTHER_TRAINING: PlacementKind.FURTHER_TRAINING,
}
# The statuses with an employer or business whose relevance, income and continuity we ask.
EARNING = frozenset(
    {
        SurveyEmploymentStatus.EMPLOYED,
        SurveyEmploymentStatus.SELF_EMPLOYED,
        SurveyEmploymentStatus.BUSINESS_GROUP,
    }
)


class SurveyNotFoundError(ApplicationError):
    """The link is unknown: never issued, mistyped, or replaced by a reminder's newer link.
    One answer for all of them, so that a guess learns nothing."""

    code = "survey_not_found"
    status = 404


class SurveyAnsweredError(ApplicationError):
    code = "survey_answered"
    status = 409


class SurveyExpiredError(ApplicationError):
    code = "survey_expired"
    status = 410


@dataclass(frozen=True)
class SurveyAnswers:
    """The answers as given; those that do not apply to the status are dropped."""

    employment_status: str
    employer_name: str = ""
    same_employer_as_before: bool | None = None
    job_relevance: str = ""
    income_band: str = ""
    business_status: str = ""
    further_training: bool = False


def survey_not_found() -> SurveyNotFoundError:
    return SurveyNotFoundError(
        _(
            "This survey link is not known. If you received a newer message, use the link "
            "in it: a reminder replaces the earlier link."
        )
    )


def survey_invitation_open(*, token: str, now: datetime.datetime | None = None) -> SurveyInvitation:
    """Return the invitation that `token` opens, if it can still be answered; raise why not
    (unknown, answered already, expired)."""
    invitation = (
        SurveyInvitation.objects.select_related("wave", "enrolment__training_class__programme")
        .filter(token_hash=survey_token_hash(token))
        .first()
    )
    if invitation is None:
        raise survey_not_found()
    _check_open(invitation, now or timezone.now())
    return invitation


def _check_open(invitation: SurveyInvitation, now: datetime.datetime) -> None:
    if invitation.used_at is not None:
        raise SurveyAnsweredError(_("This survey has already been answered. Thank you!"))
    if invitation.expires_at <= now:
        raise SurveyExpiredError(
            _(
                "This survey link expired on %(date)s. Nothing more can be answered with it; "
                "the Disnaker officer of your kelurahan may call you instead."
            )
            % {"date": f"{timezone.localtime(invitation.expires_at):%d-%m-%Y}"}
        )


def has_previous_response(invitation: SurveyInvitation) -> bool:
    """Whether the graduate answered an earlier wave of the same training."""
    return SurveyResponse.objects.filter(
        invitation__enrolment_id=invitation.enrolment_id,
        invitation__wave__months_after_exit__lt=invitation.wave.months_after_exit,
    ).exists()


@dataclass(frozen=True)
class SurveyAnswered:
    response: SurveyResponse
    placement: Placement | None


@transaction.atomic
def survey_answer(
    *, token: str, answers: SurveyAnswers, now: datetime.datetime | None = None
) -> SurveyAnswered:
    """Record the answers given through `token`'s link, once: the invitation is locked, so
    a second answer (a double tap, two tabs) is refused and changes nothing. Work reported is
    recorded as a placement unless the graduate already has an open one of its kind."""
    now = now or timezone.now()
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("wave")
        .filter(token_hash=survey_token_hash(token))
        .first()
    )
    if invitation is None:
        raise survey_not_found()
    _check_open(invitation, now)
    cleaned = _answers_checked(answers, previous=has_previous_response(invitation))
    response = SurveyResponse.objects.create(invitation=invitation, **cleaned)
    audit_record_created(target=response, policy=RESPONSE_AUDIT_POLICY)
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    placement = _placement_from(response, invitation, today=timezone.localdate(now))
    return SurveyAnswered(response=response, placement=placement)


def _answers_checked(answers: SurveyAnswers, *, previous: bool) -> dict[str, object]:
    """Return the answers to store, or raise naming the first one that is not valid."""
    status = answers.employment_status
    _check_choice("employment_status", status, SurveyEmploymentStatus.values, required=True)
    _check_choice("job_relevance", answers.job_relevance, JobRelevance.values)
    _check_choice("income_band", answers.income_band, MonthlyIncomeBand.values)
    _check_choice("business_status", answers.business_status, BusinessStatus.values)
    employer_name = " ".join(answers.employer_name.split())
    if status in PLACEMENT_KIND_OF_STATUS and not employer_name:
        raise ApplicationError(
            _("Write the name of your workplace, business or training place."),
            code="survey_answer_invalid",
            details={"field": "employer_name"},
        )
    if len(employer_name) > 150:
        raise ApplicationError(
            _("The name is too long (150 characters at most)."),
            code="survey_answer_invalid",
            details={"field": "employer_name"},
        )
    earning = status in EARNING
    # Answers that do not fit the status (a phone form shows every question) are dropped
    # rather than refused: the graduate meant the status.
    return {
        "employment_status": status,
        "employer_name": employer_name if status in PLACEMENT_KIND_OF_STATUS else "",
        "same_employer_as_before": answers.same_employer_as_before
        if earning and previous
        else None,
        "job_relevance": answers.job_relevance if earning else "",
        "income_band": answers.income_band if earning else "",
        "business_status": answers.business_status,
        "further_training": answers.further_training,
    }


def _check_choice(field: str, value: str, allowed: list[str], *, required: bool = False) -> None:
    if (required and not value) or value not in allowed:
        raise ApplicationError(
            _("Choose one of the answers given."),
            code="survey_answer_invalid",
            details={"field": field},
        )


def _placement_from(
    response: SurveyResponse, invitation: SurveyInvitation, *, today: datetime.date
) -> Placement | None:
    """Record the work a response reports, unless the graduate has an open placement of
    that kind already (recorded by an employer or operator, or an earlier survey): that one
    stays as it is, with its own start date and channel."""
    kind = PLACEMENT_KIND_OF_STATUS.get(SurveyEmploymentStatus(response.employment_status))
    if kind is None:
        return None
    enrolment = invitation.enrolment
    if Placement.objects.filter(
        person_id=enrolment.person_id, kind=kind, ends_on__isnull=True
    ).exists():
        return None
    # The graduate says when they answer, not when they started: the answer's day is the
    # first day the programme knows the placement held.
    return placement_record(
        enrolment=enrolment,
        kind=kind,
        channel=PlacementChannel.SURVEY,
        employer_name=response.employer_name,
        starts_on=today,
        by=None,
        income_band=response.income_band,
    )
