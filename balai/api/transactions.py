"""One transaction per API write, opened where the request enters the API.

A write's service calls and the building of its answer run together: when anything fails
(the service refuses, or the answer cannot be built after the service wrote), nothing of the
request stays, so the answer and what was committed always agree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.http.response import HttpResponseBase

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Run = Callable[..., HttpResponseBase]


def writes_in_one_transaction(run: Run) -> Run:
    """Wrap an API operation so that a write commits only when its answer is a success."""

    @functools.wraps(run)
    def run_in_transaction(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in WRITE_METHODS:
            return run(request, *args, **kwargs)
        # Durable: the request's outermost transaction; services inside nest as savepoints.
        with transaction.atomic(durable=True):
            response = run(request, *args, **kwargs)
            # django-ninja has already turned a refusal (a domain error, invalid input) into
            # its answer here; an error answer must leave nothing behind.
            if response.status_code >= 400:
                transaction.set_rollback(True)
        return response

    return run_in_transaction
