"""Named things apps declare from their ready(): kinds of owner, of message, of recipient list.

A later stage joins by declaring its kinds; the module that reads them knows none by name. A
name is declared once (the same declaration again is harmless: ready() may run twice in a
test run), and asking for a name nobody declared is a configuration error, never a guess.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured


class Named(Protocol):
    @property
    def name(self) -> str: ...


DeclaredT = TypeVar("DeclaredT", bound=Named)


class Declarations(Generic[DeclaredT]):
    """The declarations of one kind of thing (`what`, as errors name it), by name."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._by_name: dict[str, DeclaredT] = {}

    def declare(self, declaration: DeclaredT) -> None:
        declared = self._by_name.get(declaration.name)
        if declared is not None and declared != declaration:
            raise ImproperlyConfigured(f"The {self.what} {declaration.name!r} is declared twice.")
        self._by_name[declaration.name] = declaration

    def get(self, name: str) -> DeclaredT:
        try:
            return self._by_name[name]
        except KeyError:
            raise ImproperlyConfigured(f"No app declares the {self.what} {name!r}.") from None

    def undeclared(self, names: set[str] | list[str]) -> list[str]:
        """The names among `names` that nobody declared, sorted."""
        return sorted(set(names) - set(self._by_name))

    def all(self) -> list[DeclaredT]:
        return list(self._by_name.values())
