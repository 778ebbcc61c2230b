"""What reporting reads of scheduling: every class with its place, for the summaries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings

from balai.scheduling.models import TrainingClass


class ClassFact(NamedTuple):
    class_id: int
    kelurahan_code: str
    programme_name: str
    number: int
    batch_name: str


def class_facts() -> Iterator[ClassFact]:
    """Every class held in the deployment's kelurahan, by batch, programme and number."""
    classes = (
        TrainingClass.objects.filter(
            offering__kelurahan__kecamatan__regency=settings.BALAI_REGENCY_CODE
        )
        .order_by("batch_id", "programme__name", "number")
        .values_list("pk", "offering__kelurahan_id", "programme__name", "number", "batch__name")
    )
    for row in classes.iterator(chunk_size=5000):
        yield ClassFact(*row)
