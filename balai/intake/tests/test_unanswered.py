"""A question behind priority points starts unanswered and earns nothing until answered, on
every channel (form, API, import, lists saved in bulk), and the application says so."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.core.jobs import job_run_here
from balai.intake.bulk import application_submit_many
from balai.intake.imports.services import import_confirm
from balai.intake.models import Application, Batch, Channel
from balai.intake.rules import priority_text
from balai.intake.selectors import offering_list
from balai.intake.services import BulkEntry
from balai.registry.models import EmploymentStatus, IncomeBand, Person, Sex
from balai.registry.services import PersonData
from balai.testing.clients import bearer, client_for
from balai.testing.factories import kelurahan
from balai.testing.imports import row, upload, xlsx
from balai.testing.places import SUKARASA
from balai.testing.registration import (
    application_post,
    person_data,
    registration_form,
    registration_payload,
)

pytestmark = pytest.mark.django_db
WOMANS_NIK = "3671014903950001"  # a woman born 09-03-1995
MANS_NIK = "3671010903950001"  # a man born the same day
WORK_NOT_ANSWERED = "Pertanyaan pekerjaan belum dijawab: tidak ada poin untuk menganggur atau PHK."
INCOME_NOT_ANSWERED = (
    "Pertanyaan penghasilan keluarga belum dijawab: tidak ada poin untuk penghasilan rendah."
)
DISABILITY_NOT_ANSWERED = "Pertanyaan disabilitas belum dijawab: tidak ada poin untuk disabilitas."
HOUSEHOLD_HEAD_NOT_ANSWERED = (
    "Pertanyaan kepala keluarga belum dijawab: tidak ada poin untuk perempuan kepala keluarga."
)
EVERY_QUESTION_NOT_ANSWERED = [
    WORK_NOT_ANSWERED,
    INCOME_NOT_ANSWERED,
    DISABILITY_NOT_ANSWERED,
    HOUSEHOLD_HEAD_NOT_ANSWERED,
]


def said(application: Application) -> list[str]:
    return [priority_text(reason) for reason in application.priority_reasons]


# The form


def test_the_form_starts_with_no_answer_chosen_to_the_questions_behind_points(
    open_batch: Batch, client: Client
) -> None:
    page = client.get(f"/register/{open_batch.code}/").content.decode()
    for select in ("income_band", "education"):
        first_option = re.search(rf'<select name="{select}"[^>]*>\s*<option value="([^"]*)"', page)
        assert first_option is not None and first_option[1] == ""  # "—", not an answer
    for question in ("employment_status", "has_disability", "is_household_head"):
        radios = re.findall(rf'<input type="radio" name="{question}"[^>]*>', page)
        assert radios and not any("checked" in radio for radio in radios)


def test_a_form_sent_without_the_yes_no_answers_is_refused_beside_them(
    open_batch: Batch, client: Client
) -> None:
    data = registration_form(open_batch)
    del data["has_disability"], data["is_household_head"]
    response = client.post(f"/register/{open_batch.code}/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"has_disability", "is_household_head"}
    assert not Person.objects.exists()


def test_rather_not_saying_on_the_form_earns_no_points_and_the_application_says_so(
    open_batch: Batch, client: Client
) -> None:
    client.post(
        f"/register/{open_batch.code}/",
        registration_form(open_batch, employment_status="employed", has_disability="unsaid"),
    )
    application = Application.objects.get()
    assert application.person.has_disability is None
    assert application.priority_points == 2  # low income only: no disability points
    assert DISABILITY_NOT_ANSWERED in said(application)


# The API


def test_answers_left_out_of_the_api_earn_no_points_and_the_application_says_so(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    body = registration_payload(open_batch)
    del body["employment_status"]
    response = application_post(bearer(users_by_role[Role.KELURAHAN_OPERATOR]), body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["priority_points"] == 0
    assert answer["priority"] == EVERY_QUESTION_NOT_ANSWERED
    person = Person.objects.get()
    assert (person.employment_status, person.income_band, person.education) == ("", "", "")
    assert (person.has_disability, person.is_household_head) == (None, None)


def test_a_blank_or_null_api_answer_means_not_answered(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    body = registration_payload(
        open_batch, employment_status="", income_band="", has_disability=None
    )
    response = application_post(bearer(users_by_role[Role.KELURAHAN_OPERATOR]), body)
    assert response.status_code == 201, response.content
    assert response.json()["priority_points"] == 0


# The import


def test_blank_cells_in_an_import_earn_no_points_and_the_application_says_so(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KECAMATAN_OPERATOR]
    blank_answers = row("3671014903950001")
    blank_answers[9:14] = ["", "", "", "", ""]  # education, work, income, disability, head
    checked = upload(open_batch, operator, xlsx([blank_answers]))
    job_run_here(import_confirm(upload=checked, confirmed_by=operator))
    application = Application.objects.get()
    assert application.priority_points == 0
    assert said(application) == EVERY_QUESTION_NOT_ANSWERED
    assert application.person.education == ""


# Lists saved in bulk (imports, the demo)


def unanswered_person(nik: str, sex: Sex = Sex.FEMALE) -> PersonData:
    """A person as a list gives them with no answer to any question behind points."""
    return PersonData(
        nik=nik,
        full_name="Warga Tanpa Jawaban",
        birth_date=datetime.date(1995, 3, 9),
        sex=sex,
        domicile_kelurahan=kelurahan(SUKARASA),
    )


def test_a_bulk_entry_with_no_answers_earns_no_points_and_says_so(open_batch: Batch) -> None:
    answered = person_data(
        2,
        employment_status=EmploymentStatus.UNEMPLOYED,
        income_band=IncomeBand.BELOW_1M,
        has_disability=False,
        is_household_head=False,
    )
    offering = offering_list(batch=open_batch).filter(kelurahan=SUKARASA).first()
    assert offering is not None
    first, second = application_submit_many(
        batch=open_batch,
        entries=[
            BulkEntry(person=unanswered_person(WOMANS_NIK), choices=[offering]),
            BulkEntry(person=answered, choices=[offering]),
        ],
        channel=Channel.IMPORT,
        submitted_by=None,
    )
    assert (first.priority_points, said(first)) == (0, EVERY_QUESTION_NOT_ANSWERED)
    assert (second.priority_points, said(second)) == (
        3 + 2,
        ["Menganggur: +3", "Penghasilan keluarga rendah: +2"],
    )


def test_only_questions_that_could_earn_points_are_reported_unanswered(
    open_batch: Batch,
) -> None:
    open_batch.points_disability = 0
    open_batch.save()
    offering = offering_list(batch=open_batch).first()
    assert offering is not None
    (application,) = application_submit_many(
        batch=open_batch,
        entries=[BulkEntry(person=unanswered_person(MANS_NIK, sex=Sex.MALE), choices=[offering])],
        channel=Channel.IMPORT,
        submitted_by=None,
    )
    # No disability points in this batch; no woman-head-of-household points for a man.
    assert (application.priority_points, said(application)) == (
        0,
        [WORK_NOT_ANSWERED, INCOME_NOT_ANSWERED],
    )


def test_the_operator_sees_on_the_application_which_questions_went_unanswered(
    open_batch: Batch, users_by_role: dict[str, Any]
) -> None:
    offering = offering_list(batch=open_batch).filter(kelurahan=SUKARASA).first()
    assert offering is not None
    (application,) = application_submit_many(
        batch=open_batch,
        entries=[BulkEntry(person=unanswered_person(WOMANS_NIK), choices=[offering])],
        channel=Channel.IMPORT,
        submitted_by=None,
    )
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = operator.get(f"/applications/{application.public_id}/").content.decode()
    assert INCOME_NOT_ANSWERED in page
