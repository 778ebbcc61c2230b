"""Filters of the residents list by what people did later (applied to a batch, with a
status, choosing a programme): records of later stages, which the registry must not import.
An app declares, from its ready(), the form fields of its filter and how they narrow the
people; the residents list shows and applies whatever is declared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet

from balai.core.declarations import Declarations
from balai.registry.models import Person


@dataclass(frozen=True)
class PersonFilter:
    """`fields()` makes the filter's form fields; `narrow(people, values)` keeps the people
    matching the values the form cleaned (all of them together, or `people` if none given)."""

    name: str
    fields: Callable[[], dict[str, forms.Field]]
    narrow: Callable[[QuerySet[Person], dict[str, Any]], QuerySet[Person]]


_FILTERS: Declarations[PersonFilter] = Declarations("filter of the residents list")


def person_filter_provide(person_filter: PersonFilter) -> None:
    """Declare a filter of the residents list (call from the app's ready())."""
    _FILTERS.declare(person_filter)


def person_filter_fields() -> dict[str, forms.Field]:
    """Return the form fields of every declared filter."""
    return {
        name: field
        for person_filter in sorted(_FILTERS.all(), key=lambda declared: declared.name)
        for name, field in person_filter.fields().items()
    }


def people_narrowed(people: QuerySet[Person], values: dict[str, Any]) -> QuerySet[Person]:
    """Return `people` narrowed by every declared filter to the `values` given."""
    for person_filter in _FILTERS.all():
        people = person_filter.narrow(people, values)
    return people
