"""Business groups: founding one, its members and their roles, dissolving it.

Who may change a group: staff of the group's area (admin, kecamatan and kelurahan
operators), and its leader for everything but adding members and dissolving. Members are
added by staff only, from the residents of their area: a leader would otherwise be shown the
names of residents that the area scope keeps from participants. A resident who wants a group
declares a business interest (see `business_interest_declare`) and appears in the
suggestions staff see.

A group is FORMING until it has `BUSINESS_GROUP_MIN_MEMBERS` current members with a leader
and a treasurer, then ACTIVE; it falls back to FORMING when a change leaves it short. Every
membership change locks the group's row first, so two changes at once are counted in turn.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.scoping import kelurahan_in_area, scope_to_user
from balai.enterprise.membership import current_membership_of
from balai.enterprise.models import (
    BusinessGroup,
    BusinessInterest,
    BusinessType,
    GroupMembership,
    GroupRole,
    GroupStatus,
    Loan,
    LoanStatus,
)
from balai.regions.models import Kelurahan
from balai.registry.models import Person

GROUP_AUDIT_POLICY = AuditPolicy(
    fields=["name", "business_type", "business_plan", "kelurahan_id", "status"]
)
MEMBERSHIP_AUDIT_POLICY = AuditPolicy(
    fields=["group_id", "person_id", "role", "joined_on", "left_on"]
)
INTEREST_AUDIT_POLICY = AuditPolicy(fields=["person_id", "business_type", "wants_group", "note"])
STAFF_ROLES = frozenset({Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR})
SINGLE_ROLES = (GroupRole.LEADER, GroupRole.TREASURER)


@transaction.atomic
def group_create(
    *,
    name: str,
    business_type: str,
    business_plan: str,
    by: User,
    kelurahan: Kelurahan | None = None,
    members: Sequence[Person] = (),
) -> BusinessGroup:
    """Found a group. Staff found it in a kelurahan of their area, with `members` of their
    area if given (the first its leader, the second its treasurer); a participant founds it
    in their own kelurahan and becomes its leader."""
    name = name.strip()
    if not name:
        raise ApplicationError(
            _("Give the group a name."), code="group_name_missing", details={"field": "name"}
        )
    kind = _business_type(business_type)
    if by.role == Role.PARTICIPANT:
        founder = _own_person(by)
        kelurahan, members = founder.domicile_kelurahan, [founder]
    elif by.role in STAFF_ROLES:
        if kelurahan is None or not kelurahan_in_area(by).filter(pk=kelurahan.pk).exists():
            raise ApplicationError(
                _("Choose a kelurahan of your area."),
                code="kelurahan_outside_area",
                details={"field": "kelurahan"},
            )
    else:
        raise PermissionDeniedError(_("Your role may not found a business group."))
    group = BusinessGroup(
        name=name,
        business_type=kind,
        business_plan=business_plan.strip(),
        kelurahan=kelurahan,
        created_by=by,
    )
    group.full_clean()
    group.save()
    audit_record_created(target=group, policy=GROUP_AUDIT_POLICY)
    _members_add_founding(group=group, people=members, by=by)
    return group


def _members_add_founding(*, group: BusinessGroup, people: Sequence[Person], by: User) -> None:
    _size_check(group=group, adding=len(people))
    roles = [*SINGLE_ROLES, *[GroupRole.MEMBER] * max(0, len(people) - 2)]
    for person, role in zip(people, roles, strict=False):
        if by.role != Role.PARTICIPANT:
            _visible_person(person=person, by=by)
        _membership_start(group=group, person=person, role=role, by=by)
    _status_refresh(group)


@transaction.atomic
def group_member_add(
    *, group: BusinessGroup, person: Person, by: User, role: str = GroupRole.MEMBER
) -> GroupMembership:
    """Add `person` (a resident of the staff member's area) to `group` in `role`."""
    group = _locked_for(group=group, by=by, staff_only=True)
    _open_check(group)
    _visible_person(person=person, by=by)
    member_role = _role(role)
    _size_check(group=group, adding=1)
    if member_role in SINGLE_ROLES and _holder(group, member_role) is not None:
        raise ApplicationError(
            _("The group already has a %(role)s: change their role first.")
            % {"role": member_role.label.lower()},
            code="group_role_taken",
            details={"field": "role"},
        )
    membership = _membership_start(group=group, person=person, role=member_role, by=by)
    _status_refresh(group)
    return membership


@transaction.atomic
def group_member_remove(*, group: BusinessGroup, person: Person, by: User) -> GroupMembership:
    """End `person`'s membership of `group` today; refused while they repay a loan."""
    group = _locked_for(group=group, by=by)
    membership = _current(group=group, person=person)
    if Loan.objects.filter(borrower=person, group=group, status=LoanStatus.ACTIVE).exists():
        raise ApplicationError(
            _(
                "%(name)s is still repaying a loan of this group: they can leave once it is "
                "repaid or written off."
            )
            % {"name": person.full_name},
            code="group_member_has_active_loan",
        )
    _membership_end(membership)
    _status_refresh(group)
    return membership


@transaction.atomic
def group_member_role_change(
    *, group: BusinessGroup, person: Person, role: str, by: User
) -> GroupMembership:
    """Give `person` a new role in `group`. Their row ends and a new one starts, so the
    history keeps both; a leader or treasurer replaced takes `person`'s former role."""
    group = _locked_for(group=group, by=by)
    membership = _current(group=group, person=person)
    new_role = _role(role)
    if membership.role == new_role:
        return membership
    holder = _holder(group, new_role) if new_role in SINGLE_ROLES else None
    # Both rows end before either new one starts: one leader and one treasurer at a time.
    _membership_end(membership)
    if holder is not None:
        _membership_end(holder)
    started = _membership_start(
        group=group, person=person, role=new_role, by=by, enrolment_id=membership.enrolment_id
    )
    if holder is not None:
        _membership_start(
            group=group,
            person=holder.person,
            role=GroupRole(membership.role),
            by=by,
            enrolment_id=holder.enrolment_id,
        )
    _status_refresh(group)
    return started


@transaction.atomic
def group_dissolve(*, group: BusinessGroup, reason: str, by: User) -> BusinessGroup:
    """Dissolve `group`: every current membership ends today; refused while a member
    repays a loan of the group."""
    group = _locked_for(group=group, by=by, staff_only=True)
    _open_check(group)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Say why the group is dissolved."),
            code="group_dissolve_reason_missing",
            details={"field": "reason"},
        )
    if Loan.objects.filter(group=group, status=LoanStatus.ACTIVE).exists():
        raise ApplicationError(
            _("Members of this group are still repaying loans: it cannot be dissolved yet."),
            code="group_has_active_loans",
        )
    for membership in GroupMembership.objects.filter(group=group, left_on__isnull=True):
        _membership_end(membership)
    model_update(
        instance=group,
        fields={"status": GroupStatus.DISSOLVED},
        policy=GROUP_AUDIT_POLICY,
        reason=reason,
    )
    return group


@transaction.atomic
def business_interest_declare(
    *, by: User, business_type: str, wants_group: bool, note: str = "", person: Person | None = None
) -> BusinessInterest:
    """Record what business a person wants to start and whether they want a group: a
    participant their own, staff for a resident of their area (`person`)."""
    if by.role == Role.PARTICIPANT:
        person = _own_person(by)
    elif by.role in STAFF_ROLES and person is not None:
        _visible_person(person=person, by=by)
    else:
        raise PermissionDeniedError(_("Your role may not record a business interest."))
    fields = {
        "business_type": _business_type(business_type),
        "wants_group": wants_group,
        "note": note.strip()[:300],
    }
    interest = BusinessInterest.objects.select_for_update().filter(person=person).first()
    if interest is None:
        interest = BusinessInterest(person=person, **fields)
        interest.full_clean()
        interest.save()
        audit_record_created(target=interest, policy=INTEREST_AUDIT_POLICY)
    else:
        model_update(instance=interest, fields=fields, policy=INTEREST_AUDIT_POLICY)
    return interest


def _locked_for(*, group: BusinessGroup, by: User, staff_only: bool = False) -> BusinessGroup:
    """Return `group`'s row locked, if `by` may change it (staff of its area, or its
    leader unless `staff_only`); otherwise not found, or refused to a member."""
    groups = BusinessGroup.objects.select_for_update(of=("self",)).select_related("kelurahan")
    locked = scope_to_user(groups, by).filter(pk=group.pk).first()
    if locked is None:
        raise NotFoundError(_("Not found, or outside your area."))
    if by.role in STAFF_ROLES:
        return locked
    leads = GroupMembership.objects.filter(
        group=locked, person__user=by, role=GroupRole.LEADER, left_on__isnull=True
    ).exists()
    if staff_only or not leads:
        raise PermissionDeniedError(
            _("Only the group's leader or an operator of its area may do this.")
            if not staff_only
            else _("Only an operator of the group's area may do this.")
        )
    return locked


def _open_check(group: BusinessGroup) -> None:
    if group.status == GroupStatus.DISSOLVED:
        raise ApplicationError(_("This group has been dissolved."), code="group_dissolved")


def _size_check(*, group: BusinessGroup, adding: int) -> None:
    maximum = settings.BUSINESS_GROUP_MAX_MEMBERS
    current = GroupMembership.objects.filter(group=group, left_on__isnull=True).count()
    if current + adding > maximum:
        raise ApplicationError(
            _("A group has at most %(maximum)s members: this one would have %(count)s.")
            % {"maximum": maximum, "count": current + adding},
            code="group_full",
        )


def _visible_person(*, person: Person, by: User) -> None:
    if not scope_to_user(Person.objects.filter(pk=person.pk), by).exists():
        raise NotFoundError(_("No resident found, or outside your area."), code="person_unknown")


def _own_person(user: User) -> Person:
    person = Person.objects.filter(user=user).select_related("domicile_kelurahan").first()
    if person is None or person.domicile_kelurahan is None:
        raise ApplicationError(
            _("Complete your registration first: we need to know where you live."),
            code="person_unregistered",
        )
    return person


def _current(*, group: BusinessGroup, person: Person) -> GroupMembership:
    membership = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, person=person, left_on__isnull=True)
        .first()
    )
    if membership is None:
        raise ApplicationError(
            _("%(name)s is not a member of this group.") % {"name": person.full_name},
            code="group_member_unknown",
            details={"field": "person"},
        )
    return membership


def _holder(group: BusinessGroup, role: GroupRole) -> GroupMembership | None:
    return (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("person")
        .filter(group=group, role=role, left_on__isnull=True)
        .first()
    )


def _membership_start(
    *,
    group: BusinessGroup,
    person: Person,
    role: GroupRole,
    by: User,
    enrolment_id: int | None = None,
) -> GroupMembership:
    elsewhere = current_membership_of(person)
    if elsewhere is not None:
        raise ApplicationError(
            _("%(name)s is already a member of the group %(group)s: one group at a time.")
            % {"name": person.full_name, "group": elsewhere.group.name},
            code="person_in_another_group",
            details={"field": "person"},
        )
    membership = GroupMembership(
        group=group,
        person=person,
        role=role,
        enrolment_id=enrolment_id,
        joined_on=timezone.localdate(),
        recorded_by=by,
    )
    try:
        with transaction.atomic():  # a savepoint: a clash with a concurrent join is refused
            membership.save()
    except IntegrityError:
        raise ApplicationError(
            _("%(name)s has just joined another group: one group at a time.")
            % {"name": person.full_name},
            code="person_in_another_group",
            details={"field": "person"},
        ) from None
    audit_record_created(target=membership, policy=MEMBERSHIP_AUDIT_POLICY)
    return membership


def _membership_end(membership: GroupMembership) -> None:
    model_update(
        instance=membership,
        fields={"left_on": timezone.localdate()},
        policy=MEMBERSHIP_AUDIT_POLICY,
    )


def _status_refresh(group: BusinessGroup) -> None:
    """ACTIVE with enough members, a leader and a treasurer; FORMING otherwise."""
    current = GroupMembership.objects.filter(group=group, left_on__isnull=True)
    roles = set(current.values_list("role", flat=True))
    complete = current.count() >= settings.BUSINESS_GROUP_MIN_MEMBERS and set(SINGLE_ROLES) <= roles
    status = GroupStatus.ACTIVE if complete else GroupStatus.FORMING
    if group.status != status:
        model_update(instance=group, fields={"status": status}, policy=GROUP_AUDIT_POLICY)


def _business_type(value: str) -> BusinessType:
    if value not in BusinessType.values:
        raise ApplicationError(
            _("Choose one of the options given."),
            code="invalid_choice",
            details={"field": "business_type"},
        )
    return BusinessType(value)


def _role(value: str) -> GroupRole:
    if value not in GroupRole.values:
        raise ApplicationError(
            _("Choose one of the options given."), code="invalid_choice", details={"field": "role"}
        )
    return GroupRole(value)
