"""Placement's tracer over the API: the same services and selectors as the pages.

The answers of the caller's area and their response rates (signed in), and the graduate's
answer through their personal link (public: the token is the key; wrong ones are limited
per address).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import PUBLIC, STAFF, Policy, register_route_access, request_user
from balai.placement.models import (
    BusinessStatus,
    JobRelevance,
    MonthlyIncomeBand,
    SurveyEmploymentStatus,
    SurveyResponse,
)
from balai.placement.tracer_answers import SurveyAnswers, SurveyNotFoundError, survey_answer
from balai.placement.tracer_selectors import RATE_GROUPS, response_rates, survey_responses
from balai.placement.tracer_throttle import survey_guess_record, survey_guesses_check

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)


class SurveyResponseOut(Schema):
    id: int
    enrolment_id: int = Field(description="The training record the answer follows.")
    graduate: str
    programme: str
    months_after_exit: int = Field(description="The wave answered.")
    employment_status: SurveyEmploymentStatus
    employer_name: str
    same_employer_as_before: bool | None
    job_relevance: JobRelevance
    income_band: MonthlyIncomeBand
    business_status: BusinessStatus
    further_training: bool
    submitted_at: datetime.datetime

    @staticmethod
    def resolve_enrolment_id(response: SurveyResponse) -> int:
        return response.invitation.enrolment_id

    @staticmethod
    def resolve_graduate(response: SurveyResponse) -> str:
        return response.invitation.enrolment.person.full_name

    @staticmethod
    def resolve_programme(response: SurveyResponse) -> str:
        return response.invitation.enrolment.training_class.programme.name

    @staticmethod
    def resolve_months_after_exit(response: SurveyResponse) -> int:
        return response.invitation.wave.months_after_exit


class ResponseRateOut(Schema):
    group: str = Field(description="The wave (+months), batch or programme.")
    invited: int
    sent: int = Field(description="Invitations with a message queued (a phone or e-mail).")
    answered: int
    rate: int = Field(description="Answered, in whole percent of invited.")
    reminders: int
    expired: int = Field(description="Expired without an answer.")


class ResponseRatesOut(Schema):
    by_wave: list[ResponseRateOut]
    by_batch: list[ResponseRateOut]
    by_programme: list[ResponseRateOut]


class SurveyAnswerIn(InputSchema):
    employment_status: SurveyEmploymentStatus
    employer_name: str = Field(
        "", max_length=150, description="Needed when working, in business or in training."
    )
    same_employer_as_before: bool | None = Field(
        None, description="Kept only if an earlier wave was answered."
    )
    job_relevance: JobRelevance = JobRelevance.NOT_APPLICABLE
    income_band: MonthlyIncomeBand = MonthlyIncomeBand.NOT_ANSWERED
    business_status: BusinessStatus = BusinessStatus.NOT_APPLICABLE
    further_training: bool = False


class SurveyAnsweredOut(Schema):
    answered: bool
    placement_recorded: bool = Field(description="Whether the answer recorded a placement.")


@router.get(
    "/responses",
    response={200: list[SurveyResponseOut], 401: ErrorOut, 403: ErrorOut},
    url_name="survey_responses",
)
@paginate(Pagination, page_size=50)
def survey_response_index(request: HttpRequest) -> QuerySet[SurveyResponse]:
    """The answers of the caller's area (a participant: their own), newest first."""
    return survey_responses(user=request_user(request))


@router.get(
    "/response-rates",
    response={200: ResponseRatesOut, 401: ErrorOut, 403: ErrorOut},
    url_name="survey_response_rates",
)
def survey_response_rates(request: HttpRequest) -> ResponseRatesOut:
    """Invited, sent, answered, rate, reminders and expired per wave, batch and programme,
    in the caller's area."""
    user = request_user(request)
    rates = {
        by: [
            ResponseRateOut(**row.__dict__, rate=row.rate)
            for row in response_rates(user=user, by=by)
        ]
        for by in RATE_GROUPS
    }
    return ResponseRatesOut(
        by_wave=rates["wave"], by_batch=rates["batch"], by_programme=rates["programme"]
    )


@router.post(
    "/{token}/",
    response={
        200: SurveyAnsweredOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        410: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    url_name="survey_answer",
    auth=None,
)
def survey_answer_endpoint(
    request: HttpRequest, token: str, payload: SurveyAnswerIn
) -> SurveyAnsweredOut:
    """Public: answer the survey of the personal link's `token`, once. 404 for an unknown
    link, 409 answered already, 410 expired; wrong links are limited per address (429)."""
    survey_guesses_check(request)
    try:
        answered = survey_answer(token=token, answers=SurveyAnswers(**payload.dict()))
    except SurveyNotFoundError:
        survey_guess_record(request)
        raise
    return SurveyAnsweredOut(answered=True, placement_recorded=answered.placement is not None)


register_route_access(
    "api-v1",
    {
        # A participant reads their own answers (scoping: the owner).
        "survey_responses": Policy(roles=STAFF.roles | {Role.PARTICIPANT}),
        # Counts only: leadership sees the city's.
        "survey_response_rates": Policy(roles=STAFF.roles | {Role.VIEWER}),
        "survey_answer": PUBLIC,
    },
)
