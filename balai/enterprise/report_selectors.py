"""What reporting reads of enterprise, for the pre-computed summaries (counted, never shown
row by row)."""

from __future__ import annotations

from balai.enterprise.models import GroupMembership


def business_group_member_ids() -> set[int]:
    """The people who are, or have been, members of a business group."""
    return set(GroupMembership.objects.values_list("person_id", flat=True).distinct())
