"""The placement test helpers make what they say: graduates with certificates, a verified
company whose employer acts for it, a published vacancy."""

from __future__ import annotations

import pytest

from balai.catalogue.models import Programme
from balai.placement.companies import companies_acted_for, company_of_user
from balai.placement.models import CompanyStatus, VacancyStatus
from balai.testing.placement import make_company, make_graduates, make_vacancy
from balai.training.models import Certificate, EnrolmentStatus

pytestmark = pytest.mark.django_db


def test_graduates_are_completed_enrolments_with_certificates(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    graduates = make_graduates(programmes, count=2)

    assert [enrolment.status for enrolment in graduates.enrolments] == [
        EnrolmentStatus.COMPLETED
    ] * 2
    assert Certificate.objects.filter(enrolment__in=graduates.enrolments).count() == 2


def test_an_employer_acts_only_for_a_verified_company(kota_tangerang: None) -> None:
    verified, (employer,) = make_company()
    pending, (waiting,) = make_company(name="CV Baru", status=CompanyStatus.PENDING)

    assert list(companies_acted_for(employer)) == [verified.pk]
    assert list(companies_acted_for(waiting)) == []
    assert company_of_user(waiting) == pending


def test_a_vacancy_is_published_and_open_for_a_month(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    company, _ = make_company()

    vacancy = make_vacancy(company, programmes=programmes[:1])

    assert vacancy.status == VacancyStatus.PUBLISHED
    assert list(vacancy.programmes.all()) == programmes[:1]
