"""Reads of business groups: the list a user may see, one group with its members and
history, a participant's own group, and the residents staff may add."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user, scoped_get
from balai.enterprise.membership import current_memberships
from balai.enterprise.models import BusinessGroup, BusinessInterest, GroupMembership, GroupRole
from balai.registry.models import Person
from balai.registry.search import person_search


def group_list(*, user: object) -> QuerySet[BusinessGroup]:
    """Return the groups `user` may see (staff: of their area; a participant: their own),
    with their kelurahan and how many members they have now, by name."""
    groups = BusinessGroup.objects.select_related("kelurahan").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True))
    )
    return scope_to_user(groups, user).order_by("name", "pk")


def group_get(*, user: object, group_id: int) -> BusinessGroup:
    """Return the group `group_id` if `user` may see it; otherwise not found."""
    return scoped_get(group_list(user=user), user, pk=group_id)


def group_of_user(*, user: User) -> BusinessGroup | None:
    """Return the group the participant `user` belongs to now, or None."""
    membership = (
        GroupMembership.objects.filter(person__user=user, left_on__isnull=True)
        .values_list("group_id", flat=True)
        .first()
    )
    if membership is None:
        return None
    return group_list(user=user).filter(pk=membership).first()


def group_members(*, group: BusinessGroup) -> list[GroupMembership]:
    """Return the group's current members, leader first, then treasurer, then by joining."""
    return list(current_memberships(group))


@dataclass(frozen=True)
class MembershipEvent:
    """One line of a group's history: somebody joined, left, or changed role."""

    on: datetime.date
    person_name: str
    kind: str  # "joined", "left" or "role_changed"
    role: str
    former_role: str = ""

    @property
    def role_label(self) -> str:
        return str(GroupRole(self.role).label)

    @property
    def former_role_label(self) -> str:
        return str(GroupRole(self.former_role).label) if self.former_role else ""


def membership_history(*, group: BusinessGroup) -> list[MembershipEvent]:
    """Return the group's history, newest first (one query): a row that starts the day
    the same person's previous row ended is a change of role, not a leaving and a joining."""
    rows = list(
        GroupMembership.objects.filter(group=group)
        .select_related("person")
        .order_by("person_id", "joined_on", "pk")
    )
    return membership_events(rows)


def membership_events(rows: list[GroupMembership]) -> list[MembershipEvent]:
    """Return the events of membership rows ordered by person, then joining."""
    events: list[MembershipEvent] = []
    for index, row in enumerate(rows):
        before = rows[index - 1] if index else None
        after = rows[index + 1] if index + 1 < len(rows) else None
        name = row.person.full_name
        continues = before is not None and before.person_id == row.person_id
        if continues and before is not None and before.left_on == row.joined_on:
            events.append(
                MembershipEvent(row.joined_on, name, "role_changed", row.role, before.role)
            )
        else:
            events.append(MembershipEvent(row.joined_on, name, "joined", row.role))
        changed = (
            after is not None
            and after.person_id == row.person_id
            and after.joined_on == row.left_on
        )
        if row.left_on is not None and not changed:
            events.append(MembershipEvent(row.left_on, name, "left", row.role))
    order = {"left": 0, "role_changed": 1, "joined": 2}
    return sorted(events, key=lambda event: (event.on, -order[event.kind]), reverse=True)


def resident_search(*, user: object, text: str) -> list[Person]:
    """Return the residents of `user`'s area whose name or phone `text` finds."""
    people = scope_to_user(
        Person.objects.select_related("domicile_kelurahan", "business_interest"), user
    )
    return person_search(people=people, text=text).people


def resident_get(*, user: object, public_id: object) -> Person:
    """Return the resident known by `public_id` if `user` may see them; otherwise not found."""
    return scoped_get(Person.objects.all(), user, public_id=public_id)


def group_member_person(*, group: BusinessGroup, public_id: uuid.UUID) -> Person:
    """Return the current member of `group` (a group the caller may see) known by
    `public_id`; anybody else is not found."""
    membership = (
        GroupMembership.objects.select_related("person")
        .filter(group=group, left_on__isnull=True, person__public_id=public_id)
        .first()
    )
    if membership is None:
        raise NotFoundError(_("No such member of this group."), code="group_member_unknown")
    return membership.person


def business_interest_of(*, person: Person) -> BusinessInterest | None:
    """Return `person`'s declared business interest, or None."""
    return BusinessInterest.objects.filter(person=person).first()


def own_person(*, user: User) -> Person | None:
    """Return the registry record of the participant `user`, or None."""
    return scope_to_user(Person.objects.filter(user=user), user).first()
