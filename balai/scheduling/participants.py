"""Who takes part in which class is training's record (its enrolments), a stage after this
one. Scheduling shows participants their own week and calendar, so it asks through this hook,
which training fills when it starts: scheduling imports nothing of training."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

from balai.accounts.models import User

ClassesOf = Callable[[User], Iterable[int]]
_classes_of_participant: list[ClassesOf] = []


def participant_classes_provide(provider: ClassesOf) -> None:
    """Name the function that returns the ids of the classes a user takes part in."""
    _classes_of_participant[:] = [provider]


def participant_class_ids(user: User) -> list[int]:
    """Return the ids of the classes `user` takes part in, as training records them."""
    if not _classes_of_participant:
        raise ImproperlyConfigured("No app provides the classes a participant takes part in.")
    return list(_classes_of_participant[0](user))
