"""The one family of domain errors, turned into one message shape by the UI and the API."""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the one error shape of every JSON answer: {"code", "message", "details"}."""
    return {"code": code, "message": message, "details": details or {}}


class ApplicationError(Exception):
    """A request the domain refuses, with a message fit to show the person who made it.

    `code` is stable for API clients; `message` is translated; `details` names fields or rows.
    """

    code = "application_error"
    status = 400

    def __init__(
        self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details or {}


class PermissionDeniedError(ApplicationError):
    code = "permission_denied"
    status = 403


class NotFoundError(ApplicationError):
    code = "not_found"
    status = 404
