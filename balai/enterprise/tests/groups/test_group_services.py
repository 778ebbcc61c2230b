"""Founding a group, its members and roles, and dissolving it, through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import User
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.models import AuditEntry
from balai.enterprise.group_selectors import membership_history
from balai.enterprise.groups import (
    group_create,
    group_dissolve,
    group_member_add,
    group_member_remove,
    group_member_role_change,
)
from balai.enterprise.models import BusinessGroup, GroupMembership, GroupRole, GroupStatus
from balai.registry.models import Person
from balai.testing.enterprise import make_group, make_group_loans
from balai.testing.factories import kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db


def founded(operator: User, people: list[Person] = ()) -> BusinessGroup:  # type: ignore[assignment]  # an empty tuple as a read-only default
    return group_create(
        name="Kelompok Maju",
        business_type="food",
        business_plan="Katering",
        kelurahan=kelurahan(SUKARASA),
        members=list(people),
        by=operator,
    )


def test_a_group_is_forming_until_it_has_its_least_members_then_active(
    operator: User, residents: list[Person], settings: Any
) -> None:
    # given a group of four with a leader and a treasurer, the least being five
    settings.BUSINESS_GROUP_MIN_MEMBERS = 5
    group = founded(operator, residents[:4])
    assert group.status == GroupStatus.FORMING
    # when a fifth member joins
    group_member_add(group=group, person=residents[4], by=operator)
    # then it is active
    group.refresh_from_db()
    assert group.status == GroupStatus.ACTIVE


def test_enough_members_without_a_treasurer_stay_forming(
    operator: User, residents: list[Person], settings: Any
) -> None:
    settings.BUSINESS_GROUP_MIN_MEMBERS = 3
    group = founded(operator, residents[:1])
    for person in residents[1:4]:
        group_member_add(group=group, person=person, by=operator)
    group.refresh_from_db()
    assert group.status == GroupStatus.FORMING
    group_member_role_change(group=group, person=residents[1], role="treasurer", by=operator)
    group.refresh_from_db()
    assert group.status == GroupStatus.ACTIVE


def test_a_group_never_takes_more_than_its_most_members(
    operator: User, residents: list[Person], settings: Any
) -> None:
    settings.BUSINESS_GROUP_MAX_MEMBERS = 10
    group = founded(operator, residents[:10])
    with pytest.raises(ApplicationError) as refusal:
        group_member_add(group=group, person=residents[10], by=operator)
    assert refusal.value.code == "group_full"
    assert "10" in refusal.value.message


def test_a_person_is_in_one_group_at_a_time_with_a_clear_message(
    operator: User, residents: list[Person]
) -> None:
    first = founded(operator, residents[:2])
    second = founded(operator, residents[2:4])
    with pytest.raises(ApplicationError) as refusal:
        group_member_add(group=second, person=residents[0], by=operator)
    assert refusal.value.code == "person_in_another_group"
    assert first.name in refusal.value.message


def test_a_second_leader_is_refused(operator: User, residents: list[Person]) -> None:
    group = founded(operator, residents[:2])
    with pytest.raises(ApplicationError) as refusal:
        group_member_add(group=group, person=residents[2], role="leader", by=operator)
    assert refusal.value.code == "group_role_taken"


def test_a_role_change_keeps_the_history_and_one_leader(
    operator: User, residents: list[Person]
) -> None:
    # given a group led by the first resident
    group = founded(operator, residents[:3])
    # when the third becomes leader
    group_member_role_change(group=group, person=residents[2], role="leader", by=operator)
    # then the former leader is a member, the old rows are ended, not changed
    current = {
        m.person_id: m.role for m in GroupMembership.objects.filter(group=group, left_on=None)
    }
    assert current[residents[2].pk] == GroupRole.LEADER
    assert current[residents[0].pk] == GroupRole.MEMBER
    assert GroupMembership.objects.filter(group=group).count() == 5
    kinds = [event.kind for event in membership_history(group=group)]
    assert kinds.count("role_changed") == 2
    assert "left" not in kinds


def test_a_member_leaves_today_and_the_history_shows_it(
    operator: User, residents: list[Person]
) -> None:
    group = founded(operator, residents[:3])
    group_member_remove(group=group, person=residents[2], by=operator)
    row = GroupMembership.objects.get(group=group, person=residents[2])
    assert row.left_on == timezone.localdate()
    assert membership_history(group=group)[0].kind == "left"


def test_a_member_repaying_a_loan_cannot_leave(kota_tangerang: None, operator: User) -> None:
    team = make_group(members=5)
    make_group_loans(team)
    with pytest.raises(ApplicationError) as refusal:
        group_member_remove(group=team.group, person=team.people[3], by=operator)
    assert refusal.value.code == "group_member_has_active_loan"
    with pytest.raises(ApplicationError):
        group_dissolve(group=team.group, reason="Bubar", by=operator)


def test_dissolving_ends_every_membership_and_is_audited(
    operator: User, residents: list[Person]
) -> None:
    group = founded(operator, residents[:3])
    group_dissolve(group=group, reason="Anggota pindah", by=operator)
    group.refresh_from_db()
    assert group.status == GroupStatus.DISSOLVED
    assert not GroupMembership.objects.filter(group=group, left_on=None).exists()
    entry = AuditEntry.objects.filter(target_id=str(group.pk), reason="Anggota pindah").get()
    assert entry.changes["status"]["new"] == GroupStatus.DISSOLVED


def test_every_change_is_audited(operator: User, residents: list[Person]) -> None:
    group = founded(operator, residents[:2])
    group_member_add(group=group, person=residents[2], by=operator)
    group_member_remove(group=group, person=residents[2], by=operator)
    memberships = AuditEntry.objects.filter(target_type="enterprise.groupmembership")
    assert memberships.filter(action="create").count() == 3
    assert memberships.filter(action="update").count() == 1
    assert AuditEntry.objects.filter(
        target_type="enterprise.businessgroup", action="create"
    ).exists()


def test_a_participant_who_founds_a_group_leads_it(residents: list[Person]) -> None:
    founder = residents[0]
    assert founder.user is not None
    group = group_create(
        name="Jahit Bersama", business_type="fashion", business_plan="", by=founder.user
    )
    membership = GroupMembership.objects.get(group=group, left_on=None)
    assert (membership.person_id, membership.role) == (founder.pk, GroupRole.LEADER)
    assert group.kelurahan_id == founder.domicile_kelurahan_id


def test_a_leader_may_not_add_members_but_may_change_roles(
    operator: User, residents: list[Person]
) -> None:
    group = founded(operator, residents[:3])
    leader = residents[0].user
    assert leader is not None
    with pytest.raises(PermissionDeniedError):
        group_member_add(group=group, person=residents[5], by=leader)
    group_member_role_change(group=group, person=residents[2], role="treasurer", by=leader)
    assert GroupMembership.objects.get(person=residents[2], left_on=None).role == "treasurer"


def test_an_operator_of_another_kelurahan_finds_no_group(
    operator: User, keroncong_operator: User, residents: list[Person]
) -> None:
    group = founded(operator, residents[:3])
    with pytest.raises(NotFoundError):
        group_member_remove(group=group, person=residents[2], by=keroncong_operator)
