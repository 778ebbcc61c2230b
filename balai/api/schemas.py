"""Schemas every part of the API shares: errors, jobs, and the base of every input."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from ninja.params.functions import Query
from pydantic import BaseModel, field_validator

# What the databases store in an integer column (PostgreSQL's bigint, SQLite's INTEGER).
INTEGER_MINIMUM = -(2**63)
INTEGER_MAXIMUM = 2**63 - 1


# Past any list Balai holds (fifty million rows at fifty a page), and it keeps the database's
# OFFSET within 64 bits.
LAST_PAGE = 1_000_000
PAGE_PARAMETER: Any = Query(1, ge=1, le=LAST_PAGE, description="The page, from 1.")


class Pagination(PageNumberPagination):
    """django-ninja's page numbers, bounded like every other page parameter."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=LAST_PAGE)
        page_size: int | None = Field(None, ge=1, le=LAST_PAGE)


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class JobStarted(Schema):
    """Answer to a request that starts long work."""

    job_id: uuid.UUID = Field(description="Follow it at /api/v1/jobs/{job_id}.")


class InputSchema(Schema):
    """The base of every API input: text and numbers a database cannot store are refused
    with a 422 naming the field, whatever the field (NUL bytes, which PostgreSQL refuses;
    unpaired surrogates, which no encoding can write; integers beyond 64 bits)."""

    @field_validator("*", mode="after")
    @classmethod
    def storable(cls, value: Any) -> Any:
        problem = unstorable(value)
        if problem:
            raise ValueError(problem)
        return value


def unstorable(value: Any) -> str | None:
    """Return why `value` (or any text or number inside it) cannot be stored, or None."""
    if isinstance(value, BaseModel):
        return None  # an InputSchema of its own has checked its fields
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, int) and not INTEGER_MINIMUM <= value <= INTEGER_MAXIMUM:
        return _("Must be between %(minimum)s and %(maximum)s.") % {
            "minimum": INTEGER_MINIMUM,
            "maximum": INTEGER_MAXIMUM,
        }
    if isinstance(value, dict):
        return next(filter(None, map(unstorable, [*value.keys(), *value.values()])), None)
    if isinstance(value, list | tuple | set | frozenset):
        return next(filter(None, map(unstorable, value)), None)
    return None


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return _("Contains a NUL character, which is not allowed.")
    if any("\ud800" <= character <= "\udfff" for character in text):
        return _("Contains an unpaired surrogate character, which is not allowed.")
    return None
