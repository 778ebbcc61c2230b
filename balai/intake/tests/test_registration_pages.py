from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.intake.models import Application, ApplicationStatus, Batch
from balai.registry.models import Person
from balai.testing.places import KERONCONG
from balai.testing.registration import registration_form

pytestmark = pytest.mark.django_db


def test_the_form_speaks_indonesian(open_batch: Batch, client: Any) -> None:
    page = client.get(f"/register/{open_batch.code}/").content.decode()
    assert "Kelurahan tempat tinggal sekarang" in page
    assert "Pernyataan privasi" in page


def test_a_resident_registers_gets_an_account_and_sees_the_status(
    open_batch: Batch, client: Any
) -> None:
    response = client.post(f"/register/{open_batch.code}/", registration_form(open_batch))
    assert response.status_code == 302
    status_page = client.get(response.headers["Location"]).content.decode()
    assert "Memenuhi syarat, menunggu seleksi" in status_page
    assert "Terkena PHK akibat pandemi: +4" in status_page
    assert "Pilih kata sandi" in status_page
    person = Person.objects.get()
    assert person.user is not None and person.user.role == Role.PARTICIPANT
    assert person.phone == "+6281234567890"


def test_a_double_submit_yields_one_application(open_batch: Batch, client: Any) -> None:
    data = registration_form(open_batch)
    client.post(f"/register/{open_batch.code}/", data)
    second = client.post(f"/register/{open_batch.code}/", data)
    assert second.status_code == 302
    assert Application.objects.count() == 1


def test_a_wrong_nik_is_explained_beside_the_field_and_nothing_is_saved(
    open_batch: Batch, client: Any
) -> None:
    response = client.post(
        f"/register/{open_batch.code}/", registration_form(open_batch, birth_date="1995-03-10")
    )
    assert response.status_code == 200
    assert "menunjukkan tanggal lahir 09-03-95, bukan 10-03-95" in response.content.decode()
    assert not Person.objects.exists() and not User.objects.exists()


def test_missing_consent_is_refused(open_batch: Batch, client: Any) -> None:
    data = registration_form(open_batch)
    del data["consent"]
    response = client.post(f"/register/{open_batch.code}/", data)
    assert "persetujuan" in response.content.decode()
    assert not Application.objects.exists()


def test_the_new_participant_chooses_a_password(open_batch: Batch, client: Any) -> None:
    client.post(f"/register/{open_batch.code}/", registration_form(open_batch))
    client.post(
        "/my-applications/password/",
        {"new_password1": "Zq7-mangga-lemon-42", "new_password2": "Zq7-mangga-lemon-42"},
    )
    user = Person.objects.get().user
    assert user is not None and user.check_password("Zq7-mangga-lemon-42")
    assert client.get("/my-applications/").status_code == 200  # still signed in


def test_an_operator_registers_only_in_their_area(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    outside = client.post(
        f"/applications/assist/{open_batch.code}/",
        registration_form(open_batch, domicile_kelurahan=KERONCONG),
    )
    assert outside.status_code == 200 and not Application.objects.exists()
    inside = client.post(f"/applications/assist/{open_batch.code}/", registration_form(open_batch))
    assert inside.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.submitted_by) == (
        "assisted",
        users_by_role[Role.KELURAHAN_OPERATOR],
    )
    assert application.person.user is None  # no account for a resident without a phone login
    assert application.status == ApplicationStatus.ELIGIBLE


def test_operators_list_the_applications_of_their_area_only(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.post(f"/register/{open_batch.code}/", registration_form(open_batch))
    client.logout()
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    assert "Siti Aminah" in client.get("/applications/").content.decode()
    other_operator = User.objects.create(
        username="keroncong", role=Role.KELURAHAN_OPERATOR, kelurahan_id=KERONCONG
    )
    client.force_login(other_operator)
    assert "Siti Aminah" not in client.get("/applications/").content.decode()


def test_suggestions_follow_the_answers(open_batch: Batch, client: Any) -> None:
    page = client.post(
        "/register/suggestions/",
        {"interest_activity": "repairing", "interest_workplace": "workshop"},
    )
    assert "Pengelasan (Las)" in page.content.decode()


def test_a_signed_in_resident_cannot_register_someone_else(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.PARTICIPANT])
    response = client.post(f"/register/{open_batch.code}/", registration_form(open_batch))
    assert "Keluar dulu" in response.content.decode()
    assert not Application.objects.exists()
    assert client.session["_auth_user_id"] == str(users_by_role[Role.PARTICIPANT].pk)


def test_staff_are_sent_to_the_assisted_form(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.get(f"/register/{open_batch.code}/")
    assert response.headers["Location"] == f"/applications/assist/{open_batch.code}/"


def test_resending_a_form_does_not_sign_in_to_an_account_with_a_password(
    open_batch: Batch, client: Any
) -> None:
    data = registration_form(open_batch)
    client.post(f"/register/{open_batch.code}/", data)
    client.post(
        "/my-applications/password/",
        {"new_password1": "Zq7-mangga-lemon-42", "new_password2": "Zq7-mangga-lemon-42"},
    )
    client.logout()
    response = client.post(f"/register/{open_batch.code}/", data)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and Application.objects.count() == 1


def test_an_operators_application_page_names_the_choices_without_your(
    open_batch: Batch, users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    client.post(f"/applications/assist/{open_batch.code}/", registration_form(open_batch))
    application = Application.objects.get()
    page = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "<h3>Pilihan</h3>" in page and "Pilihan Anda" not in page


def test_a_new_participant_is_told_to_sign_in_with_the_phone_as_people_write_it(
    open_batch: Batch, client: Any
) -> None:
    """The account is named 628…, but the resident wrote 0812…, and that signs in too."""
    client.post(f"/register/{open_batch.code}/", registration_form(open_batch))
    page = client.get("/my-applications/").content.decode()
    user = Person.objects.get().user
    assert user is not None and user.username.startswith("628")
    assert "Nama pengguna Anda 0812 3456 7890." in page and user.username not in page
