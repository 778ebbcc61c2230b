"""Announcements from one stage of the spine to the stages after it.

An earlier stage says what happened (a seat accepted, given up, dropped) by publishing an
event, a small frozen dataclass it defines itself; a later stage subscribes a handler when it
starts (its AppConfig.ready) and keeps its own record of it. So the earlier stage imports
nothing of the later ones, and each hand-off is a record owned by the stage receiving it.

Handlers run at once, in the publisher's transaction: the receiving record is written, or
refused, together with the change it follows, never half of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

EventT = TypeVar("EventT")
_HANDLERS: dict[type[Any], list[Callable[[Any], object]]] = defaultdict(list)


def event_subscribe(event_type: type[EventT], handler: Callable[[EventT], object]) -> None:
    """Call `handler` with every event of `event_type` published from now on (once, however
    often the same handler is subscribed)."""
    if handler not in _HANDLERS[event_type]:
        _HANDLERS[event_type].append(handler)


def event_publish(event: object) -> None:
    """Hand `event` to every handler subscribed to its type, in the order they subscribed."""
    for handler in _HANDLERS[type(event)]:
        handler(event)


def event_handlers(event_type: type[Any]) -> list[Callable[[Any], object]]:
    """Return the handlers subscribed to `event_type` (for checks and tests)."""
    return list(_HANDLERS[event_type])
