"""Programmes and batches made through the catalogue's and intake's services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from balai.catalogue.models import Programme
from balai.catalogue.services import programme_upsert
from balai.intake.batches import batch_create, offerings_create
from balai.intake.models import Batch
from balai.intake.selectors import offering_list
from balai.testing.factories import kelurahan
from balai.testing.places import KERONCONG, SUKARASA

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


def make_second_batch(batch: Batch) -> Batch:
    """An open batch beside `batch`, offering the same programmes in the same kelurahan."""
    second = make_batch(code="gelombang-2")
    offerings_create(
        batch=second,
        rows=[
            (offering.programme, offering.kelurahan, None, 20)
            for offering in offering_list(batch=batch)
        ],
    )
    return second
