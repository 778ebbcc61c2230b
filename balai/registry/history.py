"""What a person did after registering, shown on their page at the front desk.

A person's applications, offers, classes, attendance and certificates are records of later
stages (intake, training), which the registry must not import. Each of those apps declares,
from its ready(), a section of the person's history and the function that reads it through
its own selectors; the person page shows whatever sections are declared, in their order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from balai.accounts.models import User
from balai.core.declarations import Declarations
from balai.registry.models import Person


@dataclass(frozen=True)
class HistoryTable:
    """One section's rows, as text, under its column headings."""

    headings: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class HistorySection:
    """A section of a person's history: `read(person, user)` returns its table, reading only
    what `user` may see (through the area scope, like every selector)."""

    name: str
    title: str | Promise
    order: int
    read: Callable[[Person, User], HistoryTable]


_SECTIONS: Declarations[HistorySection] = Declarations("section of a person's history")


def person_history_provide(section: HistorySection) -> None:
    """Declare a section of every person's history (call from the app's ready())."""
    _SECTIONS.declare(section)


def person_history(*, person: Person, user: User) -> list[tuple[HistorySection, HistoryTable]]:
    """Return every declared section of `person`'s history with its table, in order."""
    sections = sorted(_SECTIONS.all(), key=lambda section: (section.order, section.name))
    return [(section, section.read(person, user)) for section in sections]
