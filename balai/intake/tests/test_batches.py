"""Batches: created from typed rules, audited when created and when registration closes."""

from __future__ import annotations

import datetime
import inspect

import pytest
import time_machine
from django.db.models import Field
from django.utils import timezone

from balai.core.models import AuditAction, AuditEntry
from balai.intake.batches import batch_create, batch_registration_close
from balai.intake.models import Batch
from balai.testing.batches import make_batch

pytestmark = pytest.mark.django_db


def test_batch_create_defaults_each_rule_as_the_model_does() -> None:
    parameters = inspect.signature(batch_create).parameters.values()
    defaults = [item for item in parameters if item.default is not inspect.Parameter.empty]
    assert len(defaults) == 13
    for item in defaults:
        model_field = Batch._meta.get_field(item.name)
        assert isinstance(model_field, Field)
        assert item.default == model_field.default, item.name


def test_creating_a_batch_and_closing_its_registration_are_audited(db: None) -> None:
    batch = make_batch()
    closing = timezone.now() + datetime.timedelta(hours=1)
    with time_machine.travel(closing, tick=False):
        batch_registration_close(batch=batch)
    created, closed = AuditEntry.objects.filter(target_type="intake.batch").order_by("pk")
    assert (created.action, created.target_label) == (AuditAction.CREATE, batch.code)
    assert created.changes["minimum_age"] == {"old": "", "new": "18"}
    assert closed.action == AuditAction.UPDATE
    assert closed.changes == {
        "registration_closes_at": {
            "old": batch.registration_closes_at.isoformat(),
            "new": closing.isoformat(),
        }
    }
