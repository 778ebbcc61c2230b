"""Correcting repayments and giving up on a loan: a repayment recorded by mistake is
reversed (a mirror repayment and a mirror ledger transaction, nothing edited or deleted),
and a loan that will not be repaid is written off to the loan-loss account."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.audit import AuditPolicy, model_update
from balai.core.errors import ApplicationError, NotFoundError
from balai.enterprise.ledger import account_balance, credit, debit, ledger_post, ledger_reverse
from balai.enterprise.models import (
    LedgerAccount,
    LedgerTransaction,
    LedgerTransactionKind,
    Loan,
    LoanInstallment,
    LoanRepayment,
    LoanStatus,
    RepaymentAllocation,
)

LOAN_STATUS_AUDIT = AuditPolicy(fields=("status", "closed_on"))
REASON_MAX_LENGTH = 300


class RepaymentCorrectionError(ApplicationError):
    code = "repayment_correction_refused"


@transaction.atomic
def repayment_reverse(*, repayment_id: int, reason: str, actor: User) -> LoanRepayment:
    """Reverse a repayment recorded by mistake: its allocations undone, the loan reopened
    if it had closed it, and its ledger transaction reversed. At most once."""
    reason = _reason_checked(reason)
    loan_id = LoanRepayment.objects.filter(pk=repayment_id).values_list("loan_id", flat=True)
    if not loan_id:
        raise NotFoundError(_("There is no such repayment."))
    # The loan first, as recording does: a reversal and a repayment never interleave.
    loan = Loan.objects.select_for_update().get(pk=loan_id[0])
    original = LoanRepayment.objects.select_for_update().get(pk=repayment_id)
    _check_reversible(original, loan)
    today = timezone.localdate()
    reversal = LoanRepayment.objects.create(
        loan=loan,
        amount=original.amount,
        credited_amount=original.credited_amount,
        paid_on=today,
        paid_by_id=original.paid_by_id,
        reference=original.reference,
        idempotency_key=f"reversal:{original.pk}",
        reverses=original,
        recorded_by=actor,
    )
    _allocations_undo(original, reversal)
    ledger_reverse(
        original=LedgerTransaction.objects.get(
            loan_repayment=original, kind=LedgerTransactionKind.LOAN_REPAYMENT
        ),
        occurred_on=today,
        actor=actor,
        memo=reason,
    )
    if loan.status == LoanStatus.CLOSED:
        model_update(
            instance=loan,
            fields={"status": LoanStatus.ACTIVE, "closed_on": None},
            policy=LOAN_STATUS_AUDIT,
            reason=reason,
        )
    return reversal


def _reason_checked(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise RepaymentCorrectionError(
            _("Give the reason for the correction."),
            code="reason_missing",
            details={"reason": [_("Give the reason for the correction.")]},
        )
    return reason[:REASON_MAX_LENGTH]


def _check_reversible(original: LoanRepayment, loan: Loan) -> None:
    if original.reverses_id is not None:
        raise RepaymentCorrectionError(
            _("A reversal cannot itself be reversed; record the repayment again."),
            code="reversal_of_reversal",
        )
    if LoanRepayment.objects.filter(reverses=original).exists():
        raise RepaymentCorrectionError(
            _("This repayment has already been reversed."), code="already_reversed"
        )
    if loan.status == LoanStatus.WRITTEN_OFF:
        raise RepaymentCorrectionError(
            _("The loan has been written off: its repayments can no longer be reversed."),
            code="loan_written_off",
        )


def _allocations_undo(original: LoanRepayment, reversal: LoanRepayment) -> None:
    allocations = list(original.allocations.all())
    installments = {
        installment.pk: installment
        for installment in LoanInstallment.objects.select_for_update().filter(
            pk__in=[allocation.installment_id for allocation in allocations]
        )
    }
    for allocation in allocations:
        installment = installments[allocation.installment_id]
        installment.principal_paid -= allocation.amount
        installment.paid_off_on = None
        installment.save(update_fields=["principal_paid", "paid_off_on"])
    RepaymentAllocation.objects.bulk_create(
        RepaymentAllocation(
            repayment=reversal, installment_id=allocation.installment_id, amount=-allocation.amount
        )
        for allocation in allocations
    )


@transaction.atomic
def loan_write_off(*, loan_id: int, reason: str, actor: User) -> Loan:
    """Write off what a loan still owes: posted from loans receivable to loan losses, and
    the loan no longer repaid."""
    reason = _reason_checked(reason)
    loan = Loan.objects.select_for_update().get(pk=loan_id)
    if loan.status != LoanStatus.ACTIVE:
        raise RepaymentCorrectionError(
            _("Only a loan being repaid can be written off."), code="loan_not_active"
        )
    outstanding = account_balance(LedgerAccount.LOANS_RECEIVABLE, loan_id=loan.pk)
    today = timezone.localdate()
    ledger_post(
        kind=LedgerTransactionKind.LOAN_WRITE_OFF,
        postings=[
            debit(LedgerAccount.LOAN_LOSS, outstanding, loan_id=loan.pk),
            credit(LedgerAccount.LOANS_RECEIVABLE, outstanding, loan_id=loan.pk),
        ],
        idempotency_key=f"loan:{loan.pk}:write-off",
        occurred_on=today,
        actor=actor,
        memo=reason,
        loan=loan,
    )
    model_update(
        instance=loan,
        fields={"status": LoanStatus.WRITTEN_OFF, "closed_on": today},
        policy=LOAN_STATUS_AUDIT,
        reason=reason,
    )
    return loan
