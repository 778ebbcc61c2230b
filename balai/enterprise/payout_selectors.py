"""Reads of grant payouts: the finance desk's queue by step, a grant's payout history, and
one payout."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from balai.accounts.models import User
from balai.core.scoping import scope_to_user, scoped_get
from balai.enterprise.models import (
    LIVE_DISBURSEMENT_STATUSES,
    DisbursementStatus,
    GrantApplication,
    GrantApplicationStatus,
    GrantDisbursement,
)

# The queue shows the newest paid payouts only: the full record is the list and the ledger.
PAID_SHOWN = 50


def payout_list(*, user: object) -> QuerySet[GrantDisbursement]:
    """Return the payouts `user` may see, with their grant, recipient and the two desks."""
    disbursements = GrantDisbursement.objects.select_related(
        "application__person", "application__batch", "recorded_by", "approved_by"
    )
    return scope_to_user(disbursements, user)


def payout_list_filtered(*, user: object, status: str = "") -> QuerySet[GrantDisbursement]:
    """Return the payouts `user` may see (of one status if given), newest first."""
    disbursements = payout_list(user=user)
    if status:
        disbursements = disbursements.filter(status=status)
    return disbursements.order_by("-created_at", "-pk")


def payout_get(*, user: object, payout_id: int) -> GrantDisbursement:
    """Return the payout `payout_id` if `user` may see it; anything else is not found."""
    return scoped_get(payout_list(user=user), user, pk=payout_id)


@dataclass(frozen=True)
class PayoutQueue:
    """The finance desk's work, one list per step."""

    awaiting_approval: list[GrantDisbursement]
    approved: list[GrantDisbursement]
    sent: list[GrantDisbursement]
    returned: list[GrantDisbursement]
    paid: list[GrantDisbursement]


def payout_queue(*, user: object) -> PayoutQueue:
    """Return the payouts `user` may see by step; a returned payout is listed until another
    attempt for its grant is under way (five queries)."""
    disbursements = payout_list(user=user).order_by("created_at", "pk")
    later_live = GrantDisbursement.objects.filter(
        application=OuterRef("application"),
        attempt__gt=OuterRef("attempt"),
        status__in=LIVE_DISBURSEMENT_STATUSES,
    )
    returned = disbursements.filter(status=DisbursementStatus.FAILED).exclude(Exists(later_live))
    paid = disbursements.filter(status=DisbursementStatus.PAID).order_by("-paid_on", "-pk")
    return PayoutQueue(
        awaiting_approval=list(disbursements.filter(status=DisbursementStatus.RECORDED)),
        approved=list(disbursements.filter(status=DisbursementStatus.APPROVED)),
        sent=list(disbursements.filter(status=DisbursementStatus.SENT)),
        returned=list(returned),
        paid=list(paid[:PAID_SHOWN]),
    )


def grant_for_payout(*, user: object, grant_id: int) -> GrantApplication:
    """Return the grant `grant_id` with its recipient, if `user` may see it."""
    grants = GrantApplication.objects.select_related("person", "batch", "kelurahan")
    return scoped_get(grants, user, pk=grant_id)


def payouts_of_grant(*, user: User, grant: GrantApplication) -> list[GrantDisbursement]:
    """Return every attempt to pay `grant` that `user` may see, first attempt first."""
    return list(payout_list(user=user).filter(application=grant).order_by("attempt"))


def grant_recordable(grant: GrantApplication, history: list[GrantDisbursement]) -> bool:
    """Return whether a payout of `grant` may be recorded now: approved, none under way."""
    return grant.status == GrantApplicationStatus.APPROVED and not any(
        disbursement.status in LIVE_DISBURSEMENT_STATUSES for disbursement in history
    )
