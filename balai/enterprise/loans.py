"""Tangerang Emas: loan products, applications by a group or one person's micro business,
the admin's decision, and disbursement (which the foundation's loans_disburse carries out).

Choices where the issue is silent:
- every current member of a group borrows (joint liability is the whole group's); a member
  who does not want to borrow leaves the group first;
- the admin who decides must not be the one who submitted the application for the group;
- a product's terms may change: loans already made copied their principal and fee and
  their schedules were fixed at disbursement, so they keep the terms they were made on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_changes, audit_record, audit_record_created
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.core.money import rupiah_label, rupiah_typed
from balai.core.scoping import scope_to_user
from balai.enterprise.loan_disbursement import loans_disburse
from balai.enterprise.loan_eligibility import IneligibilityReason, loan_eligibility_reasons
from balai.enterprise.membership import current_memberships, holds_role
from balai.enterprise.models import (
    OPEN_LOAN_APPLICATION_STATUSES,
    BusinessGroup,
    GroupRole,
    InstallmentFrequency,
    Loan,
    LoanApplication,
    LoanApplicationMember,
    LoanApplicationStatus,
    LoanProduct,
)
from balai.registry.models import Person

PRODUCT_AUDIT = AuditPolicy(
    fields=(
        "code",
        "name",
        "admin_fee_basis_points",
        "min_amount",
        "max_amount",
        "tenor_months",
        "grace_period_months",
        "frequency",
        "rounding_unit",
        "excess_policy",
        "min_group_size",
        "max_group_size",
        "lends_to_individuals",
        "is_active",
    )
)
APPLICATION_AUDIT = AuditPolicy(
    fields=("product_id", "group_id", "person_id", "status", "joint_liability_accepted")
)
PERCENT = re.compile(r"^(\d{1,3})(?:[.,](\d{1,2}))?$")


class LoanProductError(ApplicationError):
    code = "loan_product_invalid"


class LoanApplicationError(ApplicationError):
    code = "loan_application_refused"


def fee_basis_points_typed(raw: str | int | float, *, field: str = "admin_fee") -> int:
    """Return basis points from a percentage as typed: "3", "3%", "2,5" or 2.5 (0 to 100%)."""
    text = str(raw).strip().removesuffix("%").strip()
    match = PERCENT.match(text)
    if match is None or int(match.group(1)) > 100:
        message = _("Write the fee as a percentage between 0 and 100, such as 3 or 2,5.")
        raise LoanProductError(message, code="fee_invalid", details={field: [message]})
    basis_points = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if basis_points > 10_000:
        message = _("The fee is at most 100 percent.")
        raise LoanProductError(message, code="fee_invalid", details={field: [message]})
    return basis_points


@dataclass(frozen=True)
class LoanProductInput:
    """A product's terms as typed: amounts in Rupiah as people write them, the fee as a
    percentage."""

    code: str
    name: str
    admin_fee: str
    min_amount: str | int
    max_amount: str | int
    tenor_months: int
    grace_period_months: int = 0
    frequency: str = InstallmentFrequency.MONTHLY
    rounding_unit: str | int = 1
    excess_policy: str = "refuse"
    min_group_size: int = 5
    max_group_size: int = 10
    lends_to_individuals: bool = False
    is_active: bool = True


# Far above any joint-liability group, well inside the column (a small integer).
GROUP_SIZE_MAX = 1000


def _product_fields(data: LoanProductInput) -> dict[str, object]:
    least = rupiah_typed(data.min_amount, field="min_amount", maximum=2**31 - 1)
    most = rupiah_typed(data.max_amount, field="max_amount", maximum=2**31 - 1)
    fields: dict[str, object] = {
        "code": data.code.strip(),
        "name": data.name.strip(),
        "admin_fee_basis_points": fee_basis_points_typed(data.admin_fee),
        "min_amount": least,
        "max_amount": most,
        "rounding_unit": rupiah_typed(data.rounding_unit, field="rounding_unit", maximum=most),
        "tenor_months": data.tenor_months,
        "grace_period_months": data.grace_period_months,
        "frequency": data.frequency,
        "excess_policy": data.excess_policy,
        "min_group_size": data.min_group_size,
        "max_group_size": data.max_group_size,
        "lends_to_individuals": data.lends_to_individuals,
        "is_active": data.is_active,
    }
    checks = [
        ("max_amount", least > most, _("The greatest amount is below the least.")),
        ("max_group_size", data.min_group_size > data.max_group_size,
         _("The greatest group size is below the least.")),
        ("min_group_size", data.min_group_size < 1, _("A group has at least one member.")),
        ("max_group_size", data.max_group_size > GROUP_SIZE_MAX,
         _("A group has at most %(most)s members.") % {"most": GROUP_SIZE_MAX}),
        ("tenor_months", not 1 <= data.tenor_months <= 120, _("The tenor is 1 to 120 months.")),
        ("grace_period_months", not 0 <= data.grace_period_months <= 24,
         _("The grace period is 0 to 24 months.")),
    ]  # fmt: skip
    for field, failed, message in checks:
        if failed:
            raise LoanProductError(message, details={field: [message]})
    return fields


@transaction.atomic
def loan_product_create(*, data: LoanProductInput, actor: User) -> LoanProduct:
    """Create a loan product from its terms as typed."""
    fields = _product_fields(data)
    if LoanProduct.objects.filter(code=fields["code"]).exists():
        message = _("Another product has this code.")
        raise LoanProductError(message, code="product_code_taken", details={"code": [message]})
    product = LoanProduct(**fields)
    product.full_clean()
    product.save()
    audit_record_created(target=product, policy=PRODUCT_AUDIT)
    return product


@transaction.atomic
def loan_product_update(*, product_id: int, data: LoanProductInput, actor: User) -> LoanProduct:
    """Change a product's terms; loans already made keep theirs (principal, fee and schedule
    were copied at disbursement)."""
    product = LoanProduct.objects.select_for_update().get(pk=product_id)
    fields = _product_fields(data)
    if LoanProduct.objects.filter(code=fields["code"]).exclude(pk=product.pk).exists():
        message = _("Another product has this code.")
        raise LoanProductError(message, code="product_code_taken", details={"code": [message]})
    before = PRODUCT_AUDIT.snapshot(product)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean()
    product.save()
    changes = audit_changes(before, PRODUCT_AUDIT.snapshot(product))
    if changes:
        audit_record(action=AuditAction.UPDATE, target=product, changes=changes)
    return product


@dataclass(frozen=True)
class LoanApplicationInput:
    """An application: a group's (each current member's amount, by person id) or one
    person's (`person_id`, one amount)."""

    product_id: int
    amounts: Mapping[int, str | int]
    business_purpose: str
    group_id: int | None = None
    person_id: int | None = None
    joint_liability_accepted: bool = False


@transaction.atomic
def loan_apply(*, data: LoanApplicationInput, actor: User) -> LoanApplication:
    """Submit an application for a group (its leader, or staff of its area) or for one
    person's micro business (themself, or staff of their area). Sent twice, it is made once."""
    product = LoanProduct.objects.filter(pk=data.product_id).first()
    if product is None:
        raise NotFoundError(_("No such loan product."), code="product_unknown")
    if data.group_id is not None:
        group = _group_locked(data.group_id, actor)
        borrowers = [membership.person for membership in current_memberships(group)]
        existing = LoanApplication.objects.filter(
            group=group, status__in=OPEN_LOAN_APPLICATION_STATUSES
        ).first()
    elif data.person_id is not None:
        group = None
        borrowers = [_person_locked(data.person_id, actor)]
        existing = LoanApplication.objects.filter(
            person=borrowers[0], status__in=OPEN_LOAN_APPLICATION_STATUSES
        ).first()
    else:
        raise LoanApplicationError(_("Apply for a group or for one person."))
    if existing is not None:
        return _double_submit(existing, product, actor)
    amounts = _amounts_checked(product, borrowers, data.amounts, group)
    _terms_check(product, group, borrowers, data)
    return _application_create(product, group, borrowers, amounts, data, actor)


def _group_locked(group_id: int, actor: User) -> BusinessGroup:
    # Locked before the open-application check: two leaders' clicks make one application.
    group = (
        scope_to_user(BusinessGroup.objects.all(), actor)
        .select_for_update(of=("self",))
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        raise NotFoundError(_("No such group, or outside your area."), code="group_unknown")
    if actor.role == Role.PARTICIPANT and not holds_role(actor, group, GroupRole.LEADER):
        raise PermissionDeniedError(
            _("Only the group's leader applies for the group's loan."), code="not_group_leader"
        )
    return group


def _person_locked(person_id: int, actor: User) -> Person:
    person = (
        scope_to_user(Person.objects.all(), actor)
        .select_for_update(of=("self",))
        .select_related("domicile_kelurahan")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise NotFoundError(_("No such person, or outside your area."), code="person_unknown")
    if actor.role == Role.PARTICIPANT and person.user_id != actor.pk:
        raise PermissionDeniedError(_("You apply for your own business only."))
    return person


def _double_submit(existing: LoanApplication, product: LoanProduct, actor: User) -> LoanApplication:
    if existing.submitted_by_id == actor.pk and existing.product_id == product.pk:
        return existing  # the same form sent twice
    raise LoanApplicationError(
        _("There is already an open application (submitted or approved): wait for its outcome."),
        code="loan_application_open",
    )


def _amounts_checked(
    product: LoanProduct,
    borrowers: list[Person],
    typed: Mapping[int, str | int],
    group: BusinessGroup | None,
) -> dict[int, int]:
    ids = {person.pk for person in borrowers}
    strangers = set(typed) - ids
    if strangers:
        raise LoanApplicationError(
            _("Only the group's current members can borrow."), code="borrower_not_member"
        )
    amounts: dict[int, int] = {}
    for person in borrowers:
        field = f"amount_{person.pk}"
        if person.pk not in typed or str(typed[person.pk]).strip() == "":
            message = _("Give the amount %(name)s borrows: every current member borrows.") % {
                "name": person.full_name
            }
            raise LoanApplicationError(message, code="amount_missing", details={field: [message]})
        amount = rupiah_typed(typed[person.pk], field=field)
        if not product.min_amount <= amount <= product.max_amount:
            message = _("%(name)s: the amount must be between %(least)s and %(most)s.") % {
                "name": person.full_name,
                "least": rupiah_label(product.min_amount),
                "most": rupiah_label(product.max_amount),
            }
            raise LoanApplicationError(
                message, code="amount_out_of_range", details={field: [message]}
            )
        amounts[person.pk] = amount
    return amounts


def _terms_check(
    product: LoanProduct,
    group: BusinessGroup | None,
    borrowers: list[Person],
    data: LoanApplicationInput,
) -> None:
    if group is None and not product.lends_to_individuals:
        raise LoanApplicationError(
            _("This product lends to groups only."), code="product_for_groups"
        )
    if group is not None:
        if not product.min_group_size <= len(borrowers) <= product.max_group_size:
            raise LoanApplicationError(
                _("This product lends to groups of %(least)s to %(most)s members; "
                  "the group has %(count)s.")
                % {
                    "least": product.min_group_size,
                    "most": product.max_group_size,
                    "count": len(borrowers),
                },
                code="group_size_out_of_range",
            )  # fmt: skip
        if not data.joint_liability_accepted:
            message = _("The group must accept joint liability: each member answers for all.")
            raise LoanApplicationError(
                message,
                code="joint_liability_not_accepted",
                details={"joint_liability_accepted": [message]},
            )
    if not data.business_purpose.strip():
        message = _("Say what the loan is for.")
        raise LoanApplicationError(message, details={"business_purpose": [message]})
    ineligible_check(loan_eligibility_reasons(product=product, borrowers=borrowers, group=group))


def ineligible_check(reasons: list[IneligibilityReason]) -> None:
    """Refuse with every reason at once, when there is any."""
    if reasons:
        raise LoanApplicationError(
            " ".join(reason.message for reason in reasons),
            code="loan_ineligible",
            details={"reasons": [{"code": r.code, "message": r.message} for r in reasons]},
        )


def _application_create(
    product: LoanProduct,
    group: BusinessGroup | None,
    borrowers: list[Person],
    amounts: dict[int, int],
    data: LoanApplicationInput,
    actor: User,
) -> LoanApplication:
    application = LoanApplication(
        product=product,
        group=group,
        person=borrowers[0] if group is None else None,
        kelurahan=group.kelurahan if group is not None else borrowers[0].domicile_kelurahan,
        business_purpose=data.business_purpose.strip(),
        joint_liability_accepted=group is not None and data.joint_liability_accepted,
        submitted_by=actor,
    )
    application.full_clean(validate_constraints=False)
    application.save()
    LoanApplicationMember.objects.bulk_create(
        LoanApplicationMember(application=application, person=person, amount=amounts[person.pk])
        for person in borrowers
    )
    audit_record_created(target=application, policy=APPLICATION_AUDIT)
    return application


def _application_locked(application_id: int, actor: User) -> LoanApplication:
    application = (
        scope_to_user(LoanApplication.objects.all(), actor)
        .select_for_update(of=("self",))
        .select_related("product", "group")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFoundError(_("Not found, or outside your area."), code="application_unknown")
    return application


def _decision_check(application: LoanApplication, actor: User) -> None:
    if application.status != LoanApplicationStatus.SUBMITTED:
        raise LoanApplicationError(
            _("This application has already been decided."), code="application_decided"
        )
    if application.submitted_by_id == actor.pk:
        raise LoanApplicationError(
            _("You submitted this application: another admin decides it."),
            code="decider_is_submitter",
        )


def _decided(application: LoanApplication, status: str, actor: User, reason: str) -> None:
    # Conditional: of two admins deciding at once, the second changes nothing.
    updated = LoanApplication.objects.filter(
        pk=application.pk, status=LoanApplicationStatus.SUBMITTED
    ).update(
        status=status,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_reason=reason,
        updated_at=timezone.now(),
    )
    if updated != 1:
        raise LoanApplicationError(
            _("This application has already been decided."), code="application_decided"
        )
    audit_record(
        action=AuditAction.UPDATE,
        target=application,
        changes={"status": {"old": LoanApplicationStatus.SUBMITTED.value, "new": status}},
        reason=reason,
    )


@transaction.atomic
def loan_application_approve(*, application_id: int, actor: User) -> LoanApplication:
    """Approve a submitted application, if its borrowers are still eligible."""
    application = _application_locked(application_id, actor)
    _decision_check(application, actor)
    borrowers = [member.person for member in application.members.select_related("person")]
    reasons = loan_eligibility_reasons(
        product=application.product, borrowers=borrowers, group=application.group
    )
    # A product closed since the application still honours what it received.
    ineligible_check([reason for reason in reasons if reason.code != "product_inactive"])
    _decided(application, LoanApplicationStatus.APPROVED, actor, "")
    application.refresh_from_db()
    return application


@transaction.atomic
def loan_application_reject(*, application_id: int, reason: str, actor: User) -> LoanApplication:
    """Reject a submitted application, with the reason the applicants will read."""
    application = _application_locked(application_id, actor)
    _decision_check(application, actor)
    reason = reason.strip()
    if not reason:
        message = _("Give the reason for the rejection.")
        raise LoanApplicationError(message, code="reason_missing", details={"reason": [message]})
    _decided(application, LoanApplicationStatus.REJECTED, actor, reason[:500])
    application.refresh_from_db()
    return application


@transaction.atomic
def loan_application_disburse(
    *, application_id: int, disbursed_on: datetime.date | None, actor: User
) -> list[Loan]:
    """Disburse an approved application on `disbursed_on` (today if none; never a future
    date). Sent twice, it disburses once."""
    application = _application_locked(application_id, actor)
    return loans_disburse(
        application_id=application.pk,
        disbursed_on=disbursed_on or timezone.localdate(),
        actor=actor,
    )
