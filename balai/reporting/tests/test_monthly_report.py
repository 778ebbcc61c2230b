"""The monthly report for the mayor: a PDF in Indonesian with the hand-computed figures of
balai.testing.reporting's city, archived per month in versions, made only by an admin."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import Job, JobStatus
from balai.reporting.models import MonthlyReport
from balai.reporting.monthly import monthly_report_generate, monthly_report_start
from balai.testing.clients import client_for
from balai.testing.reporting import ReportingCity, make_reporting_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_job_makes_a_pdf_in_indonesian_with_the_hand_computed_figures(
    city: ReportingCity, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = monthly_report_start(month=this_month(), remarks="Capaian Sukarasa baik.", by=admin)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    report = MonthlyReport.objects.get()
    assert (report.month, report.version, report.job_id) == (this_month(), 1, job.pk)
    assert report.generated_by == admin
    assert report.figures_computed_at == city.refresh.finished_at
    text = pdf_text(bytes(report.pdf))
    for words in [
        "Laporan bulanan program pelatihan",
        "Angka utama",
        "Terdaftar: 4",
        "Terdaftar di kelas: 3 dari target",
        "Capaian Sukarasa baik.",
        "Catatan",
        "Halaman 2",
        "Tangerang",
        "Jatiuwung",
    ]:
        assert words in text, words
    target = 100 * 104
    assert f"3 dari target {target:,}".replace(",", ".") in text
    assert "Selesai: 2" in text
    assert "Bersertifikat: 2" in text
    assert "Tersalurkan: 2" in text


def test_a_month_made_again_gets_the_next_version_and_keeps_the_first(
    city: ReportingCity, admin: User
) -> None:
    first = monthly_report_generate(month=this_month(), remarks="", by=admin)
    second = monthly_report_generate(month=this_month(), remarks="lagi", by=admin)
    earlier = monthly_report_generate(
        month=(this_month() - datetime.timedelta(days=1)).replace(day=1), remarks="", by=admin
    )
    assert (first.version, second.version, earlier.version) == (1, 2, 1)
    assert MonthlyReport.objects.count() == 3


def next_month() -> datetime.date:
    return (this_month() + datetime.timedelta(days=32)).replace(day=1)


def two_months_ago() -> datetime.date:
    last_month = (this_month() - datetime.timedelta(days=1)).replace(day=1)
    return (last_month - datetime.timedelta(days=1)).replace(day=1)


def second_day() -> datetime.date:
    return this_month().replace(day=2)


# Months are worked out when the test runs, on its pinned clock, not when it is collected.
@pytest.mark.parametrize(
    ("month_of", "remarks", "message"),
    [
        (next_month, "", "Bulan tersebut belum dimulai"),
        (two_months_ago, "", "bulan ini atau bulan lalu"),
        (second_day, "", "hari pertamanya"),
        (this_month, "x" * 2001, "paling banyak 2000 karakter"),
    ],
)
def test_a_future_old_or_bad_month_or_long_remarks_are_refused_and_nothing_is_saved(
    city: ReportingCity,
    admin: User,
    month_of: Callable[[], datetime.date],
    remarks: str,
    message: str,
) -> None:
    with pytest.raises(ApplicationError) as refused:
        monthly_report_start(month=month_of(), remarks=remarks, by=admin)
    assert message in refused.value.message
    assert not MonthlyReport.objects.exists()
    assert not Job.objects.filter(kind="monthly_report").exists()


@pytest.mark.parametrize("role", [Role.KECAMATAN_OPERATOR, Role.PARTICIPANT, Role.VIEWER])
def test_only_an_admin_makes_the_report(
    city: ReportingCity, users_by_role: dict[str, User], role: Role
) -> None:
    with pytest.raises(PermissionDeniedError):
        monthly_report_generate(month=this_month(), remarks="", by=users_by_role[role])
    assert not MonthlyReport.objects.exists()


def test_the_admin_page_queues_the_report_and_follows_its_job(
    city: ReportingCity, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    browser = client_for(admin)
    page = browser.get(reverse("reporting:monthly_report_list")).content.decode()
    assert 'type="month"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("reporting:monthly_report_generate"),
            {"month": f"{this_month():%Y-%m}", "remarks": "Baik."},
        )
    job = Job.objects.get(kind="monthly_report")
    assert response.url == reverse("core:job_detail", args=[job.pk])  # type: ignore[attr-defined]
    assert MonthlyReport.objects.get().remarks == "Baik."


def test_a_refused_month_is_shown_on_the_form_in_indonesian(
    city: ReportingCity, admin: User
) -> None:
    future = (this_month() + datetime.timedelta(days=32)).replace(day=1)
    for month, message in [(f"{future:%Y-%m}", "belum dimulai"), ("2026-13", "tahun dan bulan")]:
        response = client_for(admin).post(
            reverse("reporting:monthly_report_generate"), {"month": month, "remarks": ""}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Job.objects.filter(kind="monthly_report").exists()


def test_the_viewer_reads_the_archive_and_downloads_but_sees_no_form(
    city: ReportingCity, users_by_role: dict[str, User], django_assert_num_queries: Any
) -> None:
    admin = users_by_role[Role.ADMIN]
    monthly_report_generate(month=this_month(), remarks="", by=admin)
    report = monthly_report_generate(month=this_month(), remarks="", by=admin)
    viewer = client_for(users_by_role[Role.VIEWER])
    viewer.get(reverse("reporting:monthly_report_list"))  # the login's session saved first
    # The session read and saved (in a savepoint), the user and the reports with who made
    # them, however many reports there are.
    with django_assert_num_queries(6):
        page = viewer.get(reverse("reporting:monthly_report_list")).content.decode()
    assert "monthly-report-form" not in page
    assert reverse("reporting:monthly_report_download", args=[report.pk]) in page
    download = viewer.get(reverse("reporting:monthly_report_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="laporan-bulanan-{this_month():%Y-%m}-v2.pdf"'
    )
    assert download.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "role", [Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT]
)
def test_operators_and_participants_may_not_open_the_reports(
    city: ReportingCity, users_by_role: dict[str, User], role: Role
) -> None:
    report = monthly_report_generate(month=this_month(), remarks="", by=users_by_role[Role.ADMIN])
    browser = client_for(users_by_role[role])
    assert browser.get(reverse("reporting:monthly_report_list")).status_code == 403
    assert (
        browser.get(reverse("reporting:monthly_report_download", args=[report.pk])).status_code
        == 403
    )
    response = browser.post(reverse("reporting:monthly_report_generate"), {"month": "2020-01"})
    assert response.status_code == 403
    assert MonthlyReport.objects.count() == 1
