"""What reporting reads of placement: each placement's person and kind, for the
pre-computed summaries (counted, never shown row by row)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from balai.placement.models import Placement


class PlacementKindFact(NamedTuple):
    person_id: int
    kind: str


def placement_facts() -> Iterator[PlacementKindFact]:
    """Every placement recorded (a job, own business, business group or further training)."""
    rows = Placement.objects.order_by("pk").values_list("person_id", "kind")
    for row in rows.iterator(chunk_size=5000):
        yield PlacementKindFact(*row)
