"""The grant pages: batches with their budget, applying, the staff list (scoped), the
decision, the participant's own grants, and the usage report and its .xlsx."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from balai.accounts.models import Role, User
from balai.enterprise.models import GrantApplicationStatus, GrantBatch, UsageReport
from balai.testing.clients import client_for
from balai.testing.enterprise import make_grant_batch, make_residents
from balai.testing.grants import apply_for, make_approved, make_verified, mark_paid
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20 + b"IEND\xaeB`\x82"


def test_the_batch_page_shows_ceiling_committed_and_remaining(
    users_by_role: dict[str, User],
) -> None:
    batch = make_grant_batch(budget_ceiling=2_000_000)
    GrantBatch.objects.filter(pk=batch.pk).update(committed_amount=1_500_000)

    page = client_for(users_by_role[Role.ADMIN]).get(f"/grants/batches/{batch.pk}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Rp2.000.000" in text and "Rp1.500.000" in text and "Rp500.000" in text


def test_the_batch_list_writes_the_year_as_a_year_not_an_amount(
    users_by_role: dict[str, User],
) -> None:
    batch = make_grant_batch(name="Tangerang Bisa")

    text = client_for(users_by_role[Role.ADMIN]).get("/grants/batches/").content.decode()

    year = batch.year
    assert f"({year})" in text
    assert f"({year // 1000}.{year % 1000:03d})" not in text


def test_an_admin_opens_a_batch_with_amounts_typed_as_people_write_them(
    users_by_role: dict[str, User],
) -> None:
    today = timezone.localdate()
    answer = client_for(users_by_role[Role.ADMIN]).post(
        "/grants/batches/new/",
        {
            "name": "Tangerang Bisa 2026",
            "year": today.year,
            "amount_per_grant": "5.000.000",
            "budget_ceiling": "Rp 500.000.000",
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "min_business_age_months": 0,
            "max_business_age_months": 24,
            "requires_domicile": "on",
            "once_per_person": "on",
        },
    )

    batch = GrantBatch.objects.get()
    assert answer.status_code == 302
    assert (batch.amount_per_grant, batch.budget_ceiling) == (5_000_000, 500_000_000)
    assert batch.excludes_other_city_grant is False


def test_a_participant_applies_and_sees_every_reason_when_refused(
    kota_tangerang: None, settings: Any
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    settings.BALAI_REGENCY_CODE = "36.03"
    assert resident.user is not None
    browser = client_for(resident.user)
    form = {
        "step": "apply",
        "batch": batch.pk,
        "business_name": "Warung",
        "business_type": "food",
        "business_started_on": timezone.localdate().isoformat(),
        "business_address": "Jl. Mawar",
        "requested_use": "Kompor",
        "declares_other_city_grant": "on",
    }

    refused = browser.post("/grants/apply/", form)

    text = refused.content.decode()
    assert refused.status_code == 200
    assert text.count("<li>") >= 2  # the domicile and the other grant, both shown
    settings.BALAI_REGENCY_CODE = "36.71"
    form.pop("declares_other_city_grant")
    assert browser.post("/grants/apply/", form).status_code == 302
    mine = browser.get("/grants/mine/")
    assert "Warung" in mine.content.decode()


def test_an_operator_finds_a_resident_of_the_area_and_applies_for_them(
    users_by_role: dict[str, User],
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    browser = client_for(users_by_role[Role.KELURAHAN_OPERATOR])

    found = browser.post("/grants/apply/", {"text": resident.full_name})
    applied = browser.post(
        "/grants/apply/",
        {
            "step": "apply",
            "person": str(resident.public_id),
            "batch": batch.pk,
            "business_name": "Jahit Rapi",
            "business_type": "food",
            "business_started_on": timezone.localdate().isoformat(),
            "business_address": "Jl. Melati",
            "requested_use": "Mesin jahit",
        },
    )

    assert str(resident.public_id) in found.content.decode()
    assert applied.status_code == 302
    assert resident.grant_applications.get().submitted_by == users_by_role[Role.KELURAHAN_OPERATOR]


def test_the_staff_list_shows_only_the_operators_area(
    users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    batch = make_grant_batch()
    for person in make_residents(3):
        apply_for(person, batch)
    (outsider,) = make_residents(1, kelurahan_code=KERONCONG)
    apply_for(outsider, batch, business_name="Luar Wilayah")
    browser = client_for(users_by_role[Role.KELURAHAN_OPERATOR])

    with django_assert_max_num_queries(12):
        page = browser.get("/grants/", {"batch": str(batch.pk), "status": "submitted"})

    text = page.content.decode()
    assert text.count('data-testid="grant-application"') == 3
    assert "Luar Wilayah" not in text


def test_an_application_outside_the_area_is_not_found(users_by_role: dict[str, User]) -> None:
    (outsider,) = make_residents(1, kelurahan_code=KERONCONG)
    application = apply_for(outsider, make_grant_batch())

    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(f"/grants/{application.pk}/")

    assert page.status_code == 404


def test_verify_then_decide_through_the_pages(users_by_role: dict[str, User]) -> None:
    (resident,) = make_residents(1)
    application = apply_for(resident, make_grant_batch())
    checks = {
        item: "on"
        for item in (
            "identity_seen",
            "lives_at_address",
            "business_exists",
            "account_in_name",
            "no_other_city_grant",
        )
    }

    verified = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).post(
        f"/grants/{application.pk}/verify/", checks
    )
    decided = client_for(users_by_role[Role.ADMIN]).post(
        f"/grants/{application.pk}/decide/", {"decision": "approve"}
    )

    application.refresh_from_db()
    assert (verified.status_code, decided.status_code) == (302, 302)
    assert application.status == GrantApplicationStatus.APPROVED


def test_the_recipient_reports_usage_with_evidence_and_staff_download_the_summary(
    users_by_role: dict[str, User],
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    grant = mark_paid(
        make_approved(
            resident,
            batch,
            operator=users_by_role[Role.KELURAHAN_OPERATOR],
            admin=users_by_role[Role.ADMIN],
        )
    )
    assert resident.user is not None

    answer = client_for(resident.user).post(
        f"/grants/{grant.pk}/usage/",
        {
            "spent_on": "Etalase",
            "amount_spent": "450.000",
            "business_running": "on",
            "evidence": SimpleUploadedFile("nota.png", PNG, content_type="image/png"),
        },
    )
    staff = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    summary = staff.get("/grants/usage/", {"batch": str(batch.pk)})
    export = staff.get("/grants/usage/", {"batch": str(batch.pk), "export": "xlsx"})

    report = UsageReport.objects.get()
    assert answer.status_code == 302
    assert report.amount_spent == 450_000 and str(report.evidence.name).endswith(".png")
    assert "Rp450.000" in summary.content.decode()
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Warung Berkah" and rows[1][7] == 450_000


def test_usage_evidence_that_is_not_an_image_or_pdf_is_refused(
    users_by_role: dict[str, User],
) -> None:
    (resident,) = make_residents(1)
    grant = mark_paid(
        make_approved(
            resident,
            make_grant_batch(),
            operator=users_by_role[Role.KELURAHAN_OPERATOR],
            admin=users_by_role[Role.ADMIN],
        )
    )
    assert resident.user is not None

    answer = client_for(resident.user).post(
        f"/grants/{grant.pk}/usage/",
        {
            "spent_on": "Etalase",
            "amount_spent": "450.000",
            "evidence": SimpleUploadedFile(
                "nota.png", b"MZ not an image", content_type="image/png"
            ),
        },
    )

    assert answer.status_code == 200
    assert not UsageReport.objects.exists()


def test_a_verified_application_is_not_yet_reportable(users_by_role: dict[str, User]) -> None:
    (resident,) = make_residents(1)
    grant = make_verified(
        resident, make_grant_batch(), operator=users_by_role[Role.KELURAHAN_OPERATOR]
    )
    assert resident.user is not None

    answer = client_for(resident.user).post(
        f"/grants/{grant.pk}/usage/", {"spent_on": "x", "amount_spent": "1.000"}
    )

    assert answer.status_code == 200
    assert not UsageReport.objects.exists()
