from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.intake.models import Batch
from balai.notifications.gateways import message_gateway
from balai.regions.models import Kelurahan
from balai.regions.services import regions_load
from balai.testing.batches import make_open_batch, make_programmes
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.gateways import FAKE_GATEWAY, RecordingGateway
from balai.testing.places import SUKARASA


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


@pytest.fixture
def programmes(db: Any) -> list[Programme]:
    return make_programmes()


@pytest.fixture
def open_batch(kota_tangerang: None, programmes: list[Programme]) -> Batch:
    return make_open_batch(programmes)


@pytest.fixture
def message_gateway_fake(settings: Any) -> RecordingGateway:
    """WhatsApp/SMS messages go to a recording stand-in for the provider, emptied first."""
    settings.NOTIFICATION_GATEWAY = FAKE_GATEWAY
    gateway = message_gateway()
    if not isinstance(gateway, RecordingGateway):
        raise TypeError(f"{FAKE_GATEWAY} gave {gateway!r}")
    gateway.reset()
    return gateway
