"""Every write of the catalogue leaves its audit entry."""

from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role
from balai.accounts.services import user_create
from balai.catalogue.models import Programme
from balai.catalogue.services import (
    competency_units_set,
    instructor_account_link,
    instructor_availability_set,
    instructor_certificate_set,
    instructor_create,
    programme_upsert,
    venue_settings_set,
    venue_upsert,
)
from balai.core.models import AuditAction, AuditEntry
from balai.testing.factories import kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db


def entries(target_type: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (entry.action, entry.changes)
        for entry in AuditEntry.objects.filter(target_type=target_type).order_by("pk")
    ]


def test_a_programme_is_audited_when_created_and_when_changed(db: None) -> None:
    for hours in (80, 96):
        programme_upsert(
            code="TBG",
            name="Tata Boga",
            description="",
            hours=hours,
            session_count=20,
            class_size=20,
            minimum_class_size=10,
        )
    (created, created_changes), updated = entries("catalogue.programme")
    assert created == AuditAction.CREATE and created_changes["code"] == {"old": "", "new": "TBG"}
    assert updated == (AuditAction.UPDATE, {"hours": {"old": "80", "new": "96"}})


def test_an_instructor_is_audited_with_a_masked_name_and_phone(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    instructor = instructor_create(
        full_name="Budi Santoso",
        phone="+6281234567890",
        home_kelurahan=kelurahan(SUKARASA),
        programmes=programmes[:1],
    )
    instructor_availability_set(
        instructor=instructor, weekly_availability=3, max_sessions_per_week=2
    )
    account = user_create(username="budi", full_name="Budi", role=Role.INSTRUCTOR)
    instructor_account_link(instructor=instructor, user=account)
    (created, changes), availability, link = entries("catalogue.instructor")
    assert created == AuditAction.CREATE
    assert "Budi Santoso" not in str(changes) and "4567" not in str(changes["phone"])
    assert changes["programmes"]["new"] == str(programmes[0])
    assert availability[1] == {
        "max_sessions_per_week": {"old": "10", "new": "2"},
        "weekly_availability": {"old": "4095", "new": "3"},
    }
    assert link[1] == {"user_id": {"old": "", "new": str(account.pk)}}


def test_an_instructor_certificate_is_audited_when_set_and_replaced(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    instructor = instructor_create(
        full_name="Budi", home_kelurahan=kelurahan(SUKARASA), programmes=programmes[:1]
    )
    instructor_certificate_set(instructor=instructor, programme=programmes[0], number="BNSP-1")
    instructor_certificate_set(instructor=instructor, programme=programmes[0], number="BNSP-2")
    (created, _changes), replaced = entries("catalogue.instructorcertificate")
    assert created == AuditAction.CREATE
    assert replaced == (AuditAction.UPDATE, {"number": {"old": "BNSP-1", "new": "BNSP-2"}})


def test_a_hall_is_audited_when_created_and_its_settings_change(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    venue = venue_upsert(kelurahan=kelurahan(SUKARASA), name="Aula", address="", capacity=20)
    venue_upsert(kelurahan=kelurahan(SUKARASA), name="Aula", address="Jl. 1", capacity=20)
    venue_settings_set(
        venue=venue, capacity=24, programmes=programmes[:1], weekly_availability=4095
    )
    (created, _changes), address, settings = entries("catalogue.venue")
    assert created == AuditAction.CREATE
    assert address[1] == {"address": {"old": "", "new": "Jl. 1"}}
    assert settings[1] == {
        "capacity": {"old": "20", "new": "24"},
        "programmes": {"old": "", "new": str(programmes[0])},
    }


def test_competency_units_are_audited_when_added_renamed_and_removed(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    competency_units_set(programme=programmes[0], units=[("U1", "Satu"), ("U2", "Dua")])
    competency_units_set(programme=programmes[0], units=[("U1", "Satu lagi")])
    (first, _one), (second, _two), (removed, gone), renamed = entries("catalogue.competencyunit")
    assert (first, second, removed) == (AuditAction.CREATE, AuditAction.CREATE, AuditAction.DELETE)
    assert gone["code"] == {"old": "U2", "new": ""}
    assert renamed == (AuditAction.UPDATE, {"title": {"old": "Satu", "new": "Satu lagi"}})
