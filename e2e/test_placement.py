"""Placement in a browser: an employer posts a vacancy, an admin verifies it, a graduate on a
phone applies and books an interview, the employer records a hire, and the admin's home
counts one more graduate channelled. A visitor on a phone looks round the job fair."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from balai.demo.seed import DEMO_PASSWORD
from balai.demo.training_data import FINISHED_BATCH_CODE
from balai.placement.models import InterviewSlot, JobFair, Placement
from balai.training.models import Enrolment, EnrolmentStatus
from e2e.pages import fits_the_screen, sign_in

VACANCY_TITLE = "Barista kedai kopi"


def placement_count(page: Page, base_url: str) -> int:
    page.goto(f"{base_url}/")
    count = page.get_by_test_id("placement-count").get_attribute("data-count")
    assert count is not None
    return int(count)


def test_a_vacancy_posted_and_verified_leads_to_a_hire_the_dashboard_counts(
    demo: None, live_server: Any, phone: Page, desktop: Page, second_desktop: Page
) -> None:
    # The demo graduate finished the batch and has not been channelled into work yet.
    graduate = Enrolment.objects.select_related("training_class__programme").get(
        person__user__username="peserta",
        training_class__batch__code=FINISHED_BATCH_CODE,
        status=EnrolmentStatus.COMPLETED,
    )
    assert not Placement.objects.filter(person=graduate.person_id).exists()
    admin = desktop
    employer = second_desktop
    sign_in(admin, live_server.url, "admin", DEMO_PASSWORD)
    channelled_before = placement_count(admin, live_server.url)

    # The employer posts a vacancy and submits it for verification.
    sign_in(employer, live_server.url, "perusahaan", DEMO_PASSWORD)
    employer.get_by_role("link", name="Lowongan Anda").first.click()
    employer.get_by_role("link", name="Lowongan baru").click()
    employer.get_by_label("Nama jabatan").fill(VACANCY_TITLE)
    employer.get_by_label("Deskripsi").fill("Meracik kopi dan melayani tamu, enam hari seminggu.")
    employer.get_by_label(graduate.training_class.programme.name, exact=True).check()
    employer.get_by_label("Kelurahan tempat kerja").select_option(index=1)
    employer.get_by_label("Gaji bulanan terendah (Rp)").fill("3.200.000")
    employer.get_by_label("Gaji bulanan tertinggi (Rp)").fill("3.800.000")
    employer.get_by_label("Jumlah lowongan").fill("2")
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    employer.get_by_label("Batas akhir lamaran").fill(deadline.isoformat())
    employer.get_by_role("button", name="Simpan dan ajukan untuk diverifikasi").click()
    expect(employer.get_by_test_id("status")).to_contain_text("Menunggu verifikasi")
    row = employer.get_by_test_id("vacancy-row").filter(has_text=VACANCY_TITLE)

    # The admin verifies it from the queue.
    admin.get_by_role("link", name="Verifikasi lowongan").first.click()
    queued = admin.get_by_test_id("queued-vacancy").filter(has_text=VACANCY_TITLE)
    queued.get_by_role("button", name="Verifikasi dan tayangkan").click()
    expect(admin.get_by_test_id("queued-vacancy").filter(has_text=VACANCY_TITLE)).to_have_count(0)

    # The graduate finds it on a phone and applies.
    sign_in(phone, live_server.url, "peserta", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/jobs/")
    phone.get_by_label("Pekerjaan, perusahaan, atau keterampilan").fill(VACANCY_TITLE)
    phone.get_by_role("button", name="Cari").click()
    phone.get_by_role("link", name=VACANCY_TITLE).click()
    assert fits_the_screen(phone)
    phone.get_by_role("link", name="Lamar", exact=True).click()
    expect(phone.get_by_test_id("shared-with")).to_be_visible()
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Kirim lamaran saya").click()
    expect(phone.get_by_test_id("my-application").filter(has_text=VACANCY_TITLE)).to_be_visible()

    # The employer shortlists the graduate and offers an interview time tomorrow.
    employer.get_by_role("link", name="Lowongan Anda").first.click()
    row.get_by_test_id("applicants-link").click()
    applicant = employer.get_by_test_id("applicant").filter(has_text=graduate.person.full_name)
    applicant.get_by_role("button", name="Masukkan daftar pendek").click()
    expect(applicant).to_contain_text("Masuk daftar pendek")
    employer.get_by_role("link", name="Lowongan Anda").first.click()
    row.get_by_test_id("interviews-link").click()
    starts_at = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts_at += datetime.timedelta(days=1)
    employer.get_by_label("Mulai pukul").fill(starts_at.strftime("%Y-%m-%dT%H:%M"))
    ends_at = starts_at + datetime.timedelta(minutes=30)
    employer.get_by_label("Selesai pukul").fill(ends_at.strftime("%Y-%m-%dT%H:%M"))
    employer.get_by_label("Tautan panggilan video").fill("https://meet.example.id/barista")
    employer.get_by_role("button", name="Tambahkan slot").click()
    expect(employer.get_by_test_id("slot")).to_have_count(1)

    # The graduate books it and keeps it in their calendar.
    phone.get_by_role("link", name="Lamaran kerja saya").first.click()
    mine = phone.get_by_test_id("my-application").filter(has_text=VACANCY_TITLE)
    assert fits_the_screen(phone)
    mine.get_by_role("link", name="Pilih waktu wawancara").click()
    phone.get_by_test_id("free-slot").first.click()
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Pesan waktu ini").click()
    calendar_link = phone.get_by_test_id("booking").get_by_role(
        "link", name="Simpan ke kalender saya (.ics)"
    )
    invitation = phone.request.get(f"{live_server.url}{calendar_link.get_attribute('href')}")
    assert invitation.status == 200
    assert invitation.headers["content-type"].startswith("text/calendar")
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/interview-booked.png", full_page=True)

    # The outcome is recorded once the interview has started: rather than wait for tomorrow,
    # the test moves the slot into the past, as the demo does with its interview history.
    InterviewSlot.objects.filter(vacancy__title=VACANCY_TITLE).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    employer.reload()
    slot = employer.get_by_test_id("slot")
    slot.get_by_label("Diterima bekerja").check()
    starts_on = timezone.localdate() + datetime.timedelta(days=7)
    slot.get_by_label("Mulai bekerja pada").fill(starts_on.isoformat())
    slot.get_by_role("button", name="Catat hasilnya").click()
    expect(employer.get_by_test_id("outcome")).to_have_text("Diterima bekerja")
    employer.screenshot(path="e2e/artifacts/interview-hired.png", full_page=True)

    # The admin's home counts one more graduate channelled.
    assert placement_count(admin, live_server.url) == channelled_before + 1
    admin.get_by_test_id("placements").screenshot(path="e2e/artifacts/placement-count.png")


def test_a_visitor_on_a_phone_looks_round_the_job_fair(
    demo: None, live_server: Any, phone: Page
) -> None:
    job_fair = JobFair.objects.get()
    phone.goto(f"{live_server.url}/job-fairs/")
    phone.get_by_role("link", name=job_fair.name).first.click()
    assert fits_the_screen(phone)
    phone.get_by_test_id("booth").first.get_by_role("link").first.click()
    assert fits_the_screen(phone)
    phone.get_by_test_id("booth-vacancy").first.get_by_role("link").first.click()
    expect(phone.get_by_test_id("company")).to_be_visible()
    expect(phone.get_by_test_id("apply")).to_be_visible()
    assert fits_the_screen(phone)
    phone.screenshot(path="e2e/artifacts/job-fair-vacancy.png", full_page=True)
