"""Bulk-transfer files: approved grant payouts written in the bank's layout, stored, and
marked as sent, all in one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.scoping import scope_to_user
from balai.enterprise.bank.adapters import TransferLine, bank_layout
from balai.enterprise.bank.settlement import disbursements_mark_sent
from balai.enterprise.models import (
    BankTransferFile,
    DisbursementChannel,
    DisbursementStatus,
    GrantDisbursement,
)

# A bank portal takes files of a few thousand lines at most; more go in the next file.
TRANSFER_FILE_MAX_LINES = 10_000


class NothingToSendError(ApplicationError):
    code = "nothing_to_send"


def admin_required(actor: User) -> None:
    """Refuse anybody but an admin: money leaves the programme's account."""
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an admin sends payouts to the bank."))


@transaction.atomic
def bank_transfer_create(
    *, actor: User, disbursement_ids: Sequence[int] | None = None
) -> BankTransferFile:
    """Write every approved bank payout (or those of `disbursement_ids`) into a transfer
    file in the bank's layout, store it, and mark them sent; a payout goes in one file."""
    admin_required(actor)
    disbursements = list(_ready(actor, disbursement_ids))
    if not disbursements:
        raise NothingToSendError(_("No approved bank payout is waiting to be sent."))
    if disbursement_ids is not None and len(disbursements) != len(set(disbursement_ids)):
        raise NothingToSendError(
            _("Some of the payouts chosen are not approved bank payouts waiting to be sent."),
            details={"field": "disbursement_ids"},
        )
    layout = bank_layout()
    content = layout.transfer_file(_line(disbursement) for disbursement in disbursements)
    transfer_file = BankTransferFile(
        layout=layout.name,
        line_count=len(disbursements),
        total_amount=sum(disbursement.amount for disbursement in disbursements),
        created_by=actor,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    transfer_file.file.save(
        f"transfer-{stamp}.{layout.file_extension}", ContentFile(content), save=False
    )
    transfer_file.save()
    disbursements_mark_sent(
        disbursements=disbursements,
        transfer_file=transfer_file,
        sent_on=timezone.localdate(),
        actor=actor,
    )
    return transfer_file


def _ready(actor: User, disbursement_ids: Sequence[int] | None) -> list[GrantDisbursement]:
    # Locked first: a second file made at the same moment waits, then finds none approved.
    ready = (
        scope_to_user(GrantDisbursement.objects.all(), actor)
        .filter(
            status=DisbursementStatus.APPROVED,
            channel=DisbursementChannel.BANK_TRANSFER,
            transfer_file__isnull=True,
        )
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if disbursement_ids is not None:
        ready = ready.filter(pk__in=list(disbursement_ids))
    return list(ready[:TRANSFER_FILE_MAX_LINES])


def _line(disbursement: GrantDisbursement) -> TransferLine:
    return TransferLine(
        reference=disbursement.reference,
        bank_code=disbursement.provider_code,
        account_number=disbursement.account_number,
        account_holder=disbursement.account_name,
        amount=disbursement.amount,
        remark=f"Hibah usaha {disbursement.reference}",
    )
