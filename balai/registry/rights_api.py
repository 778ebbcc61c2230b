"""/api/v1/persons/me/…: a resident's own data and correction requests, as on their pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import BaseModel, ConfigDict

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import register_route_access, request_user, roles
from balai.core.errors import NotFoundError
from balai.registry.correction_selectors import corrections_of_user
from balai.registry.corrections import correction_request
from balai.registry.data_subject import personal_data_export
from balai.registry.models import CorrectionField, CorrectionRequest, CorrectionStatus
from balai.registry.selectors import person_of_user

router = Router(tags=["own data"], auth=SIGNED_IN_AUTH)


def _no_record() -> NotFoundError:
    return NotFoundError(_("Your account has no resident record yet."))


class PersonalDataOut(BaseModel):
    """The download's format and time, then one list of entries for each section of the
    record (person, consents, applications, offers, classes, certificates, messages,
    corrections): each app declares its own, so the sections are not listed here. A plain
    pydantic model: ninja's Schema reads only the fields it names, and would drop them."""

    model_config = ConfigDict(extra="allow")

    format: str
    made_at: str


@router.get(
    "/data", response={200: PersonalDataOut, 401: ErrorOut, 404: ErrorOut}, url_name="own_data"
)
def own_data(request: HttpRequest) -> dict[str, Any]:
    """Everything Balai keeps about the caller, as the JSON download holds it (NIK whole;
    each call is recorded in the audit log)."""
    data = personal_data_export(user=request_user(request))
    if data is None:
        raise _no_record()
    return data.as_json()


class CorrectionIn(Schema):
    field: CorrectionField
    new_value: str
    reason: str


class CorrectionOut(Schema):
    id: int
    field: CorrectionField
    old_value: str
    new_value: str
    reason: str
    status: CorrectionStatus
    asked_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_reason: str

    @staticmethod
    def resolve_asked_at(correction: CorrectionRequest) -> datetime.datetime:
        return correction.created_at


@router.get(
    "/corrections",
    response={200: list[CorrectionOut], 401: ErrorOut},
    url_name="own_corrections",
)
def own_corrections(request: HttpRequest) -> list[CorrectionRequest]:
    """The caller's correction requests, the newest first, with the kelurahan's answers."""
    return list(corrections_of_user(user=request_user(request)))


@router.post(
    "/corrections",
    response={201: CorrectionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def own_correction_create(request: HttpRequest, payload: CorrectionIn) -> Status[CorrectionRequest]:
    """Ask to correct one field of the caller's record; nothing changes until an operator of
    their kelurahan approves. The NIK is corrected only at the kelurahan office."""
    user = request_user(request)
    person = person_of_user(user=user)
    if person is None:
        raise _no_record()
    correction = correction_request(
        person=person,
        field=payload.field,
        new_value=payload.new_value,
        reason=payload.reason,
        requested_by=user,
    )
    return Status(201, correction)


RESIDENT = roles(Role.PARTICIPANT)
register_route_access(
    "api-v1",
    {"own_data": RESIDENT, "own_corrections": RESIDENT, "own_correction_create": RESIDENT},
)
