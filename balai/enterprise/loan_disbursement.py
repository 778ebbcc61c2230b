"""Disbursing an approved loan application: one loan per borrower, its schedule, and the
ledger's record of the money out and the administration fee, all in one transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.audit import AuditPolicy, audit_record_created
from balai.core.errors import ApplicationError
from balai.enterprise.ledger import credit, debit, ledger_post
from balai.enterprise.models import (
    LedgerAccount,
    LedgerTransactionKind,
    Loan,
    LoanApplication,
    LoanApplicationStatus,
    LoanInstallment,
    LoanProduct,
)
from balai.enterprise.schedules import schedule_for

LOAN_AUDIT = AuditPolicy(fields=("borrower_id", "principal", "admin_fee", "disbursed_on"))


class LoanDisbursementError(ApplicationError):
    code = "loan_disbursement_refused"


def admin_fee_for(principal: int, product: LoanProduct) -> int:
    """The administration fee on `principal`, in whole Rupiah rounded down (the borrower
    is never charged a fraction of a Rupiah more than the rate)."""
    return principal * product.admin_fee_basis_points // 10_000


@transaction.atomic
def loans_disburse(
    *, application_id: int, disbursed_on: datetime.date, actor: User | None
) -> list[Loan]:
    """Disburse an approved application: its loans, schedules and ledger entries. Pressing
    twice (or two desks at once) disburses once: the second finds the loans made."""
    application = (
        LoanApplication.objects.select_for_update().select_related("product").get(pk=application_id)
    )
    if application.status == LoanApplicationStatus.DISBURSED:
        return list(application.loans.order_by("pk"))
    if application.status != LoanApplicationStatus.APPROVED:
        raise LoanDisbursementError(_("Only an approved application can be disbursed."))
    if disbursed_on > timezone.localdate():
        raise LoanDisbursementError(_("A loan cannot be disbursed on a future date."))
    loans = [
        _loan_open(application, member.person_id, member.amount, disbursed_on, actor)
        for member in application.members.order_by("pk")
    ]
    application.status = LoanApplicationStatus.DISBURSED
    application.save(update_fields=["status", "updated_at"])
    return loans


def _loan_open(
    application: LoanApplication,
    borrower_id: int,
    principal: int,
    disbursed_on: datetime.date,
    actor: User | None,
) -> Loan:
    product = application.product
    loan = Loan.objects.create(
        application=application,
        product=product,
        borrower_id=borrower_id,
        group_id=application.group_id,
        principal=principal,
        admin_fee=admin_fee_for(principal, product),
        disbursed_on=disbursed_on,
    )
    LoanInstallment.objects.bulk_create(
        LoanInstallment(
            loan=loan,
            number=scheduled.number,
            due_on=scheduled.due_on,
            principal_due=scheduled.principal_due,
        )
        for scheduled in schedule_for(
            principal=principal,
            disbursed_on=disbursed_on,
            frequency=product.frequency,
            tenor_months=product.tenor_months,
            grace_period_months=product.grace_period_months,
            rounding_unit=product.rounding_unit,
        )
    )
    _post_disbursement(loan, actor)
    audit_record_created(target=loan, policy=LOAN_AUDIT)
    return loan


def _post_disbursement(loan: Loan, actor: User | None) -> None:
    # The principal leaves the programme's account; the fee is taken from the payout, so
    # the borrower receives principal minus fee and owes the principal.
    ledger_post(
        kind=LedgerTransactionKind.LOAN_DISBURSED,
        postings=[
            debit(LedgerAccount.LOANS_RECEIVABLE, loan.principal, loan_id=loan.pk),
            credit(LedgerAccount.BANK, loan.principal),
        ],
        idempotency_key=f"loan:{loan.pk}:disbursed",
        occurred_on=loan.disbursed_on,
        actor=actor,
        loan=loan,
    )
    if loan.admin_fee:
        ledger_post(
            kind=LedgerTransactionKind.LOAN_FEE,
            postings=[
                debit(LedgerAccount.BANK, loan.admin_fee),
                credit(LedgerAccount.FEE_INCOME, loan.admin_fee, loan_id=loan.pk),
            ],
            idempotency_key=f"loan:{loan.pk}:fee",
            occurred_on=loan.disbursed_on,
            actor=actor,
            loan=loan,
        )
