"""The treasurer's collection: money brought for several members of a group at once,
recorded as one repayment per member in one transaction, all or nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.enterprise.membership import current_memberships
from balai.enterprise.models import (
    BusinessGroup,
    GroupRole,
    Loan,
    LoanRepayment,
    LoanStatus,
)
from balai.enterprise.repayments import RepaymentInput, RepaymentRefusedError, repayment_record


class CollectionRefusedError(ApplicationError):
    code = "collection_refused"


@dataclass(frozen=True)
class CollectionLine:
    """What the treasurer brought for one member's loan."""

    loan_id: int
    amount: int


@transaction.atomic
def group_collection_record(
    *,
    group: BusinessGroup,
    lines: list[CollectionLine],
    paid_on: datetime.date,
    collection_key: str,
    actor: User,
    reference: str = "",
) -> list[LoanRepayment]:
    """Record a treasurer's collection for several members: every line is recorded or, if
    one is refused, none (the refusal names the member). Replaying the same collection
    key returns the repayments already recorded."""
    if not collection_key or len(collection_key) > 48:
        raise CollectionRefusedError(_("This collection has no valid request key."))
    replayed = list(
        LoanRepayment.objects.filter(collection_key=collection_key, loan__group=group).order_by(
            "pk"
        )
    )
    if replayed:
        return replayed
    paying = sorted((line for line in lines if line.amount), key=lambda line: line.loan_id)
    if not paying:
        raise CollectionRefusedError(
            _("Type the amount brought for at least one member."), code="collection_empty"
        )
    loans = _group_loans(group, [line.loan_id for line in paying])
    treasurer_id = _treasurer_of(group)
    # In the order of the loans' keys, so two collections touching the same loans lock
    # them in the same order and never wait on each other.
    return [
        _line_record(
            loans[line.loan_id], line, paid_on, collection_key, treasurer_id, reference, actor
        )
        for line in paying
    ]


def _group_loans(group: BusinessGroup, loan_ids: list[int]) -> dict[int, Loan]:
    loans = {
        loan.pk: loan
        for loan in Loan.objects.select_related("borrower").filter(
            group=group, pk__in=loan_ids, status=LoanStatus.ACTIVE
        )
    }
    missing = [loan_id for loan_id in loan_ids if loan_id not in loans]
    if missing or len(set(loan_ids)) != len(loan_ids):
        raise CollectionRefusedError(
            _("Only the group's loans being repaid can be in its collection, each once."),
            code="collection_loan_unknown",
            details={"loans": missing},
        )
    return loans


def _treasurer_of(group: BusinessGroup) -> int | None:
    treasurer = current_memberships(group).filter(role=GroupRole.TREASURER).first()
    return treasurer.person_id if treasurer else None


def _line_record(
    loan: Loan,
    line: CollectionLine,
    paid_on: datetime.date,
    collection_key: str,
    treasurer_id: int | None,
    reference: str,
    actor: User,
) -> LoanRepayment:
    try:
        return repayment_record(
            data=RepaymentInput(
                loan_id=loan.pk,
                amount=line.amount,
                paid_on=paid_on,
                idempotency_key=f"{collection_key}:{loan.pk}",
                paid_by_id=treasurer_id,
                collection_key=collection_key,
                reference=reference,
            ),
            actor=actor,
        )
    except RepaymentRefusedError as refused:
        message = _("%(name)s: %(reason)s") % {
            "name": loan.borrower.full_name,
            "reason": refused.message,
        }
        raise CollectionRefusedError(
            message, details={f"amount_{loan.pk}": [refused.message]}
        ) from refused
