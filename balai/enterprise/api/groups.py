"""Enterprise's groups over the API: the same services and selectors as the pages.

People are named by their public id (a UUID), never by NIK. No `from __future__ import
annotations` here: django-ninja reads the query parameters of a paginated list from its
wrapper, where names as text would not resolve."""

import datetime
import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, Pagination
from balai.core.access import STAFF, register_route_access, request_user, roles
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area
from balai.enterprise.group_selectors import (
    group_get,
    group_list,
    group_member_person,
    group_members,
    resident_get,
)
from balai.enterprise.group_suggestions import Candidate, Suggestion, group_suggestion_list
from balai.enterprise.groups import (
    business_interest_declare,
    group_create,
    group_member_add,
    group_member_remove,
    group_member_role_change,
)
from balai.enterprise.models import (
    BusinessGroup,
    BusinessInterest,
    BusinessType,
    GroupMembership,
    GroupRole,
    GroupStatus,
)

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

STAFF_AND_PARTICIPANTS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class BusinessGroupOut(Schema):
    id: int
    name: str
    business_type: BusinessType
    status: GroupStatus
    kelurahan_code: str
    member_count: int

    @staticmethod
    def resolve_kelurahan_code(group: BusinessGroup) -> str:
        return group.kelurahan_id

    @staticmethod
    def resolve_member_count(group: BusinessGroup) -> int:
        return getattr(group, "member_count", 0)


class BusinessGroupMemberOut(Schema):
    """A current member (by name and public id: no NIK, no contact)."""

    person_id: uuid.UUID
    name: str
    role: GroupRole
    joined_on: datetime.date

    @staticmethod
    def resolve_person_id(membership: GroupMembership) -> uuid.UUID:
        return membership.person.public_id

    @staticmethod
    def resolve_name(membership: GroupMembership) -> str:
        return membership.person.full_name


class BusinessGroupDetailOut(BusinessGroupOut):
    business_plan: str
    members: list[BusinessGroupMemberOut]

    @staticmethod
    def resolve_members(group: BusinessGroup) -> list[GroupMembership]:
        return group_members(group=group)


class BusinessGroupIn(InputSchema):
    name: str = Field(min_length=1, max_length=150)
    business_type: BusinessType
    business_plan: str = Field("", max_length=5000)
    kelurahan_code: str | None = Field(
        None,
        max_length=13,
        description="Staff: a kelurahan of their area. A participant founds the group where "
        "they live and becomes its leader (leave it out).",
    )


class BusinessGroupMemberIn(InputSchema):
    person_id: uuid.UUID = Field(description="A resident of the caller's area, by public id.")
    role: GroupRole = GroupRole.MEMBER


class BusinessGroupRoleIn(InputSchema):
    role: GroupRole


class BusinessInterestIn(InputSchema):
    business_type: BusinessType
    wants_group: bool = True
    note: str = Field("", max_length=300)
    person_id: uuid.UUID | None = Field(
        None, description="Staff: the resident of their area. A participant: leave it out."
    )


class BusinessInterestOut(Schema):
    business_type: BusinessType
    wants_group: bool
    note: str


class GroupSuggestionMemberOut(Schema):
    person_id: uuid.UUID
    name: str
    kelurahan_code: str
    business_type: BusinessType
    is_graduate: bool

    @staticmethod
    def resolve_person_id(candidate: Candidate) -> str:
        return candidate.public_id


class GroupSuggestionOut(Schema):
    kelurahan_code: str
    business_type: BusinessType
    same_kelurahan: bool
    members: list[GroupSuggestionMemberOut]


@router.get("", response=list[BusinessGroupOut], url_name="group_list")
@paginate(Pagination, page_size=50)
def group_index(request: HttpRequest) -> QuerySet[BusinessGroup]:
    """Groups in the caller's area (a participant: their own), by name."""
    return group_list(user=request_user(request))


@router.post("", response={201: BusinessGroupDetailOut, **WRITE_ERRORS}, url_name="group_create")
def group_create_endpoint(request: HttpRequest, payload: BusinessGroupIn) -> Status[BusinessGroup]:
    """Found a group: staff in a kelurahan of their area; a participant becomes its leader."""
    user = request_user(request)
    kelurahan = None
    if user.role != Role.PARTICIPANT:
        kelurahan = kelurahan_in_area(user).filter(code=payload.kelurahan_code or "").first()
        if kelurahan is None:
            raise ApplicationError(
                _("Choose a kelurahan of your area."),
                code="kelurahan_outside_area",
                details={"field": "kelurahan_code"},
            )
    group = group_create(
        name=payload.name,
        business_type=payload.business_type,
        business_plan=payload.business_plan,
        kelurahan=kelurahan,
        by=user,
    )
    return Status(201, _detail(request, group.pk))


@router.get(
    "/suggestions",
    response={200: list[GroupSuggestionOut], 401: ErrorOut, 403: ErrorOut},
    url_name="group_suggestions",
)
def group_suggestion_index(request: HttpRequest) -> list[Suggestion]:
    """Groups suggested from the residents of the caller's area who want one."""
    return group_suggestion_list(user=request_user(request))


@router.post(
    "/interest", response={200: BusinessInterestOut, **WRITE_ERRORS}, url_name="business_interest"
)
def business_interest_endpoint(
    request: HttpRequest, payload: BusinessInterestIn
) -> BusinessInterest:
    """Declare a business interest: a participant their own, staff a resident's."""
    user = request_user(request)
    person = None
    if user.role != Role.PARTICIPANT:
        if payload.person_id is None:
            raise ApplicationError(
                _("Choose the resident."), code="person_missing", details={"field": "person_id"}
            )
        person = resident_get(user=user, public_id=payload.person_id)
    return business_interest_declare(
        by=user,
        person=person,
        business_type=payload.business_type,
        wants_group=payload.wants_group,
        note=payload.note,
    )


@router.get(
    "/{int:group_id}",
    response={200: BusinessGroupDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="group_detail",
)
def group_detail_endpoint(request: HttpRequest, group_id: int) -> BusinessGroup:
    """A group with its current members and their roles."""
    return _detail(request, group_id)


@router.post(
    "/{int:group_id}/members",
    response={200: BusinessGroupDetailOut, **WRITE_ERRORS},
    url_name="group_member_add",
)
def group_member_add_endpoint(
    request: HttpRequest, group_id: int, payload: BusinessGroupMemberIn
) -> BusinessGroup:
    """Add a resident of the caller's area to the group (staff)."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    person = resident_get(user=user, public_id=payload.person_id)
    group_member_add(group=group, person=person, role=payload.role, by=user)
    return _detail(request, group_id)


@router.post(
    "/{int:group_id}/members/{person_id}/remove",
    response={200: BusinessGroupDetailOut, **WRITE_ERRORS},
    url_name="group_member_remove",
)
def group_member_remove_endpoint(
    request: HttpRequest, group_id: int, person_id: uuid.UUID
) -> BusinessGroup:
    """End a member's membership today (refused while they repay a loan of the group)."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    person = group_member_person(group=group, public_id=person_id)
    group_member_remove(group=group, person=person, by=user)
    return _detail(request, group_id)


@router.post(
    "/{int:group_id}/members/{person_id}/role",
    response={200: BusinessGroupDetailOut, **WRITE_ERRORS},
    url_name="group_member_role",
)
def group_member_role_endpoint(
    request: HttpRequest, group_id: int, person_id: uuid.UUID, payload: BusinessGroupRoleIn
) -> BusinessGroup:
    """Give a member a new role; a leader or treasurer replaced takes their former role."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    person = group_member_person(group=group, public_id=person_id)
    group_member_role_change(group=group, person=person, role=payload.role, by=user)
    return _detail(request, group_id)


def _detail(request: HttpRequest, group_id: int) -> BusinessGroup:
    return group_get(user=request_user(request), group_id=group_id)


register_route_access(
    "api-v1",
    {
        "group_list": STAFF_AND_PARTICIPANTS,
        "group_create": STAFF_AND_PARTICIPANTS,
        "group_detail": STAFF_AND_PARTICIPANTS,
        "group_member_add": STAFF,
        "group_member_remove": STAFF_AND_PARTICIPANTS,
        "group_member_role": STAFF_AND_PARTICIPANTS,
        "group_suggestions": STAFF,
        "business_interest": STAFF_AND_PARTICIPANTS,
    },
)
