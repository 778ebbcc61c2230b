"""The virtual job fair: an admin sets it up and adds booths, a verified company joins and
dresses its booth, the public looks round (counted once a day), logos are served by the app,
and the admin reads the funnel from visitors to hires."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.placement.fair_selectors import fair_funnel
from balai.placement.fairs import booth_add, booth_join, booth_update, job_fair_create
from balai.placement.interviews import interview_book, interview_outcome_record
from balai.placement.models import (
    Booth,
    CompanyStatus,
    FairVisit,
    InterviewOutcome,
    JobFair,
    VacancyStatus,
)
from balai.testing.clients import client_for
from balai.testing.interviews import make_shortlisted, make_slot
from balai.testing.placement import make_company, make_graduates, make_vacancy

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _fair(days_from_today: int = 0, length: int = 3, name: str = "Bursa Kerja") -> JobFair:
    starts_on = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return job_fair_create(
        name=name,
        description="Bursa kerja virtual Kota Tangerang.",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=length),
    )


def test_a_fair_cannot_end_before_it_starts(kota_tangerang: None) -> None:
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as reversed_dates:
        job_fair_create(
            name="Bursa", description="", starts_on=today, ends_on=today - datetime.timedelta(1)
        )
    assert reversed_dates.value.code == "job_fair_dates_reversed"
    assert not JobFair.objects.exists()


def test_an_admin_creates_and_edits_a_fair_on_its_pages(
    users_by_role: dict[str, User],
) -> None:
    admin = client_for(users_by_role[Role.ADMIN])
    today = timezone.localdate()
    answer = admin.post(
        reverse("placement:job_fair_new"),
        {"name": "Bursa Kerja 2026", "description": "", "starts_on": today, "ends_on": today},
    )
    job_fair = JobFair.objects.get()
    assert answer["Location"] == reverse("placement:job_fair_manage", args=[job_fair.pk])
    refused = admin.post(
        reverse("placement:job_fair_manage", args=[job_fair.pk]),
        {
            "name": "Bursa",
            "description": "",
            "starts_on": today,
            "ends_on": today - datetime.timedelta(days=2),
        },
    )
    assert refused.status_code == 200
    assert "tidak bisa berakhir sebelum dimulai" in refused.content.decode()
    job_fair.refresh_from_db()
    assert job_fair.name == "Bursa Kerja 2026"


def test_only_verified_companies_hold_booths_and_once_a_fair(kota_tangerang: None) -> None:
    job_fair = _fair()
    verified, _members = make_company()
    pending, _ = make_company(name="PT Baru", status=CompanyStatus.PENDING)
    booth_add(job_fair=job_fair, company=verified)
    with pytest.raises(ApplicationError) as twice:
        booth_add(job_fair=job_fair, company=verified)
    with pytest.raises(ApplicationError) as unverified:
        booth_add(job_fair=job_fair, company=pending)
    assert (twice.value.code, unverified.value.code) == ("booth_exists", "company_not_verified")
    assert Booth.objects.count() == 1


def test_an_employer_joins_a_fair_not_yet_over(kota_tangerang: None) -> None:
    company, (employer,) = make_company()
    booth = booth_join(job_fair=_fair(days_from_today=10), user=employer)
    assert booth.company == company
    with pytest.raises(ApplicationError) as over:
        booth_join(job_fair=_fair(days_from_today=-10, name="Lama"), user=employer)
    assert over.value.code == "job_fair_over"
    _pending, (newcomer,) = make_company(name="PT Baru", status=CompanyStatus.PENDING)
    with pytest.raises(ApplicationError):
        booth_join(job_fair=_fair(name="Lain"), user=newcomer)
    assert Booth.objects.count() == 1


def test_the_fair_list_puts_current_and_coming_fairs_first(kota_tangerang: None) -> None:
    _fair(days_from_today=-30, name="Bursa Lalu")
    _fair(days_from_today=20, name="Bursa Nanti")
    _fair(days_from_today=-1, name="Bursa Sekarang")
    page = Client().get(reverse("placement:job_fairs")).content.decode()
    assert page.index("Bursa Sekarang") < page.index("Bursa Nanti") < page.index("Bursa Lalu")


def test_a_booth_shows_only_its_published_and_open_vacancies(kota_tangerang: None) -> None:
    company, (employer,) = make_company()
    job_fair = _fair()
    booth = booth_add(job_fair=job_fair, company=company)
    shown = make_vacancy(company, title="Juru masak")
    expired = make_vacancy(company, title="Pelayan")
    booth_update(booth=booth, user=employer, description="Kami mencari", vacancies=[shown, expired])
    expired.deadline = timezone.localdate() - datetime.timedelta(days=1)
    expired.save()

    fair_page = Client().get(reverse("placement:job_fair", args=[job_fair.pk])).content.decode()
    assert "PT Maju Bersama" in fair_page and "1 lowongan terbuka" in fair_page
    booth_page = Client().get(reverse("placement:booth", args=[job_fair.pk, booth.pk]))
    assert "Juru masak" in booth_page.content.decode()
    assert "Pelayan" not in booth_page.content.decode()


def test_a_booth_shows_no_other_company_s_or_unpublished_vacancy(kota_tangerang: None) -> None:
    company, (employer,) = make_company()
    other, _members = make_company(name="PT Lain")
    booth = booth_add(job_fair=_fair(), company=company)
    for vacancy in (make_vacancy(other), make_vacancy(company, status=VacancyStatus.DRAFT)):
        with pytest.raises(ApplicationError):
            booth_update(booth=booth, user=employer, description="", vacancies=[vacancy])
    _other, (stranger,) = make_company(name="PT Ketiga")
    with pytest.raises(PermissionDeniedError):
        booth_update(booth=booth, user=stranger, description="Bukan milik kami", vacancies=[])
    booth.refresh_from_db()
    assert booth.vacancies.count() == 0


def _upload(content: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_the_employer_uploads_a_logo_that_the_app_serves(kota_tangerang: None) -> None:
    company, (employer,) = make_company()
    job_fair = _fair()
    booth = booth_add(job_fair=job_fair, company=company)
    vacancy = make_vacancy(company)
    answer = client_for(employer).post(
        reverse("placement:booth_edit", args=[job_fair.pk, booth.pk]),
        {"description": "Dapur pabrik", "vacancies": [vacancy.pk], "logo": _upload(WEBP, "a.png")},
    )
    assert answer.status_code == 302
    company.refresh_from_db()
    assert str(company.logo.name).endswith(".webp")  # named by its content, not by the upload

    page = Client().get(reverse("placement:booth", args=[job_fair.pk, booth.pk])).content.decode()
    name = str(company.logo.name).rsplit("/", 1)[-1]
    logo_path = reverse("placement:company_logo", args=[company.pk, name])
    assert logo_path in page
    logo = Client().get(logo_path)
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/webp"
    assert "max-age=31536000" in logo["Cache-Control"]
    assert logo.getvalue() == WEBP
    assert Client().get(logo_path + "x").status_code == 404


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<svg onload='alert(1)'></svg>", "logo.png"),  # an image by its name only
        (b"GIF89a" + b"\x00" * 20, "logo.gif"),
        (PNG + b"\x00" * (1024 * 1024), "big.png"),
    ],
)
def test_anything_but_a_small_png_jpeg_or_webp_is_refused(
    kota_tangerang: None, content: bytes, name: str
) -> None:
    company, (employer,) = make_company()
    booth = booth_add(job_fair=_fair(), company=company)
    with pytest.raises(ApplicationError):
        booth_update(
            booth=booth,
            user=employer,
            description="Baru",
            vacancies=[],
            logo=_upload(content, name),
        )
    company.refresh_from_db()
    booth.refresh_from_db()
    assert not company.logo
    assert booth.description != "Baru"


def test_visitors_are_counted_once_a_day_without_their_address(
    users_by_role: dict[str, User],
) -> None:
    company, _members = make_company()
    job_fair = _fair()
    booth = booth_add(job_fair=job_fair, company=company)
    anonymous = Client()
    participant = client_for(users_by_role[Role.PARTICIPANT])
    for client in (anonymous, anonymous, participant, participant):
        client.get(reverse("placement:job_fair", args=[job_fair.pk]), REMOTE_ADDR="10.1.2.3")
    anonymous.get(reverse("placement:booth", args=[job_fair.pk, booth.pk]))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        participant.get(reverse("placement:job_fair", args=[job_fair.pk]))

    visits = FairVisit.objects.filter(job_fair=job_fair)
    assert visits.filter(booth=None).count() == 3  # two visitors today, one tomorrow
    assert visits.filter(booth=booth).count() == 1
    keys = set(visits.values_list("visitor_key", flat=True))
    assert f"user:{users_by_role[Role.PARTICIPANT].pk}" in keys
    assert not any("10.1.2.3" in key for key in keys)
    session_key = anonymous.session.session_key
    assert session_key and not any(session_key in key for key in keys)


def test_the_funnel_counts_visitors_applications_interviews_and_hires(
    users_by_role: dict[str, User], programmes: list[Programme]
) -> None:
    graduates = make_graduates(programmes, count=3)
    company, (employer,) = make_company()
    job_fair = _fair()
    vacancy = make_vacancy(company)
    applications = [
        make_shortlisted(enrolment, vacancy, job_fair=job_fair)
        for enrolment in graduates.enrolments
    ]
    make_shortlisted(graduates.enrolments[0], make_vacancy(company, title="Kasir"))  # not at it
    slots = [
        make_slot(vacancy, employer, starts_in=datetime.timedelta(days=2, hours=hours))
        for hours in (0, 1)
    ]
    bookings = [
        interview_book(application=application, slot_id=slot.pk, user=user)
        for application, slot, user in zip(applications, slots, graduates.users, strict=False)
    ]
    with time_machine.travel(slots[0].ends_at):
        interview_outcome_record(
            booking=bookings[0],
            user=employer,
            outcome=InterviewOutcome.HIRED,
            starts_on=timezone.localdate(),
        )
    for user in graduates.users:
        client_for(user).get(reverse("placement:job_fair", args=[job_fair.pk]))

    admin = users_by_role[Role.ADMIN]
    with CaptureQueriesContext(connection) as queries:
        funnel = fair_funnel(job_fair=job_fair, user=admin)
    assert len(queries) == 4
    assert (funnel.visitors, funnel.applications, funnel.interviews, funnel.hires) == (3, 3, 2, 1)
    page = client_for(admin).get(reverse("placement:job_fair_manage", args=[job_fair.pk]))
    assert 'data-testid="funnel-hires">1<' in page.content.decode()


def test_an_employer_takes_a_booth_from_the_fair_page(kota_tangerang: None) -> None:
    company, (employer,) = make_company()
    job_fair = _fair(days_from_today=5)
    client = client_for(employer)
    page = client.get(reverse("placement:job_fair", args=[job_fair.pk])).content.decode()
    assert reverse("placement:booth_join", args=[job_fair.pk]) in page

    answer = client.post(reverse("placement:booth_join", args=[job_fair.pk]))
    booth = Booth.objects.get(company=company)
    assert answer["Location"] == reverse("placement:booth_edit", args=[job_fair.pk, booth.pk])
    page = client.get(reverse("placement:job_fair", args=[job_fair.pk])).content.decode()
    assert reverse("placement:booth_join", args=[job_fair.pk]) not in page


def test_an_admin_adds_a_verified_company_s_booth(users_by_role: dict[str, User]) -> None:
    company, _members = make_company()
    job_fair = _fair()
    admin = client_for(users_by_role[Role.ADMIN])
    admin.post(reverse("placement:booth_add", args=[job_fair.pk]), {"company": company.pk})
    assert Booth.objects.filter(job_fair=job_fair, company=company).exists()
    pending, _ = make_company(name="PT Baru", status=CompanyStatus.PENDING)
    admin.post(reverse("placement:booth_add", args=[job_fair.pk]), {"company": pending.pk})
    assert not Booth.objects.filter(company=pending).exists()


def test_the_fair_page_shows_its_booths_in_a_fixed_number_of_queries(
    kota_tangerang: None,
) -> None:
    job_fair = _fair()

    def add_booth(name: str) -> None:
        company, (employer,) = make_company(name=name)
        booth = booth_add(job_fair=job_fair, company=company)
        booth_update(
            booth=booth,
            user=employer,
            description="",
            vacancies=[make_vacancy(company), make_vacancy(company, title="Kasir")],
            logo=_upload(PNG),
        )

    add_booth("PT Satu")
    client = Client()
    page = reverse("placement:job_fair", args=[job_fair.pk])
    client.get(page)
    with CaptureQueriesContext(connection) as one_booth:
        client.get(page)
    for name in ("PT Dua", "PT Tiga", "PT Empat"):
        add_booth(name)
    with CaptureQueriesContext(connection) as four_booths:
        answer = client.get(page)
    assert len(four_booths) == len(one_booth)
    assert answer.content.decode().count('data-testid="booth"') == 4
    assert answer.content.decode().count("2 lowongan terbuka") == 4


def test_a_new_logo_replaces_the_old_file(
    kota_tangerang: None, django_capture_on_commit_callbacks: Any
) -> None:
    company, (employer,) = make_company()
    booth = booth_add(job_fair=_fair(), company=company)
    booth_update(booth=booth, user=employer, description="", vacancies=[], logo=_upload(PNG))
    company.refresh_from_db()
    first = company.logo.path
    with django_capture_on_commit_callbacks(execute=True):
        booth_update(booth=booth, user=employer, description="", vacancies=[], logo=_upload(WEBP))
    company.refresh_from_db()
    assert Path(company.logo.path).read_bytes() == WEBP
    assert not Path(first).exists()
