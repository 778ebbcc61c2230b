"""Each role's home shows what is there now: a resident's applications and next step with its
date, an instructor's next sessions, an operator's pending work; never a promise that
something "will appear here" when it is already there."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.allocation.offers import offer_decline
from balai.intake.models import Application, Batch, Offer
from balai.intake.selectors import offering_list
from balai.testing.allocation import account_for, apply
from balai.testing.batches import make_open_batch
from balai.testing.clients import client_for
from balai.testing.days import morning_of
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.imports import row, upload, xlsx
from balai.testing.places import SUKARASA
from balai.testing.training import Classroom, attend, make_classroom
from balai.training.models import AttendanceStatus

pytestmark = pytest.mark.django_db

# What the pages said before they read the data (Indonesian: "... akan tampil di sini").
PROMISE = "akan tampil di sini"


def _participant_with_application(batch: Batch) -> User:
    apply(batch, 1, SUKARASA, list(offering_list(batch=batch)[:2]))
    return account_for(Application.objects.get())


def test_a_resident_sees_their_application_and_when_registration_closes(
    open_batch: Batch,
) -> None:
    page = client_for(_participant_with_application(open_batch)).get("/").content.decode()
    closes = timezone.localtime(open_batch.registration_closes_at)
    assert open_batch.name in page
    assert "Memenuhi syarat, menunggu seleksi" in page
    assert f"Pendaftaran ditutup pada {date_format(closes, 'j F Y, H:i')} WIB" in page
    assert PROMISE not in page


def test_a_resident_with_nothing_yet_is_asked_to_register(users_by_role: dict[str, User]) -> None:
    PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), user=users_by_role[Role.PARTICIPANT]
    )
    page = client_for(users_by_role[Role.PARTICIPANT]).get("/").content.decode()
    assert "Anda belum memiliki pendaftaran" in page
    assert reverse("intake:batch_choice") in page


@pytest.fixture
def classroom(kota_tangerang: None, programmes: list[Programme]) -> Classroom:
    return make_classroom(programmes)


def test_before_the_class_a_resident_sees_its_start_and_next_sessions(
    classroom: Classroom,
) -> None:
    participant = client_for(classroom.participants[0])
    teacher = client_for(classroom.teacher)
    first = classroom.sessions[0]
    with time_machine.travel(morning_of(first.date - datetime.timedelta(days=3))):
        page = participant.get("/").content.decode()
        teaching = teacher.get("/").content.decode()
    starts = date_format(classroom.training_class.batch.training_starts_on, "l, j F Y")
    assert f"Kursi Anda sudah pasti: pelatihan dimulai {starts}" in page
    assert page.count('data-testid="upcoming-session"') == 5
    assert date_format(first.date, "l, j F Y") in page
    assert teaching.count('data-testid="upcoming-session"') == 5
    assert date_format(first.date, "l, j F Y") in teaching
    assert PROMISE not in page and PROMISE not in teaching


def test_after_the_class_no_seat_is_offered_to_give_up(classroom: Classroom) -> None:
    participant = client_for(classroom.participants[0])
    ended = date_format(classroom.training_class.batch.training_ends_on, "j F Y")
    assert f"Pelatihan berakhir pada {ended}" in participant.get("/").content.decode()
    offer = Offer.objects.get(application__person__user=classroom.participants[0])
    applications = participant.get(reverse("intake:my_applications")).content.decode()
    assert reverse("intake:offer_decline", args=[offer.public_id]) not in applications
    assert "Lepaskan kursi" not in applications
    with pytest.raises(ApplicationError):
        offer_decline(offer=offer)
    participant.post(reverse("intake:offer_decline", args=[offer.public_id]))
    offer.refresh_from_db()
    assert offer.status == "accepted"


def test_an_instructor_with_no_sessions_ahead_is_told_so(classroom: Classroom) -> None:
    page = client_for(classroom.teacher).get("/").content.decode()
    assert 'data-testid="no-sessions"' in page and PROMISE not in page


def test_an_operator_sees_the_work_waiting_in_their_area(
    programmes: list[Programme], users_by_role: dict[str, User]
) -> None:
    strict = make_open_batch(programmes, maximum_age=20)
    apply(strict, 1, SUKARASA, list(offering_list(batch=strict)[:1]))
    place = kelurahan(SUKARASA)
    PersonFactory.create(domicile_kelurahan=place, full_name="Siti Aminah", phone="081299990000")
    PersonFactory.create(domicile_kelurahan=place, full_name="Siti Dua", phone="081299990000")
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    checked = upload(strict, operator, xlsx([row("3671014903950006")]), name="warga.xlsx")
    page = client_for(operator).get("/").content.decode()
    assert _pending(page, "pending-not-eligible") == "1"
    assert _pending(page, "pending-duplicates") == "1"
    assert reverse("intake:import_detail", args=[checked.id]) in page and "warga.xlsx" in page
    assert "Tidak ada yang menunggu Anda" not in page


def test_an_operator_with_nothing_waiting_is_told_so(users_by_role: dict[str, User]) -> None:
    page = client_for(users_by_role[Role.KECAMATAN_OPERATOR]).get("/").content.decode()
    assert 'data-testid="nothing-pending"' in page


def test_an_operator_home_takes_a_fixed_number_of_queries(
    open_batch: Batch, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for serial in range(1, 6):
        apply(open_batch, serial, SUKARASA, list(offering_list(batch=open_batch)[:1]))
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    with django_assert_max_num_queries(20):
        operator.get("/")


def _pending(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start:].split("<strong>", 1)[1].split("</strong>", 1)[0]


def test_a_participant_home_takes_a_fixed_number_of_queries(
    open_batch: Batch, django_assert_max_num_queries: Any
) -> None:
    participant: Client = client_for(_participant_with_application(open_batch))
    with django_assert_max_num_queries(20):
        participant.get("/")


def test_an_operator_is_asked_to_call_participants_absent_in_a_row(
    classroom: Classroom, users_by_role: dict[str, User]
) -> None:
    fourth = classroom.sessions[3]
    with time_machine.travel(morning_of(fourth.date)):
        attend(classroom, 3, status=AttendanceStatus.ABSENT)
        page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/").content.decode()
    assert _pending(page, "pending-dropouts") == str(len(classroom.participants))
    assert reverse("training:dropouts") in page


def test_a_visitor_is_offered_registering_first_then_signing_in() -> None:
    """A newcomer on the landing page came to register: the page leads there, not only to
    a sign-in they have no account for."""
    page = Client().get(reverse("reporting:home")).content.decode()
    register = page.index(f'href="{reverse("intake:batch_choice")}">Daftar pelatihan')
    assert register < page.index(f'class="button secondary" href="{reverse("accounts:login")}"')
