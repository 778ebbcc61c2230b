from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from balai.catalogue.models import Programme
from balai.catalogue.selectors import programme_list
from balai.core.access import PUBLIC, register_route_access

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    code: str
    name: str
    description: str
    hours: int
    session_count: int
    class_size: int


@router.get("", response=list[ProgrammeOut], url_name="programme_list")
def programme_index(request: HttpRequest) -> QuerySet[Programme]:
    """The training programmes on offer."""
    return programme_list()


register_route_access("api-v1", {"programme_list": PUBLIC})
