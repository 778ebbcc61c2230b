"""Registration data never proves who somebody is (issue 11, points 1-3).

A NIK is printed on every photocopy of a KTP: registering a known NIK must neither sign the
sender in to that person's account nor hand out a token for it; an idempotency key replays
only its own submitter's identical submission; an operator writes only in their own area.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from balai.accounts.models import ApiToken, Role, User
from balai.intake.bulk import application_submit_many
from balai.intake.models import Application, Batch, Channel
from balai.intake.selectors import offering_list
from balai.intake.services import BulkEntry, application_submit
from balai.registry.models import Person
from balai.testing.batches import make_second_batch
from balai.testing.clients import bearer, client_for
from balai.testing.factories import kelurahan
from balai.testing.places import KERONCONG
from balai.testing.registration import (
    application_post,
    person_data,
    registration_form,
    registration_payload,
    submission,
)

pytestmark = pytest.mark.django_db


def registered_by_an_operator(batch: Batch, users_by_role: dict[str, User]) -> Person:
    """The victim: a resident an operator registered (no account, no password)."""
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    client_for(operator).post(f"/applications/assist/{batch.code}/", registration_form(batch))
    return Person.objects.get()


@pytest.fixture
def second_batch(open_batch: Batch) -> Batch:
    return make_second_batch(open_batch)


def test_registering_a_known_nik_on_the_form_signs_nobody_in(
    open_batch: Batch, second_batch: Batch, users_by_role: dict[str, User]
) -> None:
    registered_by_an_operator(open_batch, users_by_role)
    attacker = Client()
    response = attacker.post(f"/register/{second_batch.code}/", registration_form(second_batch))
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert Person.objects.get().user is None
    assert not User.objects.filter(role=Role.PARTICIPANT).exclude(username="participant").exists()
    assert not Application.objects.filter(batch=second_batch).exists()


def test_registering_the_nik_of_a_resident_without_a_password_signs_nobody_in(
    open_batch: Batch, second_batch: Batch
) -> None:
    Client().post(f"/register/{open_batch.code}/", registration_form(open_batch))
    victim = Person.objects.get().user
    assert victim is not None and not victim.has_usable_password()
    attacker = Client()
    attacker.post(f"/register/{second_batch.code}/", registration_form(second_batch))
    assert "_auth_user_id" not in attacker.session
    assert not Application.objects.filter(batch=second_batch).exists()


def test_registering_a_known_nik_over_the_api_hands_out_no_token(
    open_batch: Batch, second_batch: Batch, users_by_role: dict[str, User]
) -> None:
    registered_by_an_operator(open_batch, users_by_role)
    response = application_post(Client(), registration_payload(second_batch))
    assert response.status_code == 400
    assert response.json()["code"] == "nik_registered"
    assert not ApiToken.objects.exists()
    assert not Application.objects.filter(batch=second_batch).exists()


def test_the_second_click_of_a_double_click_is_signed_in_to_the_new_account(
    open_batch: Batch,
) -> None:
    data = registration_form(open_batch)
    Client().post(f"/register/{open_batch.code}/", data)  # the first click's answer is lost
    second_click = Client()
    response = second_click.post(f"/register/{open_batch.code}/", data)
    assert response.status_code == 302
    account = Person.objects.get().user
    assert account is not None
    assert second_click.session["_auth_user_id"] == str(account.pk)
    assert Application.objects.count() == 1


def test_a_form_key_the_server_did_not_issue_is_refused_and_nothing_is_saved(
    open_batch: Batch,
) -> None:
    response = Client().post(
        f"/register/{open_batch.code}/",
        registration_form(open_batch, idempotency_key="chosen-by-me"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Formulir ini sudah kedaluwarsa" in page
    assert "chosen-by-me" not in page  # a fresh key, for the data as typed
    assert not Person.objects.exists() and not Application.objects.exists()


def test_the_same_form_key_with_other_data_is_refused(open_batch: Batch) -> None:
    data = registration_form(open_batch)
    Client().post(f"/register/{open_batch.code}/", data)
    other = registration_form(
        open_batch,
        nik="3671014903950002",
        full_name="Dewi Lestari",
        idempotency_key=data["idempotency_key"],
    )
    response = Client().post(f"/register/{open_batch.code}/", other)
    assert "sudah dikirim dengan data lain" in response.content.decode()
    assert Application.objects.count() == 1 and Person.objects.count() == 1


def test_the_same_api_key_with_another_body_is_refused_with_422(open_batch: Batch) -> None:
    body = registration_payload(open_batch)
    assert application_post(Client(), body).status_code == 201
    reused = application_post(Client(), {**body, "address": "Jl. Melati 2"})
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    assert Application.objects.count() == 1


def test_an_api_key_is_scoped_to_its_submitter(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    key = uuid.uuid4().hex
    application_post(Client(), registration_payload(open_batch, idempotency_key=key))
    operator = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    other = registration_payload(open_batch, idempotency_key=key, nik="3671014903950002")
    response = application_post(operator, other)
    assert response.status_code == 201  # not the anonymous caller's application
    assert Application.objects.count() == 2


@pytest.mark.parametrize("length", [61, 64, 255])
def test_long_api_keys_fit(open_batch: Batch, length: int) -> None:
    response = application_post(
        Client(), registration_payload(open_batch, idempotency_key="k" * length)
    )
    assert response.status_code == 201
    assert (
        application_post(
            Client(), registration_payload(open_batch, idempotency_key="k" * length)
        ).json()["public_id"]
        == response.json()["public_id"]
    )


def test_an_over_long_api_key_is_refused_in_the_error_shape(open_batch: Batch) -> None:
    response = application_post(
        Client(), registration_payload(open_batch, idempotency_key="k" * 300)
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not Application.objects.exists()


def test_a_list_rows_key_cannot_be_guessed_to_replay_its_application(open_batch: Batch) -> None:
    listed = application_submit_many(
        batch=open_batch,
        entries=[
            BulkEntry(person=person_data(1), choices=list(offering_list(batch=open_batch)[:1]))
        ],
        channel=Channel.IMPORT,
        submitted_by=None,
    )[0]
    guesses = [f"demo:{open_batch.code}:0", f"import:{uuid.uuid4()}:2", listed.idempotency_key]
    for serial, guess in enumerate(guesses, start=2):
        own = application_submit(
            submission=submission(open_batch, person_data(serial), idempotency_key=guess)
        )
        assert own.pk != listed.pk


def test_an_operator_cannot_apply_for_a_resident_of_another_kecamatan(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    application_submit(
        submission=submission(open_batch, person_data(domicile_kelurahan=kelurahan(KERONCONG)))
    )
    operator = users_by_role[Role.KELURAHAN_OPERATOR]  # of Sukarasa, Kecamatan Tangerang
    second = make_second_batch(open_batch)
    # The form's domicile says Sukarasa, but the registered resident lives in Keroncong.
    page = client_for(operator).post(
        f"/applications/assist/{second.code}/",
        registration_form(
            second, nik=person_data().nik, birth_date="1995-03-09", full_name="Siti Aminah 1"
        ),
    )
    assert "di luar wilayah Anda" in page.content.decode()
    answer = application_post(
        bearer(operator),
        registration_payload(second, nik=person_data().nik, full_name="Siti Aminah 1"),
    )
    assert answer.status_code == 403 and answer.json()["code"] == "outside_area"
    assert not Application.objects.filter(batch=second).exists()
