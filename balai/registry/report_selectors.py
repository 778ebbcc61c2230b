"""What reporting reads of the registry: each registered person's place and circumstances,
as plain tuples for the pre-computed summaries (never shown row by row)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings

from balai.registry.models import Person


class PersonFact(NamedTuple):
    person_id: int
    kelurahan_code: str
    sex: str
    birth_date: datetime.date


def person_facts(*, person_ids: set[int] | None = None) -> Iterator[PersonFact]:
    """Every person living in the deployment (or those of `person_ids`), one tuple each."""
    people = Person.objects.filter(
        domicile_kelurahan__kecamatan__regency=settings.BALAI_REGENCY_CODE
    ).order_by()
    for row in people.values_list("pk", "domicile_kelurahan_id", "sex", "birth_date").iterator(
        chunk_size=5000
    ):
        if person_ids is None or row[0] in person_ids:
            yield PersonFact(*row)
