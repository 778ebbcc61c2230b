"""Whether a group or a person may borrow now: every reason they may not, at once, so that
the leader can put all of them right before asking again.

A repeat loan needs a clean record, read as the issue states it: no arrears now. No borrower
may hold an instalment past due and unpaid on a loan being repaid, nor a loan written off.
An instalment paid late on a loan since repaid in full does not block: the arrears were
cleared, and lateness after the fact is the portfolio's measure (PAR), not a bar.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.enterprise.models import (
    BusinessGroup,
    GroupStatus,
    Loan,
    LoanInstallment,
    LoanProduct,
    LoanStatus,
)
from balai.registry.models import Person


@dataclass(frozen=True)
class IneligibilityReason:
    """One reason a loan cannot be made now: a stable code and a message to show."""

    code: str
    message: str


def loan_eligibility_reasons(
    *,
    product: LoanProduct,
    borrowers: Collection[Person],
    group: BusinessGroup | None = None,
) -> list[IneligibilityReason]:
    """Return every reason `borrowers` (a group's members, or one person) may not borrow
    on `product` now; none means they may (four queries at most)."""
    reasons: list[IneligibilityReason] = []
    if not product.is_active:
        reasons.append(
            IneligibilityReason(
                "product_inactive", _("This loan product is not open for applications.")
            )
        )
    if group is not None and group.status != GroupStatus.ACTIVE:
        reasons.append(
            IneligibilityReason("group_not_active", _("Only an active group can borrow."))
        )
    ids = [person.pk for person in borrowers]
    names = {person.pk: person.full_name for person in borrowers}
    reasons += _borrower_reasons(ids, names)
    return reasons


def _borrower_reasons(ids: list[int], names: dict[int, str]) -> list[IneligibilityReason]:
    loans = Loan.objects.filter(borrower_id__in=ids)
    active = set(loans.filter(status=LoanStatus.ACTIVE).values_list("borrower_id", flat=True))
    written_off = set(
        loans.filter(status=LoanStatus.WRITTEN_OFF).values_list("borrower_id", flat=True)
    )
    in_arrears = set(
        LoanInstallment.objects.filter(
            loan__borrower_id__in=ids,
            loan__status=LoanStatus.ACTIVE,
            due_on__lt=timezone.localdate(),
            principal_paid__lt=F("principal_due"),
        ).values_list("loan__borrower_id", flat=True)
    )
    reasons = []
    for person_id in ids:
        name = names[person_id]
        if person_id in in_arrears:
            reasons.append(
                IneligibilityReason(
                    "borrower_in_arrears",
                    _("%(name)s has an instalment past due and unpaid.") % {"name": name},
                )
            )
        elif person_id in active:
            reasons.append(
                IneligibilityReason(
                    "borrower_has_active_loan",
                    _("%(name)s is still repaying a loan.") % {"name": name},
                )
            )
        if person_id in written_off:
            reasons.append(
                IneligibilityReason(
                    "borrower_written_off",
                    _("%(name)s has a loan that was written off.") % {"name": name},
                )
            )
    return reasons
