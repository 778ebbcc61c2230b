"""Placement's placements and local recruitment over the API: the same services and
selectors as the pages (/placements/ and /recruitment/).

No `from __future__ import annotations` here: django-ninja reads the query parameters of a
paginated list from its wrapper, where names as text would not resolve."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.catalogue.models import Programme
from balai.core.access import register_route_access, request_user, roles
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.placement.models import (
    MonthlyIncomeBand,
    Placement,
    PlacementChannel,
    PlacementKind,
    Recruitment,
)
from balai.placement.placement_selectors import placement_list, placement_list_filtered
from balai.placement.placements import placement_end, placement_report
from balai.placement.recruitment import recruitment_create, recruitment_select
from balai.placement.recruitment_selectors import (
    recruitment_candidates,
    recruitment_get,
    recruitment_list,
)
from balai.training.models import Enrolment

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)

STAFF_AND_GRADUATES = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
RECRUITERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR)
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class GraduatePlacementOut(Schema):
    """A graduate's placement (the graduate by name only: no NIK, no contact)."""

    id: int
    person_name: str
    kelurahan_code: str
    enrolment_id: int
    programme: str
    kind: PlacementKind
    channel: PlacementChannel
    employer_name: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    income_band: MonthlyIncomeBand
    has_evidence: bool
    recruitment_id: int | None

    @staticmethod
    def resolve_person_name(placement: Placement) -> str:
        return placement.person.full_name

    @staticmethod
    def resolve_kelurahan_code(placement: Placement) -> str:
        return placement.person.domicile_kelurahan_id

    @staticmethod
    def resolve_programme(placement: Placement) -> str:
        return placement.enrolment.training_class.programme.name

    @staticmethod
    def resolve_has_evidence(placement: Placement) -> bool:
        return bool(placement.evidence)


class GraduatePlacementIn(InputSchema):
    enrolment_id: int = Field(
        description="The graduate's completed training (staff: of their area; a graduate: "
        "their own). The graduate is known by it, never by NIK."
    )
    kind: PlacementKind
    employer_name: str = Field(min_length=1, max_length=150)
    starts_on: datetime.date = Field(
        description="Not before the training ended, at most 60 days from today."
    )
    income_band: MonthlyIncomeBand = MonthlyIncomeBand.NOT_ANSWERED
    note: str = Field("", max_length=500)


class GraduatePlacementEndIn(InputSchema):
    ends_on: datetime.date = Field(description="Not before the start, not in the future.")


class LocalRecruitmentOut(Schema):
    id: int
    title: str
    kind: Recruitment.Kind
    employer_name: str
    kelurahan_code: str
    openings: int
    chosen: int
    starts_on: datetime.date

    @staticmethod
    def resolve_kelurahan_code(recruitment: Recruitment) -> str:
        return recruitment.kelurahan_id

    @staticmethod
    def resolve_chosen(recruitment: Recruitment) -> int:
        return getattr(recruitment, "chosen", 0)


class LocalRecruitmentIn(InputSchema):
    title: str = Field(min_length=1, max_length=150)
    kind: Recruitment.Kind
    employer_name: str = Field(min_length=1, max_length=150)
    kelurahan_code: str = Field(max_length=13, description="A kelurahan of the caller's area.")
    openings: int = Field(ge=1, le=500)
    starts_on: datetime.date
    description: str = Field("", max_length=2000)


class RecruitmentCandidateOut(Schema):
    """A graduate of the caller's area proposed for a recruitment."""

    enrolment_id: int
    person_name: str
    kelurahan_code: str
    programme: str
    training_ended_on: datetime.date | None
    placed: bool = Field(description="Holds a placement that has not ended.")

    @staticmethod
    def resolve_enrolment_id(enrolment: Enrolment) -> int:
        return enrolment.pk

    @staticmethod
    def resolve_person_name(enrolment: Enrolment) -> str:
        return enrolment.person.full_name

    @staticmethod
    def resolve_kelurahan_code(enrolment: Enrolment) -> str:
        return enrolment.person.domicile_kelurahan_id

    @staticmethod
    def resolve_programme(enrolment: Enrolment) -> str:
        return enrolment.training_class.programme.name

    @staticmethod
    def resolve_training_ended_on(enrolment: Enrolment) -> datetime.date | None:
        return enrolment.left_on

    @staticmethod
    def resolve_placed(enrolment: Enrolment) -> bool:
        return bool(getattr(enrolment, "placed", False))


class RecruitmentSelectionIn(InputSchema):
    enrolment_ids: list[int] = Field(min_length=1, max_length=500)


class RecruitmentSelectionOut(Schema):
    placements: list[GraduatePlacementOut]


@router.get("", response=list[GraduatePlacementOut], url_name="placement_list")
@paginate(Pagination, page_size=50)
def placement_index(  # one parameter per filter of the page
    request: HttpRequest,
    kind: PlacementKind | None = None,
    channel: PlacementChannel | None = None,
    programme_id: int | None = None,
    kelurahan_code: str | None = None,
    starts_from: datetime.date | None = None,
    starts_until: datetime.date | None = None,
) -> QuerySet[Placement]:
    """Placements in the caller's area (a graduate: their own), newest start first; a
    kelurahan outside the area or an unknown programme matches nothing."""
    user = request_user(request)
    kelurahan = None
    if kelurahan_code:
        kelurahan = kelurahan_in_area(user).filter(code=kelurahan_code).first()
        if kelurahan is None:
            return Placement.objects.none()
    programme = None
    if programme_id is not None:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            return Placement.objects.none()
    return placement_list_filtered(
        user=user,
        kind=kind or "",
        channel=channel or "",
        programme=programme,
        kelurahan=kelurahan,
        starts_from=starts_from,
        starts_until=starts_until,
    )


@router.post("", response={201: GraduatePlacementOut, **WRITE_ERRORS}, url_name="placement_create")
def placement_create(request: HttpRequest, payload: GraduatePlacementIn) -> Status[Placement]:
    """Record a placement: staff for a graduate of their area, a graduate for themself."""
    placement = placement_report(
        enrolment_id=payload.enrolment_id,
        kind=payload.kind,
        employer_name=payload.employer_name,
        starts_on=payload.starts_on,
        income_band=payload.income_band,
        note=payload.note,
        by=request_user(request),
    )
    return Status(201, _reloaded(request, placement.pk))


@router.post(
    "/{int:placement_id}/end",
    response={200: GraduatePlacementOut, **WRITE_ERRORS},
    url_name="placement_end",
)
def placement_end_endpoint(
    request: HttpRequest, placement_id: int, payload: GraduatePlacementEndIn
) -> Placement:
    """Record that the graduate left the placement."""
    user = request_user(request)
    placement = scoped_get(placement_list(user=user), user, pk=placement_id)
    placement_end(placement=placement, ends_on=payload.ends_on, by=user)
    return _reloaded(request, placement.pk)


def _reloaded(request: HttpRequest, placement_id: int) -> Placement:
    user = request_user(request)
    return scoped_get(placement_list(user=user), user, pk=placement_id)


@router.get("/recruitments", response=list[LocalRecruitmentOut], url_name="recruitment_list")
@paginate(Pagination, page_size=50)
def recruitment_index(request: HttpRequest) -> QuerySet[Recruitment]:
    """Local recruitments in the caller's area, newest start first."""
    return recruitment_list(user=request_user(request))


@router.post(
    "/recruitments",
    response={201: LocalRecruitmentOut, **WRITE_ERRORS},
    url_name="recruitment_create",
)
def recruitment_create_endpoint(
    request: HttpRequest, payload: LocalRecruitmentIn
) -> Status[Recruitment]:
    """Open a local recruitment in a kelurahan of the caller's area."""
    user = request_user(request)
    kelurahan = kelurahan_in_area(user).filter(code=payload.kelurahan_code).first()
    if kelurahan is None:
        raise ApplicationError(
            _("Choose a kelurahan of your area."),
            code="kelurahan_outside_area",
            details={"field": "kelurahan_code"},
        )
    recruitment = recruitment_create(
        by=user,
        title=payload.title,
        kind=payload.kind,
        employer_name=payload.employer_name,
        kelurahan=kelurahan,
        openings=payload.openings,
        starts_on=payload.starts_on,
        description=payload.description,
    )
    return Status(201, recruitment_get(user=user, recruitment_id=recruitment.pk))


@router.get(
    "/recruitments/{int:recruitment_id}/candidates",
    response=list[RecruitmentCandidateOut],
    url_name="recruitment_candidates",
)
@paginate(Pagination, page_size=50)
def recruitment_candidate_index(
    request: HttpRequest, recruitment_id: int, programme_id: int | None = None
) -> QuerySet[Enrolment]:
    """Graduates of the caller's area not yet chosen, those of the recruitment's kelurahan
    first."""
    user = request_user(request)
    recruitment = recruitment_get(user=user, recruitment_id=recruitment_id)
    programme = None
    if programme_id is not None:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            return Enrolment.objects.none()
    return recruitment_candidates(recruitment=recruitment, user=user, programme=programme)


@router.post(
    "/recruitments/{int:recruitment_id}/select",
    response={200: RecruitmentSelectionOut, **WRITE_ERRORS},
    url_name="recruitment_select",
)
def recruitment_select_endpoint(
    request: HttpRequest, recruitment_id: int, payload: RecruitmentSelectionIn
) -> RecruitmentSelectionOut:
    """Choose graduates of the caller's area: all recorded as placed, or none."""
    user = request_user(request)
    recruitment = recruitment_get(user=user, recruitment_id=recruitment_id)
    placements = recruitment_select(
        recruitment=recruitment, enrolment_ids=payload.enrolment_ids, by=user
    )
    chosen = placement_list(user=user).filter(pk__in=[placement.pk for placement in placements])
    return RecruitmentSelectionOut.model_validate(
        {"placements": list(chosen.order_by("person__full_name", "pk"))}
    )


register_route_access(
    "api-v1",
    {
        "placement_list": STAFF_AND_GRADUATES,
        "placement_create": STAFF_AND_GRADUATES,
        "placement_end": STAFF_AND_GRADUATES,
        "recruitment_list": RECRUITERS,
        "recruitment_create": RECRUITERS,
        "recruitment_candidates": RECRUITERS,
        "recruitment_select": RECRUITERS,
    },
)
