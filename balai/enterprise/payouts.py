"""Paying approved grants: a maker records the payout, a checker (another admin) approves it,
it leaves in the partner bank's bulk-transfer file, and the bank's statement says paid or
returned. A returned payout is retried as a new attempt that needs a checker again.

The ledger follows the money, as the bank moves it: the bank debits the programme's account
for the whole file when it accepts it and credits back what it could not pay. So

- marked sent: GRANT_DISBURSED, Dr grants payable / Cr bank (key `payout:<id>:sent`);
- marked returned: GRANT_RETURNED, Dr bank / Cr grants payable (key `payout:<id>:returned`);
- marked paid: nothing moves (the money left when it was sent); the grant becomes PAID.

Grants payable for a grant is therefore -amount once approved (the grants' GRANT_APPROVED),
0 while a payout is out or paid, and -amount again after a return, until a retry goes out.

Only admins (Disnaker's finance staff) make and check payouts: an operator verifies grants
in their kelurahan, but money leaving the city's account is decided centrally.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_record, audit_record_created
from balai.core.errors import NotFoundError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.core.scoping import scope_to_user
from balai.enterprise.ledger import credit, debit, ledger_post
from balai.enterprise.models import (
    LIVE_DISBURSEMENT_STATUSES,
    BankTransferFile,
    DisbursementStatus,
    GrantApplication,
    GrantApplicationStatus,
    GrantDisbursement,
    LedgerAccount,
    LedgerTransactionKind,
)
from balai.enterprise.payout_accounts import (
    PayoutAccount,
    PayoutError,
    account_number_masked,
    payout_account_checked,
)

PAYOUT_AUDIT = AuditPolicy(
    fields=(
        "application_id",
        "attempt",
        "amount",
        "channel",
        "provider_code",
        "account_number",
        "account_name",
        "reference",
        "status",
    ),
    masked={"account_number": lambda number: account_number_masked(number)},
)


def _admin_required(actor: User) -> None:
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            _("Only Disnaker's finance staff (administrators) record and approve payouts."),
            code="payout_not_allowed",
        )


@transaction.atomic
def payout_record(
    *,
    grant_id: int,
    channel: str,
    provider_code: str,
    account_number: str,
    account_name: str,
    idempotency_key: str,
    actor: User,
) -> GrantDisbursement:
    """Record a payout of the approved grant `grant_id` (the maker's half); the amount is the
    grant's. Sending the same request again (same key) returns the payout it recorded."""
    _admin_required(actor)
    key = _key_checked(idempotency_key)
    account = payout_account_checked(
        PayoutAccount(channel, provider_code, account_number, account_name)
    )
    # Locked first: two desks recording at once for one grant are served one after the other.
    grant = _grant_locked(actor, grant_id)
    replayed = _replayed(key, grant)
    if replayed is not None:
        return replayed
    _recordable_check(grant)
    attempt = (grant.disbursements.aggregate(last=Max("attempt"))["last"] or 0) + 1
    disbursement = GrantDisbursement(
        application=grant,
        attempt=attempt,
        amount=grant.amount,
        channel=account.channel,
        provider_code=account.provider_code,
        account_number=account.account_number,
        account_name=account.account_name,
        reference=f"TB-{grant.pk}-{attempt}",
        idempotency_key=key,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            disbursement.save()
    except IntegrityError:
        # The database's constraints are the backstop behind the lock and the checks above.
        replayed = _replayed(key, grant)
        if replayed is not None:
            return replayed
        raise _already_live_error() from None
    audit_record_created(target=disbursement, policy=PAYOUT_AUDIT)
    return disbursement


@transaction.atomic
def payout_retry(
    *,
    disbursement: GrantDisbursement,
    channel: str,
    provider_code: str,
    account_number: str,
    account_name: str,
    idempotency_key: str,
    actor: User,
) -> GrantDisbursement:
    """Record a new attempt of a payout the bank returned, with corrected account details;
    like the first, it waits for a checker."""
    _admin_required(actor)
    returned = GrantDisbursement.objects.get(pk=disbursement.pk)
    replayed = GrantDisbursement.objects.filter(
        idempotency_key=idempotency_key.strip(), application_id=returned.application_id
    ).first()
    if replayed is not None:
        return replayed
    if returned.status != DisbursementStatus.FAILED:
        raise PayoutError(
            _("Only a payout the bank returned can be retried."), code="payout_not_returned"
        )
    return payout_record(
        grant_id=returned.application_id,
        channel=channel,
        provider_code=provider_code,
        account_number=account_number,
        account_name=account_name,
        idempotency_key=idempotency_key,
        actor=actor,
    )


def _key_checked(idempotency_key: str) -> str:
    key = idempotency_key.strip()
    if not 8 <= len(key) <= 64:
        raise PayoutError(
            _("The request carries no usable request key; open the form again."),
            code="idempotency_key_invalid",
            details={"field": "idempotency_key"},
        )
    return key


def _grant_locked(actor: User, grant_id: int) -> GrantApplication:
    grants = scope_to_user(GrantApplication.objects.all(), actor)
    grant = grants.select_for_update(of=("self",)).filter(pk=grant_id).first()
    if grant is None:
        raise NotFoundError(_("No such grant, or outside your area."), code="grant_unknown")
    return grant


def _replayed(key: str, grant: GrantApplication) -> GrantDisbursement | None:
    earlier = GrantDisbursement.objects.filter(idempotency_key=key).first()
    if earlier is not None and earlier.application_id != grant.pk:
        raise PayoutError(
            _("This request key was already used for another grant; open the form again."),
            code="idempotency_key_reused",
        )
    return earlier


def _recordable_check(grant: GrantApplication) -> None:
    if grant.disbursements.filter(status__in=LIVE_DISBURSEMENT_STATUSES).exists():
        raise _already_live_error()
    if grant.status != GrantApplicationStatus.APPROVED:
        raise PayoutError(
            _("Only an approved grant can be paid; this one is %(status)s.")
            % {"status": grant.get_status_display().lower()},
            code="grant_not_approved",
        )


def _already_live_error() -> PayoutError:
    return PayoutError(
        _(
            "This grant already has a payout recorded, approved, sent or paid: a grant is "
            "paid once. Cancel that payout first, or wait for the bank to return it."
        ),
        code="payout_already_live",
    )


@transaction.atomic
def payout_approve(*, disbursement: GrantDisbursement, actor: User) -> GrantDisbursement:
    """Approve a recorded payout (the checker's half): never by the admin who recorded it.
    Pressing twice approves once."""
    _admin_required(actor)
    if disbursement.recorded_by_id == actor.pk:
        raise PayoutError(
            _(
                "You recorded this payout, so another administrator must approve it "
                "(maker and checker are two people)."
            ),
            code="payout_maker_cannot_approve",
        )
    approved = (
        GrantDisbursement.objects.filter(pk=disbursement.pk, status=DisbursementStatus.RECORDED)
        .exclude(recorded_by=actor)
        .update(
            status=DisbursementStatus.APPROVED,
            approved_by=actor,
            approved_at=timezone.now(),
            updated_at=timezone.now(),
        )
    )
    disbursement.refresh_from_db()
    if not approved:
        if disbursement.status == DisbursementStatus.APPROVED and (
            disbursement.approved_by_id == actor.pk
        ):
            return disbursement  # a double click
        raise PayoutError(
            _("This payout is no longer awaiting approval (it is %(status)s).")
            % {"status": disbursement.get_status_display().lower()},
            code="payout_not_awaiting_approval",
        )
    _audit_status(disbursement, DisbursementStatus.RECORDED)
    return disbursement


@transaction.atomic
def payout_cancel(
    *, disbursement: GrantDisbursement, reason: str, actor: User
) -> GrantDisbursement:
    """Cancel a payout not yet sent to the bank, saying why; the grant may be paid anew."""
    _admin_required(actor)
    reason = " ".join(reason.split())
    if not reason:
        raise PayoutError(
            _("Say why the payout is cancelled."),
            code="payout_cancel_reason_missing",
            details={"field": "reason"},
        )
    locked = GrantDisbursement.objects.select_for_update().get(pk=disbursement.pk)
    if locked.status == DisbursementStatus.CANCELLED:
        return locked
    if locked.status not in (DisbursementStatus.RECORDED, DisbursementStatus.APPROVED):
        raise PayoutError(
            _("A payout sent to the bank cannot be cancelled; wait for the bank's statement."),
            code="payout_not_cancellable",
        )
    before = locked.status
    locked.status = DisbursementStatus.CANCELLED
    # The one reason a payout ended unpaid: returned by the bank, or cancelled here.
    locked.failure_reason = reason[:300]
    locked.save(update_fields=["status", "failure_reason", "updated_at"])
    _audit_status(locked, before, reason=reason)
    return locked


@transaction.atomic
def payout_mark_sent(
    *, disbursement_ids: Sequence[int], transfer_file: BankTransferFile
) -> list[GrantDisbursement]:
    """Mark approved payouts as sent in `transfer_file`, all or none, and post the money out
    of the programme's account. Payouts already sent in this file are left as they are."""
    disbursements = list(
        GrantDisbursement.objects.select_for_update()
        .filter(pk__in=set(disbursement_ids))
        .order_by("pk")
    )
    if len(disbursements) != len(set(disbursement_ids)):
        raise NotFoundError(_("Some of these payouts do not exist."), code="payout_unknown")
    not_ready = [
        disbursement.reference
        for disbursement in disbursements
        if disbursement.status != DisbursementStatus.APPROVED
        and not _sent_in(disbursement, transfer_file)
    ]
    if not_ready:
        raise PayoutError(
            _("Only approved payouts can be sent; these are not: %(references)s.")
            % {"references": ", ".join(not_ready)},
            code="payout_not_approved",
            details={"references": not_ready},
        )
    sent_on = timezone.localdate()
    for disbursement in disbursements:
        if disbursement.status == DisbursementStatus.APPROVED:
            _send(disbursement, transfer_file, sent_on)
    return disbursements


def _sent_in(disbursement: GrantDisbursement, transfer_file: BankTransferFile) -> bool:
    return (
        disbursement.status == DisbursementStatus.SENT
        and disbursement.transfer_file_id == transfer_file.pk
    )


def _send(
    disbursement: GrantDisbursement, transfer_file: BankTransferFile, sent_on: datetime.date
) -> None:
    disbursement.status = DisbursementStatus.SENT
    disbursement.transfer_file = transfer_file
    disbursement.save(update_fields=["status", "transfer_file", "updated_at"])
    ledger_post(
        kind=LedgerTransactionKind.GRANT_DISBURSED,
        postings=[
            debit(
                LedgerAccount.GRANTS_PAYABLE,
                disbursement.amount,
                grant_application_id=disbursement.application_id,
            ),
            credit(LedgerAccount.BANK, disbursement.amount),
        ],
        idempotency_key=f"payout:{disbursement.pk}:sent",
        occurred_on=sent_on,
        actor=transfer_file.created_by,
        memo=disbursement.reference,
        grant_application_id=disbursement.application_id,
        grant_disbursement=disbursement,
    )
    _audit_status(disbursement, DisbursementStatus.APPROVED)


@transaction.atomic
def payout_mark_paid(
    *, disbursement: GrantDisbursement, paid_on: datetime.date, provider_reference: str
) -> GrantDisbursement:
    """Record that the bank paid a sent payout on `paid_on`; its grant is then paid. The same
    statement line read twice records it once."""
    locked = GrantDisbursement.objects.select_for_update().get(pk=disbursement.pk)
    if locked.status == DisbursementStatus.PAID:
        return locked
    _sent_check(locked)
    if paid_on > timezone.localdate():
        raise PayoutError(
            _("A payout cannot be paid on a future date."),
            code="payout_paid_in_future",
            details={"field": "paid_on"},
        )
    locked.status = DisbursementStatus.PAID
    locked.paid_on = paid_on
    locked.provider_reference = provider_reference.strip()[:64]
    locked.save(update_fields=["status", "paid_on", "provider_reference", "updated_at"])
    GrantApplication.objects.filter(
        pk=locked.application_id, status=GrantApplicationStatus.APPROVED
    ).update(status=GrantApplicationStatus.PAID, updated_at=timezone.now())
    _audit_status(locked, DisbursementStatus.SENT)
    return locked


@transaction.atomic
def payout_mark_returned(
    *, disbursement: GrantDisbursement, reason: str, returned_on: datetime.date
) -> GrantDisbursement:
    """Record that the bank returned a sent payout (the account closed, the name did not
    match…) and post the money back into the programme's account; the grant may be retried."""
    locked = GrantDisbursement.objects.select_for_update().get(pk=disbursement.pk)
    if locked.status == DisbursementStatus.FAILED:
        return locked
    _sent_check(locked)
    reason = " ".join(reason.split()) or _("Returned by the bank")
    locked.status = DisbursementStatus.FAILED
    locked.failure_reason = reason[:300]
    locked.save(update_fields=["status", "failure_reason", "updated_at"])
    ledger_post(
        kind=LedgerTransactionKind.GRANT_RETURNED,
        postings=[
            debit(LedgerAccount.BANK, locked.amount),
            credit(
                LedgerAccount.GRANTS_PAYABLE,
                locked.amount,
                grant_application_id=locked.application_id,
            ),
        ],
        idempotency_key=f"payout:{locked.pk}:returned",
        occurred_on=returned_on,
        actor=None,
        memo=f"{locked.reference}: {reason}",
        grant_application_id=locked.application_id,
        grant_disbursement=locked,
    )
    _audit_status(locked, DisbursementStatus.SENT, reason=reason)
    return locked


def _sent_check(disbursement: GrantDisbursement) -> None:
    if disbursement.status != DisbursementStatus.SENT:
        raise PayoutError(
            _("Payout %(reference)s was not sent to the bank (it is %(status)s).")
            % {
                "reference": disbursement.reference,
                "status": disbursement.get_status_display().lower(),
            },
            code="payout_not_sent",
        )


def _audit_status(disbursement: GrantDisbursement, before: str, *, reason: str = "") -> None:
    audit_record(
        action=AuditAction.UPDATE,
        target=disbursement,
        changes={"status": {"old": before, "new": disbursement.status}},
        reason=reason,
    )
