"""Reads of residents' correction requests, through area scoping."""

from __future__ import annotations

from django.db.models import QuerySet

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.registry.models import CorrectionRequest, CorrectionStatus


def correction_pending_list(*, user: object) -> QuerySet[CorrectionRequest]:
    """Return the requests waiting for a decision in `user`'s area, the oldest first."""
    requests = CorrectionRequest.objects.filter(status=CorrectionStatus.PENDING).select_related(
        "person__domicile_kelurahan"
    )
    return scope_to_user(requests, user).order_by("created_at", "id")


def correction_pending_count(*, user: object) -> int:
    """Return how many requests wait for a decision in `user`'s area (for an operator's
    queue link or home page)."""
    return scope_to_user(
        CorrectionRequest.objects.filter(status=CorrectionStatus.PENDING), user
    ).count()


def corrections_of_user(*, user: User) -> QuerySet[CorrectionRequest]:
    """Return the requests a resident made about their own record, the newest first."""
    own = CorrectionRequest.objects.filter(person__user=user).select_related("person")
    return scope_to_user(own, user).order_by("-created_at", "-id")
