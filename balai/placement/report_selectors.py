"""What reporting reads of placement: each placement's person and kind, and the job search
funnel per kelurahan, for the pre-computed summaries (counted, never shown row by row)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Q, Sum

from balai.placement.models import (
    ApplicationStatus,
    Booth,
    InterviewOutcome,
    JobApplication,
    JobFair,
    Placement,
    PlacementChannel,
    Vacancy,
    VacancyStatus,
)


class PlacementKindFact(NamedTuple):
    person_id: int
    kind: str


def placement_facts() -> Iterator[PlacementKindFact]:
    """Every placement recorded (a job, own business, business group or further training)."""
    rows = Placement.objects.order_by("pk").values_list("person_id", "kind")
    for row in rows.iterator(chunk_size=5000):
        yield PlacementKindFact(*row)


class JobSearchStageCounts(NamedTuple):
    """How many residents of one kelurahan reached each stage of applying to vacancies."""

    kelurahan_code: str
    applied: int
    shortlisted: int
    interviewed: int


class VacancyHireCount(NamedTuple):
    """How many residents of one kelurahan were hired from a vacancy (or a job fair's)."""

    kelurahan_code: str
    hired: int


class VacancyTotals(NamedTuple):
    """The vacancies, their openings and the job fairs' booths of the whole deployment."""

    vacancies_published: int
    openings_published: int
    vacancies_open: int
    job_fairs: int
    booths: int


# An application that reached one of these was shortlisted (invited to an interview) first;
# one that was not selected after a booking counts through the booking instead.
_SHORTLISTED_STATUSES = (
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.HIRED,
)
# An interview took place: the employer recorded a hire or a rejection (not a no-show).
_INTERVIEWED_OUTCOMES = (InterviewOutcome.HIRED, InterviewOutcome.NOT_SELECTED)


def _of_deployment() -> Q:
    return Q(person__domicile_kelurahan__kecamatan__regency=settings.BALAI_REGENCY_CODE)


def job_search_stage_counts() -> Iterator[JobSearchStageCounts]:
    """Per kelurahan of the deployment, the people who applied to a vacancy, were shortlisted
    and were interviewed, each person once per stage (one grouped query)."""
    person = "person_id"
    rows = (
        JobApplication.objects.filter(_of_deployment())
        .order_by()
        .values("person__domicile_kelurahan_id")
        .annotate(
            applied=Count(person, distinct=True),
            shortlisted=Count(
                person,
                distinct=True,
                filter=Q(status__in=_SHORTLISTED_STATUSES) | Q(interview_bookings__isnull=False),
            ),
            interviewed=Count(
                person,
                distinct=True,
                filter=Q(
                    interview_bookings__cancelled_at__isnull=True,
                    interview_bookings__outcome__in=_INTERVIEWED_OUTCOMES,
                ),
            ),
        )
        .values_list("person__domicile_kelurahan_id", "applied", "shortlisted", "interviewed")
    )
    for row in rows:
        yield JobSearchStageCounts(*row)


def vacancy_hire_counts() -> Iterator[VacancyHireCount]:
    """Per kelurahan of the deployment, the people placed from a vacancy (one grouped query)."""
    rows = (
        Placement.objects.filter(_of_deployment(), channel=PlacementChannel.VACANCY)
        .order_by()
        .values("person__domicile_kelurahan_id")
        .annotate(hired=Count("person_id", distinct=True))
        .values_list("person__domicile_kelurahan_id", "hired")
    )
    for row in rows:
        yield VacancyHireCount(*row)


def vacancy_totals() -> VacancyTotals:
    """The vacancies ever published (closed ones included) and their openings, those open
    now, and the job fairs and their booths (three aggregate queries)."""
    published = Q(published_at__isnull=False)
    vacancies = Vacancy.objects.order_by().aggregate(
        published=Count("pk", filter=published),
        openings=Sum("openings", filter=published),
        open=Count("pk", filter=Q(status=VacancyStatus.PUBLISHED)),
    )
    return VacancyTotals(
        vacancies_published=vacancies["published"],
        openings_published=vacancies["openings"] or 0,
        vacancies_open=vacancies["open"],
        job_fairs=JobFair.objects.count(),
        booths=Booth.objects.count(),
    )
