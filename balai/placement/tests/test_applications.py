"""A graduate applies in one step and shares their profile with that company only; every
refusal records nothing; an employer sees only its own applicants, in a fixed number of
queries, and only the profiles shared with it."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.models import AuditEntry
from balai.placement.application_selectors import employer_vacancy, vacancy_applicants
from balai.placement.applications import (
    JobPreferenceInput,
    job_application_decide,
    job_application_submit,
    job_application_withdraw,
    job_preference_save,
    profile_share_revoke,
)
from balai.placement.models import (
    ApplicationStatus,
    Booth,
    Company,
    CompanyStatus,
    JobApplication,
    JobFair,
    ProfileShare,
    Vacancy,
    VacancyStatus,
)
from balai.registry.models import Person
from balai.testing.clients import bearer, client_for
from balai.testing.placement import Graduates, make_company, make_graduates, make_vacancy
from balai.training.models import Certificate, Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db


@dataclass
class Market:
    graduates: Graduates
    company: Company
    employer: User
    vacancy: Vacancy
    other_company: Company
    other_employer: User
    other_vacancy: Vacancy

    @property
    def graduate(self) -> User:
        return self.graduates.users[0]

    @property
    def enrolment(self) -> Enrolment:
        return self.graduates.enrolments[0]


@pytest.fixture
def market(kota_tangerang: None, programmes: list[Programme]) -> Market:
    graduates = make_graduates(programmes, count=3)
    company, (employer,) = make_company()
    other_company, (other_employer,) = make_company(name="CV Lain")
    return Market(
        graduates=graduates,
        company=company,
        employer=employer,
        vacancy=make_vacancy(company),
        other_company=other_company,
        other_employer=other_employer,
        other_vacancy=make_vacancy(other_company, title="Kasir"),
    )


def apply(market: Market, *, user: User | None = None, **changes: object) -> JobApplication:
    graduate = user or market.graduate
    enrolment = Enrolment.objects.filter(person__user=graduate).order_by("pk").first()
    assert enrolment is not None
    arguments: dict[str, object] = {
        "user": graduate,
        "vacancy_id": market.vacancy.pk,
        "enrolment_id": enrolment.pk,
    } | changes
    return job_application_submit(**arguments)  # type: ignore[arg-type]


# Applying


def test_a_graduate_applies_with_training_and_certificate_and_shares_with_that_company(
    market: Market,
) -> None:
    application = apply(market, note="Siap kerja shift")

    assert application.status == ApplicationStatus.APPLIED
    assert application.enrolment == market.enrolment
    assert application.certificate == Certificate.objects.get(enrolment=market.enrolment)
    assert application.note == "Siap kerja shift"
    shares = ProfileShare.objects.filter(person=application.person)
    assert [share.company for share in shares] == [market.company]
    assert AuditEntry.objects.filter(target_type="placement.profileshare").count() == 1


def test_the_apply_page_says_what_is_shared_and_with_whom(market: Market) -> None:
    client = client_for(market.graduate)
    url = reverse("placement:apply", args=[market.vacancy.pk])

    page = client.get(url)

    assert page.status_code == 200
    text = page.content.decode()
    assert market.company.name in text
    assert market.enrolment.person.full_name in text
    response = client.post(url, {"enrolment": market.enrolment.pk, "note": ""})
    assert response.status_code == 302
    assert JobApplication.objects.filter(person__user=market.graduate).count() == 1


def test_a_double_clicked_form_yields_one_application(market: Market) -> None:
    client = client_for(market.graduate)
    url = reverse("placement:apply", args=[market.vacancy.pk])
    data = {"enrolment": market.enrolment.pk}

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert JobApplication.objects.count() == 1
    assert "sudah melamar" in second.content.decode()


def test_applying_twice_is_refused_with_nothing_recorded(market: Market) -> None:
    apply(market)
    audit_entries = AuditEntry.objects.count()

    with pytest.raises(ApplicationError) as refused:
        apply(market)

    assert refused.value.code == "already_applied"
    assert JobApplication.objects.count() == 1
    assert AuditEntry.objects.count() == audit_entries


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": VacancyStatus.SUBMITTED}, "vacancy_not_open"),
        ({"status": VacancyStatus.CLOSED}, "vacancy_not_open"),
        ({"deadline": "yesterday"}, "vacancy_not_open"),
    ],
)
def test_a_vacancy_not_open_is_refused(market: Market, change: dict[str, str], code: str) -> None:
    if change.get("deadline") == "yesterday":
        change = {"deadline": str(timezone.localdate() - datetime.timedelta(days=1))}
    Vacancy.objects.filter(pk=market.vacancy.pk).update(**change)

    with pytest.raises(ApplicationError) as refused:
        apply(market)

    assert refused.value.code == code
    assert not JobApplication.objects.exists()
    assert not ProfileShare.objects.exists()


def test_a_vacancy_open_until_today_still_takes_applications(market: Market) -> None:
    Vacancy.objects.filter(pk=market.vacancy.pk).update(deadline=timezone.localdate())

    assert apply(market).pk


def test_a_vacancy_of_a_company_not_verified_is_refused(market: Market) -> None:
    Company.objects.filter(pk=market.company.pk).update(status=CompanyStatus.SUSPENDED)

    with pytest.raises(ApplicationError) as refused:
        apply(market)

    assert refused.value.code == "vacancy_not_open"
    assert "belum terverifikasi" in refused.value.message
    assert not JobApplication.objects.exists()


def test_a_participant_who_did_not_complete_is_refused(market: Market) -> None:
    Enrolment.objects.filter(pk=market.enrolment.pk).update(
        status=EnrolmentStatus.DROPPED, left_reason="x"
    )

    with pytest.raises(PermissionDeniedError):
        apply(market)
    page = client_for(market.graduate).get(reverse("placement:apply", args=[market.vacancy.pk]))

    assert page.status_code == 403
    assert not JobApplication.objects.exists()


def test_a_training_record_of_somebody_else_is_refused(market: Market) -> None:
    someone_else = market.graduates.enrolments[1]

    with pytest.raises(ApplicationError) as refused:
        apply(market, enrolment_id=someone_else.pk)

    assert refused.value.code == "training_record_invalid"
    assert not JobApplication.objects.exists()


def test_a_graduate_of_two_trainings_chooses_which_to_attach(market: Market) -> None:
    first = market.enrolment
    # A second completed training of the same person: the first class's row, copied.
    second = Enrolment.objects.get(pk=market.graduates.enrolments[1].pk)
    Enrolment.objects.filter(pk=second.pk).update(person=first.person)

    page = client_for(market.graduate).get(reverse("placement:apply", args=[market.vacancy.pk]))
    application = apply(market, enrolment_id=second.pk)

    assert page.content.decode().count('type="radio"') == 2
    assert application.enrolment == second
    assert application.certificate == Certificate.objects.get(enrolment=second)


def test_a_job_fair_on_today_with_the_companys_booth_is_recorded(market: Market) -> None:
    today = timezone.localdate()
    fair = JobFair.objects.create(name="Bursa", starts_on=today, ends_on=today)
    Booth.objects.create(job_fair=fair, company=market.company)

    application = apply(market, job_fair_id=fair.pk)

    assert application.job_fair == fair


@pytest.mark.parametrize("problem", ["over", "no booth"])
def test_a_job_fair_over_or_without_a_booth_is_refused(market: Market, problem: str) -> None:
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=5) if problem == "over" else today
    fair = JobFair.objects.create(name="Bursa", starts_on=starts, ends_on=starts)
    Booth.objects.create(
        job_fair=fair, company=market.company if problem == "over" else market.other_company
    )

    with pytest.raises(ApplicationError) as refused:
        apply(market, job_fair_id=fair.pk)

    assert refused.value.code == "job_fair_invalid"
    assert not JobApplication.objects.exists()


# The graduate's own pages


def test_my_applications_show_status_and_next_step_and_withdraw(market: Market) -> None:
    application = apply(market)
    client = client_for(market.graduate)

    page = client.get(reverse("placement:my_job_applications"))
    client.post(reverse("placement:job_application_withdraw", args=[application.pk]))

    assert market.vacancy.title in page.content.decode()
    assert "Tunggu jawabannya" in page.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_a_graduate_cannot_withdraw_somebody_elses_application(market: Market) -> None:
    application = apply(market)

    with pytest.raises(NotFoundError):
        job_application_withdraw(user=market.graduates.users[1], application_id=application.pk)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED


def test_preferences_are_saved_and_a_revoked_share_hides_the_profile(market: Market) -> None:
    application = apply(market)
    client = client_for(market.graduate)
    response = client.post(
        reverse("placement:job_profile"),
        {
            "wants_wage_employment": "on",
            "max_distance_km": "10",
            "min_wage": "3500000",
            "sectors": ["food", "trade"],
        },
    )
    assert response.status_code == 302
    preference = application.person.job_preference
    assert (preference.max_distance_km, preference.sectors) == (10, ["trade", "food"])
    share = ProfileShare.objects.get()

    client.post(reverse("placement:profile_share_revoke", args=[share.pk]))

    assert not ProfileShare.objects.exists()
    assert JobApplication.objects.filter(pk=application.pk).exists()
    (seen,) = vacancy_applicants(user=market.employer, vacancy=market.vacancy)
    assert not seen.profile_visible  # type: ignore[attr-defined]
    page = client_for(market.employer).get(
        reverse("placement:applicants", args=[market.vacancy.pk])
    )
    assert application.person.phone not in page.content.decode()
    profile = reverse("placement:graduate_profile", args=[application.person.public_id])
    assert client_for(market.employer).get(profile).status_code == 404


def test_a_graduate_cannot_revoke_somebody_elses_share(market: Market) -> None:
    apply(market)
    share = ProfileShare.objects.get()

    with pytest.raises(NotFoundError):
        profile_share_revoke(user=market.graduates.users[1], share_id=share.pk)

    assert ProfileShare.objects.exists()


def test_unknown_sectors_are_refused(market: Market) -> None:
    with pytest.raises(ApplicationError):
        job_preference_save(
            user=market.graduate,
            preference=JobPreferenceInput(
                wants_wage_employment=True,
                wants_self_employment=False,
                max_distance_km=None,
                min_wage=None,
                sectors=["mining"],
                visible_to_all_employers=False,
            ),
        )


# The employer's side


def test_the_employer_sees_each_applicants_training_and_certificate_link(market: Market) -> None:
    application = apply(market)
    person = application.person
    certificate = application.certificate
    assert certificate is not None

    page = client_for(market.employer).get(
        reverse("placement:applicants", args=[market.vacancy.pk])
    )

    text = page.content.decode()
    assert person.full_name in text
    assert person.phone in text
    assert market.graduates.programme.name in text
    assert reverse("training:verify", args=[certificate.number]) in text


def test_employer_b_sees_none_of_as_applicants(market: Market) -> None:
    apply(market)
    url = reverse("placement:applicants", args=[market.vacancy.pk])

    response = client_for(market.other_employer).get(url)

    assert response.status_code == 404
    with pytest.raises(NotFoundError):
        employer_vacancy(user=market.other_employer, vacancy_id=market.vacancy.pk)
    other = market.other_vacancy
    assert list(vacancy_applicants(user=market.other_employer, vacancy=other)) == []
    # Even pointed at A's vacancy directly, scoping leaves B nothing.
    assert list(vacancy_applicants(user=market.other_employer, vacancy=market.vacancy)) == []


def test_an_employer_of_a_company_awaiting_verification_sees_no_applicants(
    market: Market,
) -> None:
    apply(market)
    Company.objects.filter(pk=market.company.pk).update(status=CompanyStatus.PENDING)

    response = client_for(market.employer).get(
        reverse("placement:applicants", args=[market.vacancy.pk])
    )

    assert response.status_code == 404


def test_the_employer_shortlists_and_marks_not_selected(market: Market) -> None:
    first = apply(market)
    second = apply(market, user=market.graduates.users[1])
    client = client_for(market.employer)

    client.post(
        reverse("placement:applicant_decide", args=[market.vacancy.pk, first.pk]),
        {"status": "shortlisted"},
    )
    job_application_decide(user=market.employer, application_id=second.pk, status="not_selected")
    filtered = client.get(
        reverse("placement:applicants", args=[market.vacancy.pk]), {"status": "shortlisted"}
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("shortlisted", "not_selected")
    text = filtered.content.decode()
    assert first.person.full_name in text
    assert second.person.full_name not in text


def test_a_decision_the_status_does_not_allow_is_refused(market: Market) -> None:
    application = apply(market)
    job_application_withdraw(user=market.graduate, application_id=application.pk)

    with pytest.raises(ApplicationError) as refused:
        job_application_decide(
            user=market.employer, application_id=application.pk, status="shortlisted"
        )

    assert refused.value.code == "status_transition_invalid"


def test_another_company_cannot_decide_on_an_applicant(market: Market) -> None:
    application = apply(market)

    with pytest.raises(NotFoundError):
        job_application_decide(
            user=market.other_employer, application_id=application.pk, status="shortlisted"
        )


def bulk_applicants(market: Market, count: int) -> None:
    """`count` applicants of the vacancy, saved in bulk: each a person of their own, all on
    the first graduate's training record (what the page reads is the same for any)."""
    template = Person.objects.get(pk=market.enrolment.person_id)
    people = Person.objects.bulk_create(
        [
            Person(
                public_id=uuid.uuid4(),
                nik_encrypted=template.nik_encrypted,
                nik_hash=f"bulk-{index}",
                nik_masked=template.nik_masked,
                full_name=f"Pelamar {index}",
                birth_date=template.birth_date,
                sex=template.sex,
                phone=f"0812{index:08d}",
                domicile_kelurahan_id=template.domicile_kelurahan_id,
            )
            for index in range(count)
        ]
    )
    certificate = Certificate.objects.get(enrolment=market.enrolment)
    JobApplication.objects.bulk_create(
        JobApplication(
            vacancy=market.vacancy,
            person=person,
            enrolment=market.enrolment,
            certificate=certificate,
            status_changed_at=timezone.now(),
        )
        for person in people
    )
    ProfileShare.objects.bulk_create(
        ProfileShare(person=person, company=market.company) for person in people[::2]
    )


def queries_of_applicants_page(market: Market, applicants: int) -> int:
    """The queries of the employer's applicants page with `applicants` bulk applicants."""
    JobApplication.objects.all().delete()
    Person.objects.filter(nik_hash__startswith="bulk-").delete()
    bulk_applicants(market, applicants)
    client = client_for(market.employer)
    url = reverse("placement:applicants", args=[market.vacancy.pk])
    client.get(url)  # the session and caches warmed
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="applicant"') == min(applicants, 50)
    return len(captured)


def test_the_applicants_page_makes_a_fixed_number_of_queries(market: Market) -> None:
    with_one = queries_of_applicants_page(market, 1)

    with_a_thousand = queries_of_applicants_page(market, 1000)

    assert JobApplication.objects.count() == 1000
    assert with_a_thousand == with_one


def test_the_applicants_api_makes_a_fixed_number_of_queries(market: Market) -> None:
    client = bearer(market.employer)
    url = f"/api/v1/placement/applications/vacancies/{market.vacancy.pk}/applicants"
    counts = []
    for count in (1, 1000):
        JobApplication.objects.all().delete()
        Person.objects.filter(nik_hash__startswith="bulk-").delete()
        bulk_applicants(market, count)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    body = response.json()
    assert body["count"] == 1000
    assert len(body["items"]) == 50
    assert body["items"][0]["phone"] is not None
    assert body["items"][1]["phone"] is None  # never shared (bulk rows share every other)
    assert counts[0] == counts[1]


# The graduate profile an employer may see


def test_an_employer_cannot_see_a_graduate_who_did_not_share(market: Market) -> None:
    person = market.enrolment.person
    url = reverse("placement:graduate_profile", args=[person.public_id])

    assert client_for(market.employer).get(url).status_code == 404
    apply(market)
    assert client_for(market.employer).get(url).status_code == 200
    assert client_for(market.other_employer).get(url).status_code == 404


def test_a_graduate_visible_to_all_is_seen_by_every_verified_employer(market: Market) -> None:
    job_preference_save(
        user=market.graduate,
        preference=JobPreferenceInput(
            wants_wage_employment=True,
            wants_self_employment=False,
            max_distance_km=None,
            min_wage=None,
            sectors=[],
            visible_to_all_employers=True,
        ),
    )
    url = reverse("placement:graduate_profile", args=[market.enrolment.person.public_id])
    _pending, (waiting,) = make_company(name="CV Menunggu", status=CompanyStatus.PENDING)

    page = client_for(market.other_employer).get(url)

    assert page.status_code == 200
    assert market.graduates.programme.name in page.content.decode()
    assert client_for(waiting).get(url).status_code == 404


# The API


def test_the_api_applies_lists_and_withdraws(market: Market) -> None:
    client = bearer(market.graduate)
    base = "/api/v1/placement/applications"

    created = client.post(
        f"{base}/",
        {"vacancy_id": market.vacancy.pk, "enrolment_id": market.enrolment.pk},
        content_type="application/json",
    )
    again = client.post(
        f"{base}/",
        {"vacancy_id": market.vacancy.pk, "enrolment_id": market.enrolment.pk},
        content_type="application/json",
    )
    mine = client.get(f"{base}/mine")
    withdrawn = client.post(f"{base}/{created.json()['id']}/withdraw")

    assert created.status_code == 201, created.json()
    assert created.json()["company_name"] == market.company.name
    assert again.status_code == 400
    assert again.json()["code"] == "already_applied"
    assert [row["vacancy_id"] for row in mine.json()] == [market.vacancy.pk]
    assert withdrawn.json()["status"] == "withdrawn"
    assert JobApplication.objects.count() == 1


def test_the_api_lets_the_employer_shortlist_only_its_own(market: Market) -> None:
    application = apply(market)
    url = f"/api/v1/placement/applications/{application.pk}/decision"

    other = bearer(market.other_employer).post(
        url, {"status": "shortlisted"}, content_type="application/json"
    )
    own = bearer(market.employer).post(
        url, {"status": "shortlisted"}, content_type="application/json"
    )

    assert other.status_code == 404
    assert own.json()["status"] == "shortlisted"


def test_only_a_participant_may_apply(market: Market, users_by_role: dict[str, User]) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]

    response = client_for(operator).get(reverse("placement:apply", args=[market.vacancy.pk]))

    assert response.status_code == 403


def test_a_participant_still_in_training_is_told_why_the_profile_page_is_empty(
    users_by_role: dict[str, User],
) -> None:
    page = client_for(users_by_role[Role.PARTICIPANT]).get(reverse("placement:job_profile"))

    assert page.status_code == 200
    assert 'data-testid="not-a-graduate"' in page.content.decode()
