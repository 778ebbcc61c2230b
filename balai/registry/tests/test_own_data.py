"""A resident sees and downloads their own data (issue 13, point 8b): the privacy statement
promises "to see, download and correct your data ... from your account"."""

from __future__ import annotations

import io
import json
from typing import Any

import pypdfium2
import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.encryption import decrypt_text
from balai.core.models import AuditAction, AuditEntry
from balai.notifications.models import Notification
from balai.registry.claims import claim_code_send
from balai.registry.models import Person
from balai.registry.services import person_link_account
from balai.testing.clients import bearer, client_for
from balai.testing.factories import PersonFactory, UserFactory, kelurahan
from balai.testing.places import SUKARASA
from balai.testing.training import Classroom, completed, make_classroom

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"


@pytest.fixture
def resident(kota_tangerang: None) -> User:
    """A resident with an account, and an address typed with markup in it."""
    person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA),
        full_name="Siti Aminah",
        phone=PHONE,
        address="Jl. Mawar <b>No. 5</b> & Gg. Melati",
    )
    user = UserFactory.create(role=Role.PARTICIPANT)
    person_link_account(person=person, user=user)
    return user


def person_of(user: User) -> Person:
    return Person.objects.get(user=user)


def test_the_page_shows_the_record_with_the_nik_masked(resident: User) -> None:
    person = person_of(resident)
    page = client_for(resident).get("/my-data/").content.decode()
    assert person.nik_masked in page
    assert decrypt_text(person.nik_encrypted) not in page
    assert "Siti Aminah" in page and "Jl. Mawar &lt;b&gt;No. 5&lt;/b&gt;" in page
    assert "Unduh sebagai PDF" in page


def test_the_json_download_holds_the_whole_nik_is_recorded_and_not_cached(
    resident: User,
) -> None:
    person = person_of(resident)
    response = client_for(resident).get("/my-data/download.json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    (record,) = data["person"]
    assert record["nik"] == decrypt_text(person.nik_encrypted)
    assert record["birth_date"] == person.birth_date.isoformat()
    assert record["address"] == "Jl. Mawar <b>No. 5</b> & Gg. Melati"
    # The audit log says who downloaded, never the NIK itself.
    entry = AuditEntry.objects.get(action=AuditAction.REVEAL, target_id=str(person.pk))
    assert entry.actor == resident
    assert decrypt_text(person.nik_encrypted) not in json.dumps(entry.changes)


def test_the_pdf_reads_with_a_pdf_reader_and_holds_what_was_typed(resident: User) -> None:
    person = person_of(resident)
    response = client_for(resident).get("/my-data/download.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Data pribadi Anda" in text
    assert decrypt_text(person.nik_encrypted) in text
    assert "Jl. Mawar <b>No. 5</b> & Gg. Melati" in text  # escaped, not read as markup


def test_an_account_without_a_record_is_told_so(users_by_role: dict[str, User]) -> None:
    client = client_for(users_by_role[Role.PARTICIPANT])
    page = client.get("/my-data/")
    assert page.status_code == 200
    assert "Akun Anda belum memiliki data penduduk." in page.content.decode()
    assert client.get("/my-data/download.json").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.REVEAL).exists()


def test_only_residents_open_their_data(users_by_role: dict[str, User]) -> None:
    for role in (Role.ADMIN, Role.KELURAHAN_OPERATOR, Role.INSTRUCTOR):
        client = client_for(users_by_role[role])
        assert client.get("/my-data/download.json").status_code == 403
    api = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    assert api.get("/api/v1/persons/me/data").status_code == 403


def test_the_api_answers_what_the_json_download_holds(resident: User) -> None:
    body = bearer(resident).get("/api/v1/persons/me/data").json()
    assert body["format"] == "balai.personal-data/1"
    assert body["person"][0]["nik"] == decrypt_text(person_of(resident).nik_encrypted)


@pytest.fixture
def classroom(kota_tangerang: None, programmes: list[Programme]) -> Classroom:
    return make_classroom(programmes)


def test_the_download_holds_every_stage_of_the_resident_and_nobody_else(
    classroom: Classroom, django_assert_max_num_queries: Any
) -> None:
    certificate = completed(classroom)  # the first participant's
    user = classroom.participants[0]
    person = person_of(user)
    claim_code_send(nik=decrypt_text(person.nik_encrypted), phone=person.phone)
    code_message = Notification.objects.filter(person=person, kind="claim_code").get()
    assert code_message.body  # not sent yet: the outbox still holds the code
    client = client_for(user)
    # One query per kind of record, however many sessions, units and messages there are.
    # placements: one more kind of record; enterprise: three (groups, grants, loans)
    with django_assert_max_num_queries(26):
        data = client.get("/my-data/download.json").json()
    with django_assert_max_num_queries(23):
        client.get("/my-data/")

    (application,) = data["applications"]
    assert application["choices"][0]["rank"] == 1
    assert [offer["status"] for offer in data["offers"]] == ["accepted"]
    assert [consent["statement_version"] for consent in data["consents"]] != []
    (enrolment,) = data["enrolments"]
    assert len(enrolment["attendance"]) == 16
    assert {row["status"] for row in enrolment["attendance"]} == {"present"}
    assert {row["result"] for row in enrolment["assessments"]} == {"competent"}
    assert [row["number"] for row in data["certificates"]] == [certificate.number]
    subjects = [message["subject"] for message in data["notifications"]]
    assert code_message.subject in subjects
    # A one-time code is never in a download, sent or not.
    assert code_message.body not in json.dumps(data)
    assert all(
        message["message"] == ""
        for message in data["notifications"]
        if message["subject"] == code_message.subject
    )
    others = [enrolment.person.full_name for enrolment in classroom.enrolments[1:]]
    text = json.dumps(data)
    assert not any(name in text for name in others)


def test_the_pdf_of_a_graduate_lists_their_class_and_certificate(classroom: Classroom) -> None:
    certificate = completed(classroom)
    response = client_for(classroom.participants[0]).get("/my-data/download.pdf")
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert certificate.number in text
    assert "Sesi 16" in text and "Kompeten" in text
    assert classroom.enrolments[1].person.full_name not in text


def test_a_kk_number_is_said_to_be_kept_only_when_one_was_given(resident: User) -> None:
    kept = "disimpan terenkripsi"
    assert kept not in client_for(resident).get("/my-data/").content.decode()
    with_card = UserFactory.create(role=Role.PARTICIPANT)
    person = PersonFactory.create(
        domicile_kelurahan=kelurahan(SUKARASA), kk_number="3671010101090001"
    )
    person_link_account(person=person, user=with_card)
    assert kept in client_for(with_card).get("/my-data/").content.decode()


def test_the_correction_forms_date_hint_says_it_is_for_a_birth_date(resident: User) -> None:
    """The hint sits under the one answer box whatever is chosen: it must not read as if
    the name or phone were to be written as a date."""
    page = client_for(resident).get("/my-data/correction/").content.decode()
    assert "Untuk tanggal lahir, tulis seperti di KTP: hh-bb-tttt." in page
