"""Who belongs to which business group now: the one rule that scoping and every group page
follow."""

from __future__ import annotations

from django.db.models import Case, QuerySet, Value, When

from balai.accounts.models import User
from balai.enterprise.models import BusinessGroup, GroupMembership, GroupRole
from balai.registry.models import Person

ROLE_ORDER = Case(
    When(role=GroupRole.LEADER, then=Value(0)),
    When(role=GroupRole.TREASURER, then=Value(1)),
    default=Value(2),
)


def groups_acted_for(user: User) -> QuerySet[GroupMembership, int]:
    """The group `user` is a current member of (as a subquery of ids). Members answer for
    each other's loans (joint liability), so each sees the group's loans and repayments."""
    return GroupMembership.objects.filter(person__user=user, left_on__isnull=True).values_list(
        "group_id", flat=True
    )


def current_memberships(group: BusinessGroup) -> QuerySet[GroupMembership]:
    """The group's current members, leader first, then treasurer, then by joining."""
    return (
        GroupMembership.objects.filter(group=group, left_on__isnull=True)
        .select_related("person")
        .order_by(ROLE_ORDER, "joined_on", "pk")
    )


def current_membership_of(person: Person) -> GroupMembership | None:
    """`person`'s current membership (with its group), or None."""
    return (
        GroupMembership.objects.select_related("group")
        .filter(person=person, left_on__isnull=True)
        .first()
    )


def holds_role(user: User, group: BusinessGroup, *roles: GroupRole) -> bool:
    """Whether `user` is now one of the group's `roles` (its leader, its treasurer)."""
    return GroupMembership.objects.filter(
        group=group, person__user=user, left_on__isnull=True, role__in=roles
    ).exists()
