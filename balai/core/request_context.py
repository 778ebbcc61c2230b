"""Who is acting and from where, for the audit log, without passing a request into services.

The middleware sets it for a web or API request; management commands and jobs set it with
`acting_as`. Context variables keep concurrent requests (threads or async) apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from balai.accounts.models import User


@dataclass(frozen=True)
class RequestContext:
    actor: User | None
    ip_address: str | None
    channel: str  # "web", "api", "command" or "job"


_current: ContextVar[RequestContext | None] = ContextVar("balai_request_context", default=None)


def current_request_context() -> RequestContext:
    """Return the context of the work in progress (a system context when none was set)."""
    return _current.get() or RequestContext(actor=None, ip_address=None, channel="system")


@contextmanager
def acting_as(
    actor: User | None, *, channel: str, ip_address: str | None = None
) -> Iterator[RequestContext]:
    """Run the enclosed block as `actor`, so that what it writes is audited to them."""
    context = RequestContext(actor=actor, ip_address=ip_address, channel=channel)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
