"""A resident changes or withdraws their choices while registration is open, and not after."""

from __future__ import annotations

from typing import Any

import pytest

from balai.catalogue.models import Programme
from balai.core.models import AuditEntry
from balai.intake.batches import batch_registration_close
from balai.intake.models import Application, ApplicationStatus, Batch, Offering
from balai.intake.selectors import offering_list
from balai.testing.batches import make_open_batch
from balai.testing.places import KERONCONG, SUKARASA
from balai.testing.registration import registration_form

pytestmark = pytest.mark.django_db


def applied_with_three_choices(batch: Batch, client: Any) -> Application:
    """Siti registers choosing Sukarasa's three programmes, and stays signed in."""
    offerings = list(offering_list(batch=batch).filter(kelurahan=SUKARASA))
    data = registration_form(
        batch, **{f"choice_{rank}": str(o.pk) for rank, o in enumerate(offerings, start=1)}
    )
    assert client.post(f"/register/{batch.code}/", data).status_code == 302
    return Application.objects.get()


def ranked(application: Application) -> list[Offering]:
    return [choice.offering for choice in application.choices.order_by("rank")]


def test_a_resident_withdraws_one_choice_and_the_later_ones_move_up(
    open_batch: Batch, client: Any
) -> None:
    application = applied_with_three_choices(open_batch, client)
    _first, second, third = ranked(application)
    page = client.get("/my-applications/").content.decode()
    assert page.count("/choices/1/withdraw/") == 1 and "Ubah pilihan" in page
    response = client.post(f"/my-applications/{application.public_id}/choices/1/withdraw/")
    assert response.status_code == 302
    assert ranked(application) == [second, third]
    assert AuditEntry.objects.filter(changes__has_key="choices").exists()


def test_withdrawing_the_last_choice_withdraws_the_application(
    open_batch: Batch, client: Any
) -> None:
    application = applied_with_three_choices(open_batch, client)
    for _ in range(3):
        client.post(f"/my-applications/{application.public_id}/choices/1/withdraw/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "/withdraw/" not in client.get("/my-applications/").content.decode()


def test_a_resident_changes_the_choices_by_programme_then_place(
    open_batch: Batch, client: Any
) -> None:
    application = applied_with_three_choices(open_batch, client)
    page = client.get(f"/my-applications/{application.public_id}/choices/").content.decode()
    assert "checked" in page  # the current choices are shown chosen
    barista = offering_list(batch=open_batch).get(kelurahan=KERONCONG, programme__code="barista")
    response = client.post(
        f"/my-applications/{application.public_id}/choices/",
        {"programme_1": "barista", "choice_1": str(barista.pk)},
    )
    assert response.status_code == 302
    assert ranked(application) == [barista]


def test_a_first_come_seat_follows_the_new_choices(
    kota_tangerang: None, programmes: list[Programme], client: Any
) -> None:
    batch = make_open_batch(programmes, seat_assignment="first_come")
    application = applied_with_three_choices(batch, client)
    held = application.held_offering
    assert held is not None
    other = offering_list(batch=batch).get(kelurahan=KERONCONG, programme=held.programme)
    client.post(
        f"/my-applications/{application.public_id}/choices/",
        {"programme_1": held.programme.code, "choice_1": str(other.pk)},
    )
    application.refresh_from_db()
    assert application.held_offering == other
    held.refresh_from_db()
    other.refresh_from_db()
    assert (held.seats_taken, other.seats_taken) == (0, 1)


def test_a_resident_withdraws_the_application(open_batch: Batch, client: Any) -> None:
    application = applied_with_three_choices(open_batch, client)
    client.post(f"/my-applications/{application.public_id}/withdraw/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_nothing_is_offered_or_allowed_once_registration_closed(
    open_batch: Batch, client: Any
) -> None:
    application = applied_with_three_choices(open_batch, client)
    batch_registration_close(batch=open_batch)
    page = client.get("/my-applications/").content.decode()
    assert "/withdraw/" not in page and "Ubah pilihan" not in page
    client.post(f"/my-applications/{application.public_id}/choices/1/withdraw/")
    client.post(f"/my-applications/{application.public_id}/withdraw/")
    response = client.get(f"/my-applications/{application.public_id}/choices/")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert len(ranked(application)) == 3


def test_another_residents_application_cannot_be_changed(
    open_batch: Batch, client: Any, django_user_model: Any
) -> None:
    application = applied_with_three_choices(open_batch, client)
    assert client.get(f"/my-applications/{application.public_id}/choices/").status_code == 200
    client.force_login(django_user_model.objects.create(username="lain", role="participant"))
    assert client.get(f"/my-applications/{application.public_id}/choices/").status_code == 404
    response = client.post(f"/my-applications/{application.public_id}/choices/1/withdraw/")
    assert response.status_code == 404
    assert len(ranked(application)) == 3
