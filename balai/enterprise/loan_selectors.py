"""Reads of Tangerang Emas: products and their example schedule, applications and loans as
each user may see them (staff: their area; a participant: their own and their group's)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

from balai.accounts.models import User
from balai.core.scoping import scope_to_user, scoped_get
from balai.enterprise.loan_disbursement import admin_fee_for
from balai.enterprise.models import (
    Loan,
    LoanApplication,
    LoanApplicationMember,
    LoanInstallment,
    LoanProduct,
)
from balai.enterprise.schedules import ScheduledInstallment, schedule_for

EXAMPLE_PRINCIPAL = 1_000_000


def loan_product_list(*, active_only: bool = False) -> QuerySet[LoanProduct]:
    """Return the loan products (terms, no personal data), by name."""
    products = LoanProduct.objects.order_by("name", "pk")
    return products.filter(is_active=True) if active_only else products


def loan_product_get(*, product_id: int) -> LoanProduct:
    """Return the product `product_id` (LoanProduct.DoesNotExist if none)."""
    return LoanProduct.objects.get(pk=product_id)


@dataclass(frozen=True)
class ExampleSchedule:
    principal: int
    admin_fee: int
    installments: list[ScheduledInstallment]

    @property
    def net_payout(self) -> int:
        return self.principal - self.admin_fee


def loan_product_example(
    *, product: LoanProduct, principal: int = EXAMPLE_PRINCIPAL
) -> ExampleSchedule:
    """Return the schedule and fee of a loan of `principal` disbursed today on `product`."""
    return ExampleSchedule(
        principal=principal,
        admin_fee=admin_fee_for(principal, product),
        installments=schedule_for(
            principal=principal,
            disbursed_on=timezone.localdate(),
            frequency=product.frequency,
            tenor_months=product.tenor_months,
            grace_period_months=product.grace_period_months,
            rounding_unit=product.rounding_unit,
        ),
    )


def loan_product_has_loans(*, product: LoanProduct) -> bool:
    """Return whether any loan was made on `product` (those loans keep the terms they were
    made on)."""
    return Loan.objects.filter(product=product).exists()


def loan_application_list(*, user: User | object, status: str = "") -> QuerySet[LoanApplication]:
    """Return the applications `user` may see (newest first), with their borrowers' total."""
    applications = scope_to_user(
        LoanApplication.objects.select_related("product", "group", "person", "kelurahan"),
        user,
    ).annotate(total_amount=Sum("members__amount"))
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-created_at", "-pk")


def loan_application_get(*, user: User | object, application_id: int) -> LoanApplication:
    """Return the application `application_id` if `user` may see it, with its members and
    loans (NotFoundError otherwise)."""
    applications = LoanApplication.objects.select_related(
        "product", "group", "person", "kelurahan", "submitted_by", "decided_by"
    ).prefetch_related(
        Prefetch(
            "members",
            queryset=LoanApplicationMember.objects.select_related("person").order_by("pk"),
        ),
        Prefetch(
            "loans",
            queryset=Loan.objects.select_related("borrower")
            .prefetch_related("installments")
            .order_by("pk"),
        ),
    )
    return scoped_get(applications, user, pk=application_id)


@dataclass(frozen=True)
class MemberTerms:
    """A borrower of an application: what they borrow, the fee, what they receive."""

    member: LoanApplicationMember
    admin_fee: int

    @property
    def net_payout(self) -> int:
        return self.member.amount - self.admin_fee


def loan_application_terms(*, application: LoanApplication) -> list[MemberTerms]:
    """Return each borrower's amount, fee and net payout (the fee as it would be now, or as
    charged once disbursed)."""
    charged = {loan.borrower_id: loan.admin_fee for loan in application.loans.all()}
    return [
        MemberTerms(
            member=member,
            admin_fee=charged.get(
                member.person_id, admin_fee_for(member.amount, application.product)
            ),
        )
        for member in application.members.all()
    ]


def loan_list(*, user: User | object, status: str = "") -> QuerySet[Loan]:
    """Return the loans `user` may see (newest disbursement first), with what is paid."""
    loans = scope_to_user(
        Loan.objects.select_related("borrower", "group", "product"), user
    ).annotate(paid=Sum("installments__principal_paid"))
    if status:
        loans = loans.filter(status=status)
    return loans.order_by("-disbursed_on", "-pk")


def loan_get(*, user: User | object, loan_id: int) -> Loan:
    """Return the loan `loan_id` with its schedule if `user` may see it."""
    loans = Loan.objects.select_related(
        "borrower", "group", "product", "application"
    ).prefetch_related(
        Prefetch("installments", queryset=LoanInstallment.objects.order_by("number"))
    )
    return scoped_get(loans, user, pk=loan_id)


def loans_of_user(*, user: User) -> QuerySet[Loan]:
    """Return a participant's own loans and, as a member of a group (joint liability), the
    group's; others' loans are never among them."""
    return loan_list(user=user)
