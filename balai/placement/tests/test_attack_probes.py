"""Probes of placement as an outsider would try it: other companies' and other people's
records, the issue's refusals, and hostile input."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.placement.interviews import interview_book
from balai.placement.models import (
    Booth,
    CompanyStatus,
    InterviewBooking,
    JobApplication,
    JobFair,
    Placement,
    ProfileShare,
)
from balai.testing.clients import bearer, client_for
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import Graduates, make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduates(
    kota_tangerang: None, programmes: list[Programme], settings: Any, tmp_path: Path
) -> Graduates:
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_graduates(programmes, count=2)


def _booked(graduates: Graduates) -> tuple[Any, Any, Any, InterviewBooking]:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    application = make_shortlisted(graduates.enrolments[0], vacancy)
    slot = make_slot(vacancy, employer, starts_in=datetime.timedelta(hours=1))
    booking = interview_book(application=application, slot_id=slot.pk, user=graduates.users[0])
    return company, employer, vacancy, booking


@pytest.mark.parametrize("starts_on", ["0001-01-01", "9999-12-31"])
def test_a_hire_cannot_start_in_year_one_or_far_ahead_on_the_page(
    graduates: Graduates, starts_on: str
) -> None:
    _company, employer, _vacancy, booking = _booked(graduates)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        client_for(employer).post(
            reverse("placement:interview_outcome", args=[booking.pk]),
            {"outcome": "hired", "starts_on": starts_on},
        )
    assert not Placement.objects.exists()
    booking.refresh_from_db()
    assert booking.outcome in ("", "pending")


def test_a_hire_cannot_start_far_ahead_through_the_api(graduates: Graduates) -> None:
    _company, employer, _vacancy, booking = _booked(graduates)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        answer = bearer(employer).post(
            f"/api/v1/placement/interviews/bookings/{booking.pk}/outcome",
            {"outcome": "hired", "starts_on": "9999-12-31"},
            content_type="application/json",
        )
    assert answer.status_code == 400, answer.content
    assert not Placement.objects.exists()


def test_another_company_reaches_nothing_of_a_booking(graduates: Graduates) -> None:
    _company, _employer, vacancy, booking = _booked(graduates)
    _other, (stranger,) = make_company(name="PT Lain")
    browser, api = client_for(stranger), bearer(stranger)
    for path in [
        reverse("placement:interview_invitation", args=[booking.pk]),
        reverse("placement:applicants", args=[vacancy.pk]),
        reverse("placement:interview_slots", args=[vacancy.pk]),
        reverse("placement:recommended_graduates", args=[vacancy.pk]),
        reverse("placement:employer_vacancy_edit", args=[vacancy.pk]),
    ]:
        assert browser.get(path).status_code == 404, path
    for path in [
        f"/api/v1/placement/interviews/bookings/{booking.pk}/invitation.ics",
        f"/api/v1/placement/interviews/vacancies/{vacancy.pk}/slots",
        f"/api/v1/placement/applications/vacancies/{vacancy.pk}/applicants",
        f"/api/v1/placement/matching/vacancies/{vacancy.pk}/graduates",
    ]:
        assert api.get(path).status_code in (403, 404), path
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        browser.post(
            reverse("placement:interview_outcome", args=[booking.pk]),
            {"outcome": "hired", "starts_on": timezone.localdate().isoformat()},
        )
        api.post(
            f"/api/v1/placement/interviews/bookings/{booking.pk}/outcome",
            {"outcome": "hired", "starts_on": timezone.localdate().isoformat()},
            content_type="application/json",
        )
    browser.post(reverse("placement:employer_vacancy_close", args=[vacancy.pk]))
    api.post(f"/api/v1/placement/vacancies/mine/{vacancy.pk}/close")
    browser.post(
        reverse("placement:applicant_decide", args=[vacancy.pk, booking.application_id]),
        {"status": "not_selected"},
    )
    api.post(
        f"/api/v1/placement/applications/{booking.application_id}/decision",
        {"status": "not_selected"},
        content_type="application/json",
    )
    booking.refresh_from_db()
    vacancy.refresh_from_db()
    assert booking.outcome in ("", "pending") and not Placement.objects.exists()
    assert vacancy.status == "published"
    assert JobApplication.objects.get().status == "interview"


def test_another_graduate_reaches_nothing_of_a_booking(graduates: Graduates) -> None:
    _company, _employer, _vacancy, booking = _booked(graduates)
    other = client_for(graduates.users[1])
    assert (
        other.get(reverse("placement:interview_invitation", args=[booking.pk])).status_code == 404
    )
    assert (
        other.get(reverse("placement:interview_book", args=[booking.application_id])).status_code
        == 404
    )
    other.post(reverse("placement:interview_cancel", args=[booking.pk]))
    other.post(reverse("placement:job_application_withdraw", args=[booking.application_id]))
    booking.refresh_from_db()
    assert booking.cancelled_at is None
    assert JobApplication.objects.get().status == "interview"


@pytest.mark.parametrize(
    "status", [CompanyStatus.PENDING, CompanyStatus.SUSPENDED, CompanyStatus.REJECTED]
)
def test_a_company_not_verified_sees_no_applicant(graduates: Graduates, status: str) -> None:
    company, employer, vacancy, booking = _booked(graduates)
    company.status = status
    company.save()
    name = graduates.enrolments[0].person.full_name
    for path in [
        reverse("placement:applicants", args=[vacancy.pk]),
        reverse("placement:interview_slots", args=[vacancy.pk]),
        reverse("placement:interview_invitation", args=[booking.pk]),
        reverse("placement:recommended_graduates", args=[vacancy.pk]),
    ]:
        answer = client_for(employer).get(path)
        assert name not in answer.content.decode(), path
    answer = bearer(employer).get(
        f"/api/v1/placement/applications/vacancies/{vacancy.pk}/applicants"
    )
    assert name not in answer.content.decode()


def test_a_revoked_share_hides_the_phone_and_the_profile(graduates: Graduates) -> None:
    _company, employer, vacancy, booking = _booked(graduates)
    person = graduates.enrolments[0].person
    person.phone = "081299998888"
    person.save()
    ProfileShare.objects.filter(person=person).delete()
    for path in [
        reverse("placement:applicants", args=[vacancy.pk]),
        reverse("placement:interview_slots", args=[vacancy.pk]),
        reverse("placement:interview_invitation", args=[booking.pk]),
        reverse("placement:recommended_graduates", args=[vacancy.pk]),
        f"/api/v1/placement/applications/vacancies/{vacancy.pk}/applicants",
        f"/api/v1/placement/interviews/vacancies/{vacancy.pk}/slots",
        f"/api/v1/placement/interviews/bookings/{booking.pk}/invitation.ics",
    ]:
        client = bearer(employer) if path.startswith("/api/") else client_for(employer)
        assert "081299998888" not in client.get(path).content.decode(), path
    assert (
        client_for(employer)
        .get(reverse("placement:graduate_profile", args=[person.public_id]))
        .status_code
        == 404
    )


def test_a_booth_of_another_company_cannot_be_edited(graduates: Graduates) -> None:
    company, _employer, _vacancy, _booking = _booked(graduates)
    _other, (stranger,) = make_company(name="PT Lain")
    today = timezone.localdate()
    fair = JobFair.objects.create(name="Bursa", starts_on=today, ends_on=today)
    booth = Booth.objects.create(job_fair=fair, company=company, description="asli")
    path = reverse("placement:booth_edit", args=[fair.pk, booth.pk])
    assert client_for(stranger).get(path).status_code == 404
    client_for(stranger).post(path, {"description": "dirampas"})
    booth.refresh_from_db()
    assert booth.description == "asli"


def test_another_companys_employer_cannot_download_a_hires_evidence(graduates: Graduates) -> None:
    from balai.placement.models import PlacementChannel, PlacementKind
    from balai.placement.outcomes import placement_record

    company, _members = make_company()
    _company_b, (stranger,) = make_company(name="PT Lain")
    placement = placement_record(
        enrolment=graduates.enrolments[0],
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.VACANCY,
        employer_name=company.name,
        company=company,
        starts_on=timezone.localdate(),
        by=None,
        evidence=("kontrak.pdf", b"%PDF-1.4 x"),
    )
    path = reverse("placement:placement_evidence", args=[placement.pk])
    assert client_for(stranger).get(path).status_code == 404
    assert client_for(graduates.users[1]).get(path).status_code == 404


def test_the_api_refuses_a_session_write_without_the_csrf_token(graduates: Graduates) -> None:
    from django.test import Client

    _company, _employer, _vacancy, booking = _booked(graduates)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(graduates.users[0])
    answer = browser.post(f"/api/v1/placement/interviews/bookings/{booking.pk}/cancel")
    assert answer.status_code in (401, 403)
    answer = browser.post(reverse("placement:interview_cancel", args=[booking.pk]))
    assert answer.status_code == 403
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_a_long_slot_place_is_refused_in_words(graduates: Graduates) -> None:
    company, (employer,) = make_company()
    vacancy = make_vacancy(company)
    starts = timezone.localtime() + datetime.timedelta(days=2)
    answer = client_for(employer).post(
        reverse("placement:interview_slots", args=[vacancy.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT10:00"),
            "ends_at": starts.strftime("%Y-%m-%dT10:30"),
            "video_link": "https://" + "a" * 300 + ".example.org/",
            "location": "",
        },
    )
    assert answer.status_code in (200, 302)


def test_an_applicant_marked_not_selected_cannot_then_be_hired_through_the_booking(
    graduates: Graduates,
) -> None:
    _company, employer, vacancy, booking = _booked(graduates)
    browser = client_for(employer)
    browser.post(
        reverse("placement:applicant_decide", args=[vacancy.pk, booking.application_id]),
        {"status": "not_selected"},
    )
    assert JobApplication.objects.get().status == "not_selected"
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        answer = browser.post(
            reverse("placement:interview_outcome", args=[booking.pk]),
            {"outcome": "hired", "starts_on": timezone.localdate().isoformat()},
            follow=True,
        )
        api_answer = bearer(employer).post(
            f"/api/v1/placement/interviews/bookings/{booking.pk}/outcome",
            {"outcome": "hired", "starts_on": timezone.localdate().isoformat()},
            content_type="application/json",
        )
    assert "tidak dapat mengubahnya" in answer.content.decode()
    assert api_answer.status_code == 400
    assert JobApplication.objects.get().status == "not_selected"
    assert not Placement.objects.exists()


def test_evidence_lost_from_storage_is_not_found_rather_than_a_server_error(
    graduates: Graduates, users_by_role: dict[str, Any]
) -> None:
    from django.test import Client

    from balai.accounts.models import Role
    from balai.placement.models import PlacementChannel, PlacementKind
    from balai.placement.outcomes import placement_record

    placement = placement_record(
        enrolment=graduates.enrolments[0],
        kind=PlacementKind.SELF_EMPLOYMENT,
        channel=PlacementChannel.OPERATOR,
        employer_name="Warung",
        starts_on=timezone.localdate(),
        by=None,
        evidence=("bukti.pdf", b"%PDF-1.4 x %%EOF"),
    )
    placement.evidence.storage.delete(placement.evidence.name or "")
    browser = Client(raise_request_exception=False)
    browser.force_login(users_by_role[Role.ADMIN])
    answer = browser.get(reverse("placement:placement_evidence", args=[placement.pk]))
    assert answer.status_code == 404
