"""Fixtures shared by the intake tests."""

from __future__ import annotations

import pytest

from balai.catalogue.models import Programme
from balai.intake.models import Application, Batch, Offering
from balai.intake.selectors import offering_list
from balai.testing.allocation import PROFILES, Queue, apply, close
from balai.testing.places import SUKARASA


@pytest.fixture
def queue(open_batch: Batch) -> Queue:
    """Returns the batch, its three offerings in everyone's order, and the applications from
    the highest priority to the lowest."""
    offerings = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:3])
    Offering.objects.filter(batch=open_batch).update(seats=1)
    Programme.objects.update(minimum_class_size=1)
    for serial, profile in enumerate(PROFILES, start=1):
        apply(
            open_batch, serial, SUKARASA, offerings, email=f"peserta{serial}@example.id", **profile
        )
    close(open_batch)
    applications = list(Application.objects.order_by("-priority_points"))
    assert len({application.priority_points for application in applications}) == 5
    return open_batch, offerings, applications
