"""The admins' allocation screens and the applicant's view of the result, through the web."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import AllocationRun, Application, Batch, Offer, OfferStatus
from balai.testing.allocation import Queue, account_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(users_by_role: dict[str, User]) -> Client:
    client = Client()
    client.force_login(users_by_role[Role.ADMIN])
    return client


def signed_in_as(application: Application) -> Client:
    client = Client()
    client.force_login(account_for(application))
    return client


def test_admin_runs_compares_exports_and_publishes(
    queue: Queue, admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    batch, _offerings, _applications = queue
    page = admin_client.get(reverse("intake:allocation_batch", args=[batch.code]))
    assert "Jalankan alokasi" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for seed in (11, 12):
            admin_client.post(reverse("intake:allocation_start", args=[batch.code]), {"seed": seed})
    first, second = AllocationRun.objects.order_by("pk")
    assert (first.seed, second.seed) == (11, 12)
    assert first.created_by is not None and first.created_by.role == Role.ADMIN

    summary = admin_client.get(reverse("intake:allocation_run", args=[first.pk])).content.decode()
    assert "dari 5" in summary and "Kelompok prioritas" in summary
    comparison = admin_client.get(
        reverse("intake:allocation_compare", args=[first.pk]), {"other": second.pk}
    )
    figures = comparison.context["comparison"]
    assert figures.unchanged + figures.moved + figures.newly_placed + figures.newly_unplaced == 5

    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(reverse("intake:allocation_export", args=[first.pk])).content)
    )
    placements = list(workbook["Penempatan"].iter_rows(values_only=True))
    assert len(placements) == 1 + 5
    assert placements[0][0] == "Nama" and all("*" in str(row[1]) for row in placements[1:])

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("intake:allocation_publish", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == "published" and Offer.objects.filter(run=first).count() == 3
    again = admin_client.post(reverse("intake:allocation_publish", args=[second.pk]), follow=True)
    assert "sudah diumumkan" in again.content.decode()


@pytest.mark.parametrize("other", ["abc", "", str(2**70), "-1"])
def test_comparing_with_a_run_that_is_not_a_run_says_so(
    queue: Queue, admin_client: Client, other: str
) -> None:
    batch, _offerings, _applications = queue
    run = allocation_run(batch=batch, seed=1, created_by=None)
    page = admin_client.get(reverse("intake:allocation_compare", args=[run.pk]), {"other": other})
    assert page.status_code == 400
    assert "Pilih alokasi lain" in page.content.decode()


def test_a_still_open_batch_cannot_be_run_from_the_page(
    open_batch: Batch, admin_client: Client
) -> None:
    response = admin_client.post(
        reverse("intake:allocation_start", args=[open_batch.code]), {"seed": 1}, follow=True
    )
    assert "Pendaftaran masih dibuka" in response.content.decode()
    assert not AllocationRun.objects.exists()


def test_an_applicant_sees_the_offer_why_and_accepts_it(queue: Queue) -> None:
    batch, _offerings, (_top, middle, _low, waiting, _last) = queue
    allocation_publish(run=allocation_run(batch=batch, seed=12345, created_by=None))
    client = signed_in_as(middle)
    page = client.get(reverse("intake:my_applications")).content.decode()
    assert "Benih undian: 12345." in page  # a seed to type in again, not "12.345"
    assert "Pilihan ke-2 Anda" in page
    assert "penuh. Prioritas terendah yang diterima: warga kelurahan setempat, 8 poin" in page
    assert "Prioritas Anda di sana: warga kelurahan setempat, 6 poin" in page
    # Waiting only for the first choice, and next in line there (the one above holds it).
    assert page.count("dalam antrean") == 1 and "nomor 1 dalam antrean" in page
    offer = Offer.objects.get(application=middle)
    response = client.post(reverse("intake:offer_accept", args=[offer.public_id]), follow=True)
    assert "Anda menerima kursi ini" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    # Somebody else's offer is not found for this applicant.
    stranger = signed_in_as(waiting)
    refused = stranger.post(reverse("intake:offer_decline", args=[offer.public_id]))
    assert refused.status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_an_unplaced_applicant_sees_their_waitlist_places(queue: Queue) -> None:
    batch, _offerings, (*_placed, _waiting, last) = queue
    allocation_publish(run=allocation_run(batch=batch, seed=5, created_by=None))
    page = signed_in_as(last).get(reverse("intake:my_applications")).content.decode()
    assert "Belum ada kursi di pilihan Anda kali ini" in page
    # Lowest in priority, behind everyone not holding that choice or better.
    assert re.findall(r"Pilihan (\d), [^:]+: nomor (\d) dalam antrean", page) == [
        ("1", "4"),
        ("2", "3"),
        ("3", "2"),
    ]
