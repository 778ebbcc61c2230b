from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.catalogue.models import Programme
from balai.catalogue.services import programme_upsert
from balai.factories import UserFactory, kelurahan
from balai.intake.models import Batch
from balai.intake.services import batch_create, offerings_create
from balai.notifications.gateways import message_gateway
from balai.notifications.tests.fakes import FAKE_GATEWAY, RecordingGateway
from balai.regions.models import Kelurahan
from balai.regions.services import regions_load

SUKARASA = "36.71.01.1001"  # in Kecamatan Tangerang
BABAKAN = "36.71.01.1008"  # also in Kecamatan Tangerang
KERONCONG = "36.71.02.1001"  # in Kecamatan Jatiuwung


@pytest.fixture
def kota_tangerang(db: Any) -> None:
    """Kota Tangerang's 13 kecamatan and 104 kelurahan."""
    if not Kelurahan.objects.filter(code=SUKARASA).exists():
        regions_load(code="36.71")


@pytest.fixture
def users_by_role(kota_tangerang: None) -> dict[str, User]:
    """One user of every role; the operators work in Kecamatan Tangerang / Sukarasa."""
    sukarasa = kelurahan(SUKARASA)
    return {
        Role.ADMIN: UserFactory.create(username="admin", role=Role.ADMIN),
        Role.KECAMATAN_OPERATOR: UserFactory.create(
            username="kecamatan", role=Role.KECAMATAN_OPERATOR, kecamatan=sukarasa.kecamatan
        ),
        Role.KELURAHAN_OPERATOR: UserFactory.create(
            username="kelurahan", role=Role.KELURAHAN_OPERATOR, kelurahan=sukarasa
        ),
        Role.INSTRUCTOR: UserFactory.create(username="instructor", role=Role.INSTRUCTOR),
        Role.PARTICIPANT: UserFactory.create(username="participant", role=Role.PARTICIPANT),
        Role.EMPLOYER: UserFactory.create(username="employer", role=Role.EMPLOYER),
        Role.VIEWER: UserFactory.create(username="viewer", role=Role.VIEWER),
    }


TEST_PROGRAMMES = [("tata-boga", "Tata Boga"), ("las", "Pengelasan (Las)"), ("barista", "Barista")]


def make_programmes() -> list[Programme]:
    return [
        programme_upsert(
            code=code,
            name=name,
            description="",
            hours=80,
            session_count=20,
            class_size=20,
            minimum_class_size=10,
        )
        for code, name in TEST_PROGRAMMES
    ]


@pytest.fixture
def programmes(db: Any) -> list[Programme]:
    return make_programmes()


def make_open_batch(programmes: list[Programme], **rules: Any) -> Batch:
    """An open selection batch offering `programmes`, 20 seats each, in Sukarasa and
    Keroncong; `rules` override the batch's fields."""
    batch = make_batch(**rules)
    offerings_create(
        batch=batch,
        rows=[
            (programme, kelurahan(code), None, 20)
            for code in (SUKARASA, KERONCONG)
            for programme in programmes
        ],
    )
    return batch


def monday_on_or_after(day: datetime.date) -> datetime.date:
    """Return `day` if it is a Monday, else the Monday after it (a training window's start)."""
    return day + datetime.timedelta(days=-day.weekday() % 7)


def morning_of(day: datetime.date) -> datetime.datetime:
    """Return 09:00 in the city on `day`: a moment to travel to (`time_machine.travel`)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def make_batch(*, seat_assignment: str = "selection", **rules: Any) -> Batch:
    now = timezone.now()
    fields: dict[str, Any] = {
        "code": "gelombang-1",
        "name": "Gelombang 1",
        "registration_opens_at": now - datetime.timedelta(days=1),
        "registration_closes_at": now + datetime.timedelta(days=13),
        "training_starts_on": (now + datetime.timedelta(days=30)).date(),
        "training_ends_on": (now + datetime.timedelta(days=60)).date(),
        "seat_assignment": seat_assignment,
    }
    return batch_create(**{**fields, **rules})


@pytest.fixture
def open_batch(kota_tangerang: None, programmes: list[Programme]) -> Batch:
    return make_open_batch(programmes)


def client_for(user: User) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def bearer(user: User) -> Client:
    """An API client carrying a new token of `user`."""
    _token, secret = api_token_create(user=user, label="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def message_gateway_fake(settings: Any) -> RecordingGateway:
    """WhatsApp/SMS messages go to a recording stand-in for the provider, emptied first."""
    settings.NOTIFICATION_GATEWAY = FAKE_GATEWAY
    gateway = message_gateway()
    if not isinstance(gateway, RecordingGateway):
        raise TypeError(f"{FAKE_GATEWAY} gave {gateway!r}")
    gateway.reset()
    return gateway
