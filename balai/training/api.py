"""Training over the API: the instructor's roll call, the participant's check-in, own
attendance and certificate, and public verification (rate-limited). Same services as the
pages."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import RootModel

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema
from balai.core.access import PUBLIC, register_route_access, request_user, roles
from balai.core.errors import ApplicationError, NotFoundError
from balai.scheduling.models import ClassSession
from balai.training import selectors
from balai.training.attendance import check_in, roll_call_record
from balai.training.certificates.pdf import certificate_pdf_response
from balai.training.certificates.services import certificate_verify, public_keys
from balai.training.completion import training_of_user
from balai.training.models import AttendanceStatus
from balai.training.throttle import verification_limited

router = Router(tags=["training"], auth=SIGNED_IN_AUTH)


class Mark(InputSchema):
    enrolment_id: int = Field(description="A participant of the class, from its roster.")
    status: AttendanceStatus


class RollCallIn(InputSchema):
    marks: list[Mark]


class RollCallOut(Schema):
    recorded: int
    corrected: int


class RosterOut(Schema):
    enrolment_id: int
    name: str
    status: str | None


class CheckInIn(InputSchema):
    code: str = Field(description="The code from the QR shown in class (after /check-in/<id>/).")


class CheckInOut(Schema):
    status: str


class MySession(Schema):
    number: int
    date: datetime.date
    status: str | None


class MyClassOut(Schema):
    training_class: str
    attended: int
    expected: int
    needed: int
    complete: bool
    missing: list[str]
    certificate_number: str | None
    sessions: list[MySession]


class VerificationOut(Schema):
    valid: bool
    revoked: bool
    message: str
    number: str
    holder: str = Field(description="Partly masked.")
    programme: str
    starts_on: str
    ends_on: str


class SigningKeysOut(RootModel[dict[str, str]]):
    """Every signing key id, with its Ed25519 public key (base64url)."""


def _taught(request: HttpRequest, session_id: int) -> ClassSession:
    instructor = selectors.instructor_of_user(request_user(request))
    return get_object_or_404(ClassSession, pk=session_id, instructor=instructor)


@router.get(
    "/sessions/{int:session_id}/roster",
    response={200: list[RosterOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="training_roster",
)
def training_roster(request: HttpRequest, session_id: int) -> list[RosterOut]:
    """The participants expected at one of the caller's sessions, with what is recorded."""
    session = _taught(request, session_id)
    records = selectors.session_attendance(session=session)
    return [
        RosterOut(
            enrolment_id=enrolment.pk,
            name=enrolment.person.full_name,
            status=records[enrolment.pk].status if enrolment.pk in records else None,
        )
        for enrolment in selectors.class_roster(training_class=session.training_class)
        if enrolment.joined_on <= session.date
    ]


@router.post(
    "/sessions/{int:session_id}/roll-call",
    response={200: RollCallOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="training_roll_call",
)
def training_roll_call(request: HttpRequest, session_id: int, payload: RollCallIn) -> RollCallOut:
    """The whole roll call of a session in one request; corrections are audited."""
    session = get_object_or_404(ClassSession, pk=session_id)
    saved = roll_call_record(
        session=session,
        marks={mark.enrolment_id: mark.status for mark in payload.marks},
        by=request_user(request),
    )
    return RollCallOut(recorded=saved.recorded, corrected=saved.corrected)


@router.post(
    "/sessions/{int:session_id}/check-in",
    response={200: CheckInOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="training_check_in",
)
def training_check_in(request: HttpRequest, session_id: int, payload: CheckInIn) -> CheckInOut:
    session = get_object_or_404(ClassSession, pk=session_id)
    record = check_in(session=session, code=payload.code, user=request_user(request))
    return CheckInOut(status=record.status)


@router.get(
    "/mine",
    response={200: list[MyClassOut], 401: ErrorOut, 403: ErrorOut},
    url_name="training_mine",
)
def training_mine(request: HttpRequest) -> list[MyClassOut]:
    """The caller's classes: attendance, what completion still needs, certificate number."""
    return [
        MyClassOut(
            training_class=str(item.training_class),
            attended=item.completion.sessions_attended,
            expected=item.completion.sessions_expected,
            needed=item.completion.sessions_needed,
            complete=item.completion.complete,
            missing=item.completion.missing,
            certificate_number=item.certificate.number if item.certificate else None,
            sessions=[
                MySession(
                    number=session.number,
                    date=session.date,
                    status=record.status if record else None,
                )
                for session, record in item.sessions
            ],
        )
        for item in training_of_user(request_user(request))
    ]


@router.get(
    "/certificates/{number}/pdf",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="certificate_pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The certificate as a PDF file.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def certificate_pdf_endpoint(request: HttpRequest, number: str) -> HttpResponse:
    """The certificate's PDF: the holder's own (an admin: any)."""
    certificate = selectors.certificate_for(number=number, user=request_user(request))
    if certificate is None:
        raise NotFoundError(_("No certificate of yours has this number."))
    return certificate_pdf_response(certificate)


@router.get(
    "/certificates/{number}/verify",
    response={200: VerificationOut, 429: ErrorOut},
    url_name="certificate_verify",
    auth=None,
)
def certificate_verify_endpoint(
    request: HttpRequest, number: str, d: str | None = None
) -> VerificationOut:
    """Public: is certificate `number` valid? Give `d` (the signed payload from its QR code)
    to check that too. Rate-limited per address."""
    if verification_limited(request):
        error = ApplicationError(
            _("Too many look-ups from your address. Wait a minute and try again."),
            code="rate_limited",
        )
        error.status = 429
        raise error
    found = certificate_verify(number=number, signed=d)
    return VerificationOut(
        valid=found.valid,
        revoked=found.revoked,
        message=found.message,
        number=found.number,
        holder=found.holder,
        programme=found.programme,
        starts_on=found.starts_on,
        ends_on=found.ends_on,
    )


@router.get(
    "/certificates/keys", response={200: SigningKeysOut}, url_name="certificate_keys", auth=None
)
def certificate_keys(request: HttpRequest) -> SigningKeysOut:
    """Public: every signing key id and its Ed25519 public key (base64url), for verifying
    certificates offline."""
    return SigningKeysOut(public_keys())


register_route_access(
    "api-v1",
    {
        "training_roster": roles(Role.INSTRUCTOR),
        "training_roll_call": roles(Role.INSTRUCTOR),
        "training_check_in": roles(Role.PARTICIPANT),
        "training_mine": roles(Role.PARTICIPANT),
        "certificate_pdf": roles(Role.PARTICIPANT, Role.ADMIN),
        "certificate_verify": PUBLIC,
        "certificate_keys": PUBLIC,
    },
)
