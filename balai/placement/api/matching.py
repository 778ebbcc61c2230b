"""Placement's matching over the API: the same selectors as the pages, with each match's
score, the numbers it rests on and the reasons in words."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import register_route_access, request_user, roles
from balai.placement.matching.reasons import Match
from balai.placement.matching.selectors import recommended_graduates, recommended_vacancies

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)


class MatchOut(Schema):
    """A match's score and what it rests on."""

    score: float = Field(description="0-100; see the weights in placement.matching.scoring.")
    programme: str = Field(description="The graduate's completed programme.")
    programme_wanted: bool | None = Field(
        description="True: the vacancy wants it; None: the vacancy names no programme."
    )
    competent_units: int
    programme_units: int
    distance_km: float | None = Field(description="None: unknown.")
    distance_estimated: bool = Field(description="Estimated (same kecamatan, no coordinates).")
    wage_fits: bool | None = Field(description="None: a wage was not stated.")
    sector_fits: bool | None = Field(description="None: the graduate named no sector.")
    reasons: list[str]

    @classmethod
    def of(cls, match: Match) -> MatchOut:
        return cls(
            score=match.score,
            programme=match.programme_name,
            programme_wanted=match.programme_wanted,
            competent_units=match.competent_units,
            programme_units=match.programme_units,
            distance_km=None if match.distance_km is None else round(match.distance_km, 1),
            distance_estimated=match.distance_estimated,
            wage_fits=match.wage_fits,
            sector_fits=match.sector_fits,
            reasons=match.reasons,
        )


class RecommendedVacancyOut(Schema):
    vacancy_id: int
    title: str
    company: str
    kelurahan: str | None
    wage_min: int | None
    wage_max: int | None
    deadline: datetime.date
    match: MatchOut


class RecommendedVacanciesOut(Schema):
    state: str = Field(description='"ready", "not_graduate" or "not_looking".')
    message: str = Field(description="Why the list is empty, if it is.")
    vacancies: list[RecommendedVacancyOut]


class RecommendedGraduateOut(Schema):
    person_id: int
    full_name: str
    kelurahan: str
    shared_with_company: bool = Field(description="False: visible to every verified employer.")
    match: MatchOut


@router.get(
    "/vacancies",
    response={200: RecommendedVacanciesOut, 401: ErrorOut, 403: ErrorOut},
    url_name="matching_recommended_vacancies",
)
def matching_recommended_vacancies(request: HttpRequest) -> RecommendedVacanciesOut:
    """The caller's recommended open vacancies (a graduate), best first."""
    result = recommended_vacancies(user=request_user(request))
    return RecommendedVacanciesOut(
        state=result.state,
        message=result.message,
        vacancies=[
            RecommendedVacancyOut(
                vacancy_id=item.vacancy.pk,
                title=item.vacancy.title,
                company=item.vacancy.company.name,
                kelurahan=item.vacancy.kelurahan.name if item.vacancy.kelurahan else None,
                wage_min=item.vacancy.wage_min,
                wage_max=item.vacancy.wage_max,
                deadline=item.vacancy.deadline,
                match=MatchOut.of(item.match),
            )
            for item in result.items
        ],
    )


@router.get(
    "/vacancies/{int:vacancy_id}/graduates",
    response={200: list[RecommendedGraduateOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="matching_recommended_graduates",
)
def matching_recommended_graduates(
    request: HttpRequest, vacancy_id: int
) -> list[RecommendedGraduateOut]:
    """Graduates recommended for a vacancy of the caller's company, best first: only those
    who shared their profile with the company or let every verified employer see it."""
    _vacancy, graduates = recommended_graduates(user=request_user(request), vacancy_id=vacancy_id)
    return [
        RecommendedGraduateOut(
            person_id=item.person_id,
            full_name=item.full_name,
            kelurahan=item.kelurahan_name,
            shared_with_company=item.shared_with_company,
            match=MatchOut.of(item.match),
        )
        for item in graduates
    ]


register_route_access(
    "api-v1",
    {
        "matching_recommended_vacancies": roles(Role.PARTICIPANT),
        "matching_recommended_graduates": roles(Role.EMPLOYER),
    },
)
