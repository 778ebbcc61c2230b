"""A test API built like /api/v1 (BalaiApi), whose writes fail in the ways a real one might:
after the service wrote, while the answer is being built."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from ninja import Router, Schema, Status

from balai.api.base import BalaiApi
from balai.catalogue.models import Programme
from balai.catalogue.services import programme_upsert
from balai.core.access import PUBLIC, register_route_access
from balai.core.errors import NotFoundError
from config.urls import urlpatterns as real_urlpatterns

NAMESPACE = "api-transaction-test"
router = Router()


class ProgrammeCodeOut(Schema):
    code: str


def write_programme(code: str) -> Programme:
    return programme_upsert(
        code=code,
        name=code,
        description="",
        hours=80,
        session_count=20,
        class_size=20,
        minimum_class_size=10,
    )


@router.post("/written", response={201: ProgrammeCodeOut}, url_name="written")
def written(request: HttpRequest) -> Status[ProgrammeCodeOut]:
    programme = write_programme("written")
    return Status(201, ProgrammeCodeOut(code=programme.code))


@router.post("/answer-fails", response={201: ProgrammeCodeOut}, url_name="answer_fails")
def answer_fails(request: HttpRequest) -> Any:
    write_programme("answer-fails")
    # As the registration API's re-read once did: the write is done, the answer cannot be.
    return Programme.objects.get(code="no-such-programme")


@router.post("/answer-invalid", response={201: ProgrammeCodeOut}, url_name="answer_invalid")
def answer_invalid(request: HttpRequest) -> Any:
    write_programme("answer-invalid")
    return Status(201, {"code": None})  # the answer does not fit its schema


@router.post("/refused-after-write", response={201: ProgrammeCodeOut}, url_name="refused")
def refused_after_write(request: HttpRequest) -> Any:
    write_programme("refused")
    raise NotFoundError("The thing to attach it to is outside your area.")


test_api = BalaiApi(title="Transaction test", urls_namespace=NAMESPACE)
test_api.add_router("/", router)
register_route_access(
    NAMESPACE,
    {name: PUBLIC for name in ("written", "answer_fails", "answer_invalid", "refused")},
)

urlpatterns = [path("api/transaction-test/", test_api.urls), *real_urlpatterns]
