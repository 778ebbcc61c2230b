"""Jobs and the audit log as staff read them: in Indonesian, times in WIB, and no demo data
outside a development machine."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from balai.accounts.models import Role, User
from balai.core.jobs import job_kinds
from balai.core.models import AuditAction, AuditEntry, Job, JobStatus
from balai.testing.clients import client_for

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _half_past_one_utc() -> datetime.datetime:
    return datetime.datetime.combine(timezone.localdate(), datetime.time(1, 30), tzinfo=UTC)


def test_every_job_kind_is_named_and_its_results_explained_in_indonesian() -> None:
    kinds = {name: kind for name, kind in job_kinds().items() if not name.startswith("test_")}
    assert {"schedule_solve", "offers_lapse", "import_check", "seed_demo"} <= set(kinds)
    for name, kind in kinds.items():
        for words in (kind.title, *kind.results.values()):
            with translation.override("en"):
                english = str(words)
            with translation.override("id"):
                assert str(words) != english, (name, english)


def test_the_job_pages_name_the_job_and_its_results_in_indonesian_with_wib_times(
    users_by_role: dict[str, User],
) -> None:
    job = Job.objects.create(
        kind="offers_lapse",
        label="Lapse offers due 2026-01-01 10:00",
        status=JobStatus.SUCCEEDED,
        progress=100,
        result={"lapsed": 3},
    )
    Job.objects.filter(pk=job.pk).update(
        created_at=_half_past_one_utc(), started_at=_half_past_one_utc()
    )
    admin = client_for(users_by_role[Role.ADMIN])
    listing = admin.get(reverse("core:job_list")).content.decode()
    assert "Tawaran yang tidak dijawab dinyatakan gugur" in listing
    assert "08:30 WIB" in listing
    detail = admin.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "<dt>Tawaran gugur</dt><dd>3</dd>" in detail
    assert "08:30 WIB" in detail and "lapsed" not in detail


def test_the_audit_log_names_models_fields_values_and_channels_in_indonesian(
    users_by_role: dict[str, User],
) -> None:
    entry = AuditEntry.objects.create(
        actor=None,
        actor_label="job",
        channel="job",
        action=AuditAction.UPDATE,
        target_type="registry.person",
        target_id="1",
        target_label="3671********0001",
        changes={
            "full_name": {"old": "Siti", "new": "Siti Aminah"},
            "sex": {"old": "L", "new": "P"},
        },
    )
    AuditEntry.objects.filter(pk=entry.pk).update(at=_half_past_one_utc())
    page = client_for(users_by_role[Role.ADMIN]).get(reverse("core:audit_list")).content.decode()
    (row,) = [row for row in page.split("<tr ") if "3671********0001" in row]
    assert "Diubah: Penduduk" in row
    assert "<strong>Nama lengkap</strong>: Siti → Siti Aminah" in row
    assert "<strong>Jenis kelamin</strong>: Laki-laki → Perempuan" in row
    assert "tugas latar belakang" in row and ">job<" not in row
    assert "08:30:00 WIB" in row
    assert "registry.person" not in row and "full_name" not in row


def test_no_demo_data_button_or_load_outside_debug(
    users_by_role: dict[str, User], settings: Any
) -> None:
    admin = client_for(users_by_role[Role.ADMIN])
    settings.DEBUG = False
    assert "Muat data demo" not in admin.get(reverse("core:job_list")).content.decode()
    refused = admin.post(reverse("core:demo_data_start"))
    assert refused.status_code == 404
    assert not Job.objects.filter(kind="seed_demo").exists()
    settings.DEBUG = True
    assert "Muat data demo" in admin.get(reverse("core:job_list")).content.decode()


def test_the_api_names_a_job_by_its_kind_in_indonesian(
    users_by_role: dict[str, User],
) -> None:
    job = Job.objects.create(kind="offers_lapse", label="2026-01-01 10:00")
    admin = client_for(users_by_role[Role.ADMIN])
    body = admin.get(f"/api/v1/jobs/{job.pk}").json()
    assert body["title"] == "Tawaran yang tidak dijawab dinyatakan gugur"
    assert body["label"] == "2026-01-01 10:00"
