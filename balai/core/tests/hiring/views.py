from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from balai.core.access import request_user
from balai.core.scoping import scope_to_user, scoped_get
from balai.core.tests.hiring.models import Applicant, Vacancy


def lines(names: list[str]) -> HttpResponse:
    return HttpResponse("\n".join(names), content_type="text/plain; charset=utf-8")


def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = scope_to_user(Vacancy.objects.order_by("title"), request_user(request))
    return lines([vacancy.title for vacancy in vacancies])


def applicant_list(request: HttpRequest) -> HttpResponse:
    applicants = scope_to_user(
        Applicant.objects.select_related("person").order_by("pk"), request_user(request)
    )
    return lines([applicant.person.full_name for applicant in applicants])


def applicant_detail(request: HttpRequest, applicant_id: int) -> HttpResponse:
    applicant = scoped_get(
        Applicant.objects.select_related("person", "vacancy"),
        request_user(request),
        pk=applicant_id,
    )
    return lines([applicant.person.full_name, applicant.vacancy.title])
