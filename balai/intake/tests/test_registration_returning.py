"""A returning resident applies with their choices only; an operator registers a resident who
has no phone, on a form that speaks to the operator."""

from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.intake.idempotency import form_key_issue
from balai.intake.models import Application, Batch
from balai.intake.selectors import offering_list
from balai.registry.models import Person
from balai.testing.batches import make_second_batch
from balai.testing.places import SUKARASA
from balai.testing.registration import registration_form

pytestmark = pytest.mark.django_db


def registered(batch: Batch, client: Any) -> Person:
    """Siti registers on the form and stays signed in to the account it opened."""
    response = client.post(f"/register/{batch.code}/", registration_form(batch))
    assert response.status_code == 302
    return Person.objects.get()


def test_a_returning_resident_is_asked_for_the_choices_only(open_batch: Batch, client: Any) -> None:
    registered(open_batch, client)
    second = make_second_batch(open_batch)
    page = client.get(f"/register/{second.code}/").content.decode()
    assert 'name="programme_1"' in page
    for asked_before in ('name="nik"', 'name="phone"', 'name="consent"', 'name="interest_'):
        assert asked_before not in page
    assert "data pribadi Anda sudah tercatat" in page
    assert "Tata Boga" in page  # suggested by the answers given at the first application


def test_a_returning_resident_applies_with_a_choice_and_nothing_else(
    open_batch: Batch, client: Any
) -> None:
    person = registered(open_batch, client)
    second = make_second_batch(open_batch)
    offering = offering_list(batch=second).get(kelurahan=SUKARASA, programme__code="las")
    response = client.post(
        f"/register/{second.code}/",
        {"programme_1": "las", "choice_1": str(offering.pk), "idempotency_key": form_key_issue()},
    )
    assert response.status_code == 302
    application = Application.objects.get(batch=second)
    assert application.person == person
    assert application.interests == Application.objects.get(batch=open_batch).interests
    assert [choice.offering for choice in application.choices.all()] == [offering]
    assert person.consents.count() == 2


def test_a_returning_resident_who_applied_already_is_sent_to_their_applications(
    open_batch: Batch, client: Any
) -> None:
    registered(open_batch, client)
    page = client.get(f"/register/{open_batch.code}/").content.decode()
    assert "Anda sudah mendaftar ke gelombang ini." in page
    assert 'name="programme_1"' not in page


def test_the_assisted_form_speaks_to_the_operator(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.get(f"/applications/assist/{open_batch.code}/").content.decode()
    assert "NIK warga" in page
    assert "Kelurahan tempat tinggal warga sekarang" in page
    assert "Apakah warga penyandang disabilitas?" in page
    assert "Apakah Anda penyandang disabilitas?" not in page
    assert "Kelurahan tempat tinggal sekarang" not in page
    assert "Warga tidak punya ponsel" in page
    assert "harus datang ke kantor kelurahan" in page  # what having no phone means


def test_an_operator_registers_a_resident_without_a_phone(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.post(
        f"/applications/assist/{open_batch.code}/",
        registration_form(open_batch, phone="", no_phone="on"),
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.phone == "" and person.user is None


def test_an_operator_is_asked_for_a_phone_or_no_phone(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.post(
        f"/applications/assist/{open_batch.code}/", registration_form(open_batch, phone="")
    ).content.decode()
    assert "Isi nomor ponsel warga, atau centang bahwa warga tidak punya ponsel." in page
    assert "persetujuan warga" not in page  # consent was given
    assert not Person.objects.exists()


def test_a_returning_residents_double_click_yields_one_application(
    open_batch: Batch, client: Any
) -> None:
    registered(open_batch, client)
    second = make_second_batch(open_batch)
    offering = offering_list(batch=second).get(kelurahan=SUKARASA, programme__code="las")
    data = {"programme_1": "las", "choice_1": str(offering.pk), "idempotency_key": form_key_issue()}
    client.post(f"/register/{second.code}/", data)
    again = client.post(f"/register/{second.code}/", data)
    assert again.status_code == 302
    assert Application.objects.filter(batch=second).count() == 1
