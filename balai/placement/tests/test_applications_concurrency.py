"""Many clicks of one graduate at once on PostgreSQL: one application, one profile share."""

from __future__ import annotations

from collections import Counter

import pytest

from balai.catalogue.models import Programme
from balai.placement.applications import job_application_submit
from balai.placement.models import JobApplication, ProfileShare
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.placement import make_company, make_graduates, make_vacancy

CLICKS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_graduate_make_one_application(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    skip_unless_postgresql()
    graduates = make_graduates(programmes, count=1)
    company, _employers = make_company()
    vacancies = [make_vacancy(company), make_vacancy(company, title="Kasir")]
    (graduate,), (enrolment,) = graduates.users, graduates.enrolments

    def click(number: int) -> str:
        job_application_submit(
            user=graduate,
            vacancy_id=vacancies[number % 2].pk,
            enrolment_id=enrolment.pk,
        )
        return "applied"

    outcomes = Counter(run_concurrently(CLICKS, click))

    assert outcomes == {"applied": 2, "already_applied": CLICKS - 2}
    assert JobApplication.objects.count() == 2
    assert ProfileShare.objects.count() == 1
