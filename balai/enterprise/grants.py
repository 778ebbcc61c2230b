"""Tangerang Bisa grants, from the application to the report of what the money bought:
batches, applications (checked against every rule at once), the kelurahan's verification,
the admin's decision within the batch's budget, cancellation, and usage reports.

Payouts (disbursements, bank files) are another part's: this one stops at APPROVED and picks
up again once a grant is PAID.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.money import rupiah_label
from balai.core.scoping import scope_to_user
from balai.enterprise.grant_eligibility import (
    GRANT_HELD_STATUSES,
    EligibilityFailure,
    grant_eligibility_failures,
)
from balai.enterprise.ledger import credit, debit, ledger_post
from balai.enterprise.membership import holds_role
from balai.enterprise.models import (
    LIVE_DISBURSEMENT_STATUSES,
    LIVE_GRANT_STATUSES,
    BusinessGroup,
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
    GroupRole,
    LedgerAccount,
    LedgerTransactionKind,
    UsageReport,
)
from balai.registry.models import Person
from balai.registry.selectors import person_list, person_of_user

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise

STAFF_ROLES = frozenset({Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR})

# What the kelurahan operator checks before a grant goes to the admin: every item ticked.
VERIFICATION_CHECKLIST: dict[str, _StrPromise] = {
    "identity_seen": gettext_lazy("Identity seen (KTP and KK)"),
    "lives_at_address": gettext_lazy("Lives at the address given"),
    "business_exists": gettext_lazy("The business exists (visited or photographed)"),
    "account_in_name": gettext_lazy("Bank or e-wallet account in the applicant's name"),
    "no_other_city_grant": gettext_lazy("No other city grant this year"),
}


class GrantError(ApplicationError):
    code = "grant_error"


class GrantIneligibleError(GrantError):
    code = "grant_ineligible"


@dataclass(frozen=True)
class BatchTerms:
    """What an admin sets on a batch."""

    name: str
    year: int
    amount_per_grant: int
    budget_ceiling: int
    opens_on: datetime.date
    closes_on: datetime.date
    min_business_age_months: int = 0
    max_business_age_months: int | None = None
    requires_domicile: bool = True
    once_per_person: bool = True
    excludes_other_city_grant: bool = True


@dataclass(frozen=True)
class BusinessDetails:
    """What an applicant tells of their business."""

    business_name: str
    business_type: str
    business_started_on: datetime.date
    business_address: str
    requested_use: str
    declares_other_city_grant: bool = False


def _admin_only(by: User) -> None:
    if by.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an administrator may do this."))


def _staff_only(by: User) -> None:
    if by.role not in STAFF_ROLES:
        raise PermissionDeniedError(_("Only staff of the area may do this."))


def _terms_check(terms: BatchTerms, *, committed: int = 0) -> None:
    if not terms.name.strip():
        raise GrantError(_("Name the batch."), details={"field": "name"})
    if terms.amount_per_grant <= 0:
        message = _("The amount per grant must be more than nothing.")
        raise GrantError(message, code="amount_invalid", details={"field": "amount_per_grant"})
    if terms.budget_ceiling < max(committed, terms.amount_per_grant):
        message = _("The budget ceiling must cover one grant and what is committed (%(c)s).") % {
            "c": rupiah_label(committed)
        }
        raise GrantError(message, code="budget_too_small", details={"field": "budget_ceiling"})
    if terms.closes_on < terms.opens_on:
        message = _("The batch cannot close before it opens.")
        raise GrantError(message, code="dates_invalid", details={"field": "closes_on"})
    oldest = terms.max_business_age_months
    if oldest is not None and oldest < terms.min_business_age_months:
        message = _("The greatest business age is below the least.")
        raise GrantError(message, code="ages_invalid", details={"field": "max_business_age_months"})


@transaction.atomic
def grant_batch_create(*, by: User, terms: BatchTerms) -> GrantBatch:
    """Open a batch of grants (admin)."""
    _admin_only(by)
    _terms_check(terms)
    return GrantBatch.objects.create(**_terms_fields(terms))


@transaction.atomic
def grant_batch_update(*, by: User, batch_id: int, terms: BatchTerms) -> GrantBatch:
    """Change a batch's terms (admin); the ceiling never below what is committed."""
    _admin_only(by)
    batch = GrantBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None:
        raise NotFoundError(_("No such grant batch."))
    _terms_check(terms, committed=batch.committed_amount)
    for name, value in _terms_fields(terms).items():
        setattr(batch, name, value)
    batch.save()
    return batch


def _terms_fields(terms: BatchTerms) -> dict[str, object]:
    return {**terms.__dict__, "name": terms.name.strip()}


@transaction.atomic
def grant_apply(
    *,
    by: User,
    batch_id: int,
    details: BusinessDetails,
    person_public_id: uuid.UUID | None = None,
    group_id: int | None = None,
) -> GrantApplication:
    """Apply for a grant: a participant for themself (or their group, as its leader), an
    operator at the desk for a resident (or group) of their area. Every failed rule is
    named at once; the same submission sent twice makes one application."""
    batch = GrantBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFoundError(_("No such grant batch."), code="batch_unknown")
    person, group = _applicant(by=by, person_public_id=person_public_id, group_id=group_id)
    # Locked before the checks: two desks applying for one NIK at once are served in turn,
    # so the second sees the first's application (and, once approved, its grant).
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("domicile_kelurahan__kecamatan")
        .get(pk=person.pk)
    )
    _details_check(details)
    live = GrantApplication.objects.filter(
        batch=batch, person=person, status__in=LIVE_GRANT_STATUSES
    ).first()
    if live is not None:
        if live.business_name == details.business_name.strip():
            return live  # a double-clicked form, or an answer lost and the request sent again
        raise _already_applied()
    failures = grant_eligibility_failures(
        batch=batch,
        person=person,
        business_started_on=details.business_started_on,
        declares_other_city_grant=details.declares_other_city_grant,
        today=timezone.localdate(),
    )
    if failures:
        raise GrantIneligibleError(
            " ".join(failure.message for failure in failures),
            details={
                "reasons": [{"code": f.code, "message": f.message} for f in failures],
                **_messages_by_field(failures),
            },
        )
    return _application_create(by=by, batch=batch, person=person, group=group, details=details)


def _messages_by_field(failures: list[EligibilityFailure]) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    for failure in failures:
        by_field.setdefault(failure.field or "__all__", []).append(failure.message)
    return by_field


def _already_applied() -> GrantError:
    return GrantError(
        _("The applicant already has an application in this batch."),
        code="already_applied",
        details={"field": "batch"},
    )


def _application_create(
    *,
    by: User,
    batch: GrantBatch,
    person: Person,
    group: BusinessGroup | None,
    details: BusinessDetails,
) -> GrantApplication:
    try:
        with transaction.atomic():
            return GrantApplication.objects.create(
                batch=batch,
                person=person,
                group=group,
                kelurahan=group.kelurahan if group else person.domicile_kelurahan,
                business_name=details.business_name.strip(),
                business_type=details.business_type,
                business_started_on=details.business_started_on,
                business_address=details.business_address.strip(),
                requested_use=details.requested_use.strip(),
                declares_other_city_grant=details.declares_other_city_grant,
                amount=batch.amount_per_grant,
                submitted_by=by,
            )
    except IntegrityError:
        # The constraint of one live application per batch: the backstop of the lock above.
        raise _already_applied() from None


def _details_check(details: BusinessDetails) -> None:
    for field in ("business_name", "business_address", "requested_use"):
        if not str(getattr(details, field)).strip():
            raise GrantError(
                _("Fill in this field."), code="field_missing", details={"field": field}
            )
    if details.business_type not in BusinessType.values:
        raise GrantError(
            _("Choose one of the options given."),
            code="invalid_choice",
            details={"field": "business_type"},
        )


def _applicant(
    *, by: User, person_public_id: uuid.UUID | None, group_id: int | None
) -> tuple[Person, BusinessGroup | None]:
    if by.role == Role.PARTICIPANT:
        person = person_of_user(user=by)
        if person is None:
            raise GrantError(_("Your account has no registration."), code="no_registration")
        group = _group_led(by=by, group_id=group_id) if group_id is not None else None
        return person, group
    if by.role not in STAFF_ROLES:
        raise PermissionDeniedError(_("Only a participant or staff may apply."))
    if group_id is not None:
        group = scope_to_user(BusinessGroup.objects.all(), by).filter(pk=group_id).first()
        if group is None:
            raise NotFoundError(_("No group found, or outside your area."), code="group_unknown")
        return _leader_of(group), group
    person = None
    if person_public_id is not None:
        person = person_list(user=by).filter(public_id=person_public_id).first()
    if person is None:
        raise NotFoundError(
            _("No resident found, or outside your area."),
            code="person_unknown",
            details={"field": "person"},
        )
    return person, None


def _group_led(*, by: User, group_id: int) -> BusinessGroup:
    group = BusinessGroup.objects.filter(pk=group_id).first()
    if group is None or not holds_role(by, group, GroupRole.LEADER):
        raise PermissionDeniedError(
            _("Only the group's leader may apply for the group."), code="not_group_leader"
        )
    return group


def _leader_of(group: BusinessGroup) -> Person:
    leader = Person.objects.filter(
        group_memberships__group=group,
        group_memberships__left_on__isnull=True,
        group_memberships__role=GroupRole.LEADER,
    ).first()
    if leader is None:
        raise GrantError(_("The group has no leader."), code="group_without_leader")
    return leader


def _locked(*, by: User, application_id: int) -> GrantApplication:
    application = (
        scope_to_user(GrantApplication.objects.all(), by)
        # Only the application's row: the scope's joins must not lock a whole kelurahan.
        .select_for_update(of=("self",))
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFoundError(_("No grant application found, or outside your area."))
    return application


def _status_check(application: GrantApplication, *allowed: str) -> None:
    if application.status not in allowed:
        raise GrantError(
            _("This application is %(status)s: it cannot be changed so.")
            % {"status": application.get_status_display().lower()},
            code="status_invalid",
        )


@transaction.atomic
def grant_verify(
    *, by: User, application_id: int, checklist: Mapping[str, bool], reason: str = ""
) -> GrantApplication:
    """Record the kelurahan's checks: every item ticked verifies the application; a missing
    tick rejects it, with the reason given."""
    _staff_only(by)
    application = _locked(by=by, application_id=application_id)
    _status_check(application, GrantApplicationStatus.SUBMITTED)
    ticked = {item: bool(checklist.get(item)) for item in VERIFICATION_CHECKLIST}
    passed = all(ticked.values())
    if not passed and not reason.strip():
        raise GrantError(
            _("Give the reason: an item of the checklist is not met."),
            code="reason_missing",
            details={"field": "reason"},
        )
    now = timezone.now()
    application.checklist = ticked
    application.verified_by = by
    application.verified_at = now
    fields = ["checklist", "verified_by", "verified_at", "status", "updated_at"]
    if passed:
        application.status = GrantApplicationStatus.VERIFIED
    else:
        application.status = GrantApplicationStatus.REJECTED
        application.decided_by, application.decided_at = by, now
        application.decision_reason = reason.strip()[:500]
        fields += ["decided_by", "decided_at", "decision_reason"]
    application.save(update_fields=fields)
    return application


@transaction.atomic
def grant_approve(*, by: User, application_id: int) -> GrantApplication:
    """Approve a verified application within its batch's budget (admin) and post it to the
    ledger; refused, with nothing recorded, when the budget left is too small."""
    _admin_only(by)
    application = _locked(by=by, application_id=application_id)
    if application.status == GrantApplicationStatus.APPROVED:
        return application  # approved already: a second click changes nothing
    _status_check(application, GrantApplicationStatus.VERIFIED)
    _no_grant_held(application)
    amount = application.amount
    # One conditional UPDATE: two admins approving at once cannot both take the last of the
    # budget (the CHECK on the batch is the backstop).
    taken = GrantBatch.objects.filter(
        pk=application.batch_id, committed_amount__lte=F("budget_ceiling") - amount
    ).update(committed_amount=F("committed_amount") + amount)
    if not taken:
        batch = GrantBatch.objects.get(pk=application.batch_id)
        raise GrantError(
            _("Over budget: remaining %(remaining)s.")
            % {"remaining": rupiah_label(max(batch.remaining_budget, 0))},
            code="over_budget",
        )
    _decided(application, by=by, status=GrantApplicationStatus.APPROVED, reason="")
    ledger_post(
        kind=LedgerTransactionKind.GRANT_APPROVED,
        postings=[
            debit(LedgerAccount.GRANT_EXPENSE, amount, grant_application_id=application.pk),
            credit(LedgerAccount.GRANTS_PAYABLE, amount, grant_application_id=application.pk),
        ],
        idempotency_key=f"grant:{application.pk}:approved",
        occurred_on=timezone.localdate(),
        actor=by,
        memo=application.business_name,
        grant_application=application,
    )
    return application


def _no_grant_held(application: GrantApplication) -> None:
    # Applications in two batches may both pass the checks at the desk; the person's row,
    # locked here as at the desk, lets only the first of them become a grant.
    Person.objects.select_for_update().filter(pk=application.person_id).first()
    if not application.batch.once_per_person:
        return
    held = GrantApplication.objects.filter(
        person_id=application.person_id, status__in=GRANT_HELD_STATUSES
    ).exclude(pk=application.pk)
    if held.exists():
        raise GrantError(
            _("The applicant has already received a Tangerang Bisa grant."),
            code="earlier_grant",
        )


@transaction.atomic
def grant_reject(*, by: User, application_id: int, reason: str) -> GrantApplication:
    """Reject a submitted or verified application (admin), with the reason."""
    _admin_only(by)
    _reason_check(reason)
    application = _locked(by=by, application_id=application_id)
    _status_check(application, GrantApplicationStatus.SUBMITTED, GrantApplicationStatus.VERIFIED)
    _decided(application, by=by, status=GrantApplicationStatus.REJECTED, reason=reason)
    return application


@transaction.atomic
def grant_cancel(*, by: User, application_id: int, reason: str) -> GrantApplication:
    """Cancel an approved grant not yet paid out (admin): its budget is released and the
    approval's mirror posted."""
    _admin_only(by)
    _reason_check(reason)
    application = _locked(by=by, application_id=application_id)
    _status_check(application, GrantApplicationStatus.APPROVED)
    if application.disbursements.filter(status__in=LIVE_DISBURSEMENT_STATUSES).exists():
        raise GrantError(
            _("A payout of this grant is under way: cancel the payout first."),
            code="payout_live",
        )
    amount = application.amount
    GrantBatch.objects.filter(pk=application.batch_id, committed_amount__gte=amount).update(
        committed_amount=F("committed_amount") - amount
    )
    _decided(application, by=by, status=GrantApplicationStatus.CANCELLED, reason=reason)
    ledger_post(
        kind=LedgerTransactionKind.GRANT_CANCELLED,
        postings=[
            debit(LedgerAccount.GRANTS_PAYABLE, amount, grant_application_id=application.pk),
            credit(LedgerAccount.GRANT_EXPENSE, amount, grant_application_id=application.pk),
        ],
        idempotency_key=f"grant:{application.pk}:cancelled",
        occurred_on=timezone.localdate(),
        actor=by,
        memo=reason,
        grant_application=application,
    )
    return application


def _reason_check(reason: str) -> None:
    if not reason.strip():
        raise GrantError(_("Give the reason."), code="reason_missing", details={"field": "reason"})


def _decided(application: GrantApplication, *, by: User, status: str, reason: str) -> None:
    application.status = status
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = reason.strip()[:500]
    application.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"]
    )


@dataclass(frozen=True)
class UsageDetails:
    """What a paid grant bought, as its recipient reports it."""

    spent_on: str
    amount_spent: int
    business_running: bool
    evidence: tuple[str, bytes] | None = None  # (extension, content), checked already


@transaction.atomic
def grant_usage_report(*, by: User, application_id: int, usage: UsageDetails) -> UsageReport:
    """Record (or correct) what a paid grant bought: its recipient, or staff of the area."""
    application = _locked(by=by, application_id=application_id)
    if by.role not in STAFF_ROLES and application.person.user_id != by.pk:
        raise PermissionDeniedError(_("Only the recipient or staff may report on a grant."))
    _status_check(application, GrantApplicationStatus.PAID)
    if not usage.spent_on.strip():
        raise GrantError(
            _("Fill in this field."), code="field_missing", details={"field": "spent_on"}
        )
    report = UsageReport.objects.filter(application=application).first() or UsageReport(
        application=application
    )
    report.spent_on = usage.spent_on.strip()
    report.amount_spent = usage.amount_spent
    report.business_running = usage.business_running
    report.reported_by = by
    if usage.evidence is not None:
        extension, content = usage.evidence
        # A name the app makes: the one uploaded may carry personal data.
        report.evidence.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    report.save()
    return report
