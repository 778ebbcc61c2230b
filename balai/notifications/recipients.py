"""Kinds of recipient list: who a message to "a business group" or "a company" reaches.

The app that owns a list declares its kind with `register_recipient_list` (from its
ready()), as it declares a kind of owner for scoping: a name, and a function that returns a
list's members (registry people or user accounts) from its key. The outbox knows no list of
its own, so it imports nothing from the stages after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from balai.accounts.models import User
from balai.core.declarations import Declarations
from balai.registry.models import Person

Member = Person | User


@dataclass(frozen=True)
class RecipientListKind:
    """A kind of list: `members(key)` returns the people and accounts on the list `key`."""

    name: str
    members: Callable[[str], Iterable[Member]]


@dataclass(frozen=True)
class RecipientList:
    """One list, by kind and key (a group's id): what a message may be addressed to."""

    kind: str
    key: str


_LIST_KINDS: Declarations[RecipientListKind] = Declarations("kind of recipient list")


def register_recipient_list(kind: RecipientListKind) -> None:
    """Declare a kind of recipient list (call from the app's ready())."""
    _LIST_KINDS.declare(kind)


def recipient_list_members(recipient_list: RecipientList) -> list[Member]:
    """Return the members of `recipient_list` now; raise if nobody declared its kind."""
    return list(_LIST_KINDS.get(recipient_list.kind).members(recipient_list.key))
