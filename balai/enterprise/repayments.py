"""Recording money received against a loan: allocated to the oldest instalment due first,
what is above the amount owed refused or held as credit (per product), and the ledger's
record of it, in one transaction with the loan locked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.money import rupiah_label
from balai.enterprise.ledger import Posting, credit, debit, ledger_post
from balai.enterprise.models import (
    ExcessRepaymentPolicy,
    LedgerAccount,
    LedgerTransactionKind,
    Loan,
    LoanInstallment,
    LoanRepayment,
    LoanStatus,
    RepaymentAllocation,
)

# What a repayment's column holds (a 32-bit integer), far above any loan of the programme:
# forms and the API refuse more before it reaches the database.
REPAYMENT_MAX = 2_000_000_000


class RepaymentRefusedError(ApplicationError):
    code = "repayment_refused"


@dataclass(frozen=True)
class RepaymentInput:
    """Money received for one loan, as the desk records it."""

    loan_id: int
    amount: int
    paid_on: datetime.date
    idempotency_key: str
    paid_by_id: int | None = None
    collection_key: str = ""
    reference: str = ""


@transaction.atomic
def repayment_record(*, data: RepaymentInput, actor: User) -> LoanRepayment:
    """Record a repayment and allocate it to the oldest instalments owed. Replaying the
    same request (same idempotency key) returns the repayment already recorded."""
    # Locked first: two desks recording for one loan at once allocate one after the other,
    # and a double click waits for the first click's repayment, then finds it by its key.
    loan = (
        Loan.objects.select_for_update().select_related("product").filter(pk=data.loan_id).first()
    )
    if loan is None:
        raise RepaymentRefusedError(_("There is no such loan."), code="loan_not_found")
    replayed = LoanRepayment.objects.filter(idempotency_key=data.idempotency_key).first()
    if replayed is not None:
        return _replay_checked(replayed, data)
    _check_repayment(loan, data)
    installments = list(
        LoanInstallment.objects.select_for_update().filter(loan=loan).order_by("due_on", "number")
    )
    owed = sum(installment.principal_owed for installment in installments)
    credited = _excess_checked(loan, data.amount, owed)
    repayment = LoanRepayment.objects.create(
        loan=loan,
        amount=data.amount,
        credited_amount=credited,
        paid_on=data.paid_on,
        paid_by_id=data.paid_by_id,
        collection_key=data.collection_key,
        reference=data.reference[:64],
        idempotency_key=data.idempotency_key,
        recorded_by=actor,
    )
    _allocate_oldest_first(repayment, installments, data.amount - credited)
    _post_repayment(repayment, applied=data.amount - credited, actor=actor)
    if owed == data.amount - credited:
        loan.status, loan.closed_on = LoanStatus.CLOSED, data.paid_on
        loan.save(update_fields=["status", "closed_on", "updated_at"])
    return repayment


def _replay_checked(replayed: LoanRepayment, data: RepaymentInput) -> LoanRepayment:
    if replayed.loan_id != data.loan_id or replayed.amount != data.amount:
        raise RepaymentRefusedError(
            _("This request was already used for another repayment; send a new one.")
        )
    return replayed


def _check_repayment(loan: Loan, data: RepaymentInput) -> None:
    if type(data.amount) is not int or data.amount < 1:
        raise RepaymentRefusedError(_("A repayment is a whole number of Rupiah above Rp0."))
    if loan.status != LoanStatus.ACTIVE:
        raise RepaymentRefusedError(
            _("This loan is not being repaid: it is %(status)s.")
            % {"status": loan.get_status_display().lower()}
        )
    if data.paid_on > timezone.localdate():
        raise RepaymentRefusedError(_("A repayment cannot be dated in the future."))
    if data.paid_on < loan.disbursed_on:
        raise RepaymentRefusedError(_("A repayment cannot be dated before the loan was disbursed."))


def _excess_checked(loan: Loan, amount: int, owed: int) -> int:
    """Return what is held as credit; refuse an excess the product does not hold."""
    if amount <= owed:
        return 0
    if loan.product.excess_policy == ExcessRepaymentPolicy.HOLD_AS_CREDIT:
        return amount - owed
    raise RepaymentRefusedError(
        _("This is more than the loan owes (%(owed)s); record at most that.")
        % {"owed": rupiah_label(owed)},
        details={"amount": [_("At most %(owed)s.") % {"owed": rupiah_label(owed)}]},
    )


def _allocate_oldest_first(
    repayment: LoanRepayment, installments: list[LoanInstallment], amount: int
) -> None:
    left = amount
    for installment in installments:
        if left == 0:
            break
        paid = min(left, installment.principal_owed)
        if paid == 0:
            continue
        installment.principal_paid += paid
        if installment.principal_owed == 0:
            installment.paid_off_on = repayment.paid_on
        installment.save(update_fields=["principal_paid", "paid_off_on"])
        RepaymentAllocation.objects.create(
            repayment=repayment, installment=installment, amount=paid
        )
        left -= paid


def _post_repayment(repayment: LoanRepayment, *, applied: int, actor: User) -> None:
    loan = repayment.loan
    postings: list[Posting] = [debit(LedgerAccount.BANK, repayment.amount)]
    if applied:
        postings.append(credit(LedgerAccount.LOANS_RECEIVABLE, applied, loan_id=loan.pk))
    if repayment.credited_amount:
        postings.append(
            credit(
                LedgerAccount.BORROWER_CREDIT,
                repayment.credited_amount,
                loan_id=loan.pk,
                person_id=loan.borrower_id,
            )
        )
    ledger_post(
        kind=LedgerTransactionKind.LOAN_REPAYMENT,
        postings=postings,
        idempotency_key=f"repayment:{repayment.pk}",
        occurred_on=repayment.paid_on,
        actor=actor,
        loan=loan,
        loan_repayment=repayment,
    )
