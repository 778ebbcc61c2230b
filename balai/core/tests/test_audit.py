"""The one helper for updates and their audit entries."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from balai.catalogue.models import Programme, Venue
from balai.core.audit import AuditPolicy, model_update
from balai.core.models import AuditAction, AuditEntry
from balai.testing.factories import kelurahan
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db

VENUE_POLICY = AuditPolicy(fields=["name", "capacity", "programmes"], masked={"name": str.upper})


def venue_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type="catalogue.venue")


def hall() -> Venue:
    return Venue.objects.create(kelurahan=kelurahan(SUKARASA), name="Aula", capacity=20)


def test_it_saves_only_the_fields_given_and_records_before_and_after(
    kota_tangerang: None,
) -> None:
    venue = hall()
    Venue.objects.filter(pk=venue.pk).update(address="Jl. Baru")  # changed by someone else
    changes = model_update(instance=venue, fields={"capacity": 25}, policy=VENUE_POLICY)
    venue.refresh_from_db()
    assert (venue.capacity, venue.address) == (25, "Jl. Baru")
    entry = venue_entries().get()
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == changes == {"capacity": {"old": "20", "new": "25"}}


def test_it_masks_as_the_policy_says_and_records_nothing_when_nothing_changed(
    kota_tangerang: None,
) -> None:
    venue = hall()
    assert model_update(instance=venue, fields={"capacity": 20}, policy=VENUE_POLICY) == {}
    assert not venue_entries().exists()
    model_update(instance=venue, fields={"name": "Balai"}, policy=VENUE_POLICY)
    assert venue_entries().get().changes == {"name": {"old": "AULA", "new": "BALAI"}}


def test_it_sets_many_to_many_fields_and_records_them(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    venue = hall()
    model_update(instance=venue, fields={"programmes": programmes[:1]}, policy=VENUE_POLICY)
    assert list(venue.programmes.all()) == programmes[:1]
    assert venue_entries().get().changes == {"programmes": {"old": "", "new": str(programmes[0])}}


def test_it_saves_nothing_when_validation_refuses(kota_tangerang: None) -> None:
    venue = hall()

    def refuse(_venue: Venue) -> None:
        raise ValidationError("no")

    with pytest.raises(ValidationError):
        model_update(
            instance=venue,
            fields={"kelurahan": kelurahan(KERONCONG)},
            policy=VENUE_POLICY,
            validate=refuse,
        )
    venue.refresh_from_db()
    assert venue.kelurahan_id == SUKARASA and not venue_entries().exists()


def test_a_copy_loaded_before_somebody_elses_save_writes_nothing_unrecorded(
    kota_tangerang: None,
) -> None:
    venue = hall()
    stale = Venue.objects.get(pk=venue.pk)  # a second operator's form, opened at the same time
    model_update(instance=venue, fields={"capacity": 30}, policy=VENUE_POLICY)
    # The second operator saves the form as it was loaded, having changed only the name.
    model_update(instance=stale, fields={"name": "Balai", "capacity": 20}, policy=VENUE_POLICY)
    logged = [entry.changes for entry in venue_entries().order_by("pk")]
    assert logged == [
        {"capacity": {"old": "20", "new": "30"}},
        {"name": {"old": "AULA", "new": "BALAI"}, "capacity": {"old": "30", "new": "20"}},
    ]


def test_a_field_held_stale_but_not_saved_is_not_recorded_as_changed(kota_tangerang: None) -> None:
    venue = hall()
    stale = Venue.objects.get(pk=venue.pk)
    model_update(instance=venue, fields={"capacity": 30}, policy=VENUE_POLICY)
    model_update(instance=stale, fields={"name": "Balai"}, policy=VENUE_POLICY)
    assert venue_entries().order_by("pk").last().changes == {  # type: ignore[union-attr]
        "name": {"old": "AULA", "new": "BALAI"}
    }
