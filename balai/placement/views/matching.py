"""Pages of placement's matching: a graduate's recommended vacancies, and the graduates
recommended for an employer's vacancy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.core.access import request_user
from balai.placement.matching import scoring
from balai.placement.matching.selectors import recommended_graduates, recommended_vacancies


def recommended_vacancies_page(request: HttpRequest) -> HttpResponse:
    """Open vacancies that match the graduate's training, home and preferences."""
    result = recommended_vacancies(user=request_user(request))
    return render(
        request,
        "placement/matching/recommended_vacancies.html",
        {"result": result, "weights": scoring.WEIGHTS},
    )


def recommended_graduates_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Graduates who match one of the employer's vacancies, among those who let the company
    see their profile."""
    vacancy, graduates = recommended_graduates(user=request_user(request), vacancy_id=vacancy_id)
    return render(
        request,
        "placement/matching/recommended_graduates.html",
        {"vacancy": vacancy, "graduates": graduates, "weights": scoring.WEIGHTS},
    )
