"""Applications over the API: the same Submission, service and messages as the forms."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import PAGE_PARAMETER, ErrorOut, InputSchema
from balai.core.access import PUBLIC, STAFF, register_route_access, request_user, roles
from balai.core.errors import ApplicationError, NotFoundError
from balai.intake.models import Application, Channel
from balai.intake.rules import priority_text, reason_text
from balai.intake.selectors import application_list, batch_open_list, offering_list
from balai.intake.services import Submission, application_submit, application_submit_self
from balai.intake.throttles import registration_throttle
from balai.regions.selectors import kelurahan_list
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Sex
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.services import PersonData

router = Router(tags=["applications"])


class ApplicationIn(InputSchema):
    idempotency_key: str = Field(
        min_length=16,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "A new random value per application (at least 16 characters). Sending the same "
            "key with the same body again is safe and answers the first outcome; the same key "
            "with another body is refused (422, idempotency_key_reused)."
        ),
    )
    batch_code: str = Field(max_length=50)
    nik: str = Field(max_length=40)
    kk_number: str = Field("", max_length=40)
    full_name: str = Field(min_length=1, max_length=150)
    birth_date: datetime.date
    sex: Sex
    phone: str = Field(max_length=30)
    email: str = Field("", max_length=254)
    address: str = Field(max_length=250)
    domicile_kelurahan_code: str = Field(max_length=20)
    # Left out ("" for a choice, null for yes/no) means not answered: no priority points.
    education: Education = Education.NOT_ANSWERED
    employment_status: EmploymentStatus = EmploymentStatus.NOT_ANSWERED
    income_band: IncomeBand = IncomeBand.NOT_ANSWERED
    has_disability: bool | None = None
    is_household_head: bool | None = None
    interests: dict[str, str] = Field(default_factory=dict, max_length=20)
    choices: list[int] = Field(max_length=10, description="Offering ids, best first.")
    consent: bool


class VerdictOut(Schema):
    rule: str
    passed: bool
    message: str


class ChoiceOut(Schema):
    rank: int
    offering_id: int
    programme: str
    kelurahan_code: str


class ApplicationOut(Schema):
    public_id: uuid.UUID
    batch_code: str
    status: str
    status_label: str
    eligibility: list[VerdictOut]
    priority_points: int
    priority: list[str]
    choices: list[ChoiceOut]
    nik_masked: str
    api_token: str | None = Field(None, description="Only for a new self-registered account.")
    warnings: list[str] = Field(
        default_factory=list,
        description="What was accepted but is worth a second look (a NIK's unknown region code).",
    )


def application_out(
    application: Application, api_token: str | None = None, warnings: list[str] | None = None
) -> ApplicationOut:
    return ApplicationOut(
        public_id=application.public_id,
        batch_code=application.batch.code,
        status=application.status,
        status_label=str(application.get_status_display()),
        eligibility=[
            VerdictOut(rule=reason["rule"], passed=reason["passed"], message=reason_text(reason))
            for reason in application.eligibility_reasons
        ],
        priority_points=application.priority_points,
        priority=[priority_text(reason) for reason in application.priority_reasons],
        choices=[
            ChoiceOut(
                rank=choice.rank,
                offering_id=choice.offering_id,
                programme=choice.offering.programme.name,
                kelurahan_code=choice.offering.kelurahan_id,
            )
            for choice in application.choices.all()
        ],
        nik_masked=application.person.nik_masked,
        api_token=api_token,
        warnings=warnings or [],
    )


def submission_from(payload: ApplicationIn, user: User | None) -> Submission:
    batch = batch_open_list().filter(code=payload.batch_code).first()
    if batch is None:
        raise NotFoundError(_("No batch with this code is open for registration."))
    # Whether an operator may register a resident of this kelurahan, the service decides.
    places = kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE)
    kelurahan = places.filter(code=payload.domicile_kelurahan_code).first()
    if kelurahan is None:
        message = _("Unknown kelurahan code.")
        raise ApplicationError(
            message, code="kelurahan_unknown", details={"domicile_kelurahan_code": [message]}
        )
    offerings = {
        offering.pk: offering
        for offering in offering_list(batch=batch).filter(pk__in=payload.choices)
    }
    if len(offerings) != len(set(payload.choices)):
        message = _("A chosen programme is not offered in this batch.")
        raise ApplicationError(message, code="choice_other_batch", details={"choices": [message]})
    person = PersonData(
        nik=payload.nik,
        kk_number=payload.kk_number,
        full_name=payload.full_name,
        birth_date=payload.birth_date,
        sex=payload.sex,
        phone=payload.phone,
        email=payload.email,
        address=payload.address,
        domicile_kelurahan=kelurahan,
        education=payload.education,
        employment_status=payload.employment_status,
        income_band=payload.income_band,
        has_disability=payload.has_disability,
        is_household_head=payload.is_household_head,
    )
    return Submission(
        batch=batch,
        person=person,
        choices=[offerings[pk] for pk in payload.choices],
        interests=payload.interests,
        consent_given=payload.consent,
        channel=Channel.ASSISTED if user is not None and user.role in STAFF.roles else Channel.API,
        idempotency_key=payload.idempotency_key,
        submitted_by=user,
    )


@router.post(
    "",
    response={
        201: ApplicationOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    url_name="application_create",
    auth=None,
)
def application_create(request: HttpRequest, payload: ApplicationIn) -> Status[ApplicationOut]:
    """Apply: a resident for themselves (an account and API token come back), or a
    kecamatan/kelurahan operator for a resident of their area."""
    user = request.user if isinstance(request.user, User) else None
    if user is not None and user.role in STAFF.roles:
        application = application_submit(submission=submission_from(payload, user))
        return Status(201, application_out(_reloaded(application), warnings=_warnings(payload)))
    registration_throttle(request)
    registration = application_submit_self(submission=submission_from(payload, user))
    token = None
    if registration.new_account is not None:
        # Only for an account this very request created: data typed into a request never
        # hands out a token for an account that existed before, nor to a replay (an API
        # client chooses its own keys, so a replay proves less than the form's signed key).
        _api_token, token = api_token_create(
            user=registration.new_account, label="registration", ends_at_sign_out=True
        )
    return Status(
        201,
        application_out(
            _reloaded(registration.application), api_token=token, warnings=_warnings(payload)
        ),
    )


def _warnings(payload: ApplicationIn) -> list[str]:
    """What the NIK's checks noted without refusing it (it passed them: it was saved)."""
    try:
        nik = nik_normalise(payload.nik)
        return nik_check(nik=nik, birth_date=payload.birth_date, sex=payload.sex).warnings
    except ApplicationError:
        return []  # a record registered before the checks it now fails: nothing to add


def _reloaded(application: Application) -> Application:
    return application_list(user=_owner_or_staff(application)).get(pk=application.pk)


def _owner_or_staff(application: Application) -> Any:
    return application.person.user or application.submitted_by


@router.get(
    "/mine",
    response={200: list[ApplicationOut], 401: ErrorOut},
    url_name="my_applications",
    auth=SIGNED_IN_AUTH,
)
def my_applications(request: HttpRequest) -> list[ApplicationOut]:
    """The caller's own applications, with every rule's verdict in words."""
    user = request_user(request)
    return [application_out(item) for item in application_list(user=user).filter(person__user=user)]


class ApplicationPage(Schema):
    items: list[ApplicationOut]
    count: int


PAGE_SIZE = 50


@router.get(
    "/area",
    response={200: ApplicationPage, 401: ErrorOut, 403: ErrorOut},
    url_name="area_applications",
    auth=SIGNED_IN_AUTH,
)
def area_applications(request: HttpRequest, page: int = PAGE_PARAMETER) -> ApplicationPage:
    """Applications of residents in the caller's area (operators and admins), newest
    first, 50 a page."""
    applications = application_list(user=request_user(request)).order_by("-created_at")
    start = (max(page, 1) - 1) * PAGE_SIZE
    return ApplicationPage(
        items=[application_out(item) for item in applications[start : start + PAGE_SIZE]],
        count=applications.count(),
    )


register_route_access(
    "api-v1",
    {
        "application_create": PUBLIC,
        "my_applications": roles(Role.PARTICIPANT),
        "area_applications": STAFF,
    },
)
