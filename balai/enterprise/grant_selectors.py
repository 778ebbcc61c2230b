"""Reads of Tangerang Bisa grants: batches with their budget, applications as each user may
see them, and what paid grants bought (on the page and as .xlsx)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user, scoped_get
from balai.core.spreadsheet_cells import sheet_row_append
from balai.enterprise.models import (
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
    GroupMembership,
    GroupRole,
)


def grant_batch_list() -> QuerySet[GrantBatch]:
    """Return every batch, the latest to open first (batches hold no personal data)."""
    return GrantBatch.objects.order_by("-opens_on", "-pk")


def grant_batches_open() -> QuerySet[GrantBatch]:
    """Return the batches taking applications today."""
    today = timezone.localdate()
    return grant_batch_list().filter(opens_on__lte=today, closes_on__gte=today)


def grant_batch_get(*, batch_id: int) -> GrantBatch:
    """Return the batch `batch_id`, or refuse as not found."""
    batch = GrantBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFoundError(_("No such grant batch."), code="batch_unknown")
    return batch


def grant_groups_led(*, user: User) -> list[tuple[int, str]]:
    """Return (id, name) of the groups a participant leads now: they may apply for them."""
    if user.role != Role.PARTICIPANT:
        return []
    memberships = GroupMembership.objects.filter(
        person__user=user, left_on__isnull=True, role=GroupRole.LEADER
    ).select_related("group")
    return [(membership.group_id, membership.group.name) for membership in memberships]


def grant_list(*, user: object) -> QuerySet[GrantApplication]:
    """Return the applications `user` may see (staff: their area's; a participant: their own
    and their group's), with batch, applicant, group and kelurahan."""
    applications = GrantApplication.objects.select_related(
        "batch", "person", "group", "kelurahan", "usage_report"
    )
    return scope_to_user(applications, user)


def grant_list_filtered(
    *, user: object, batch_id: int | None = None, status: str = ""
) -> QuerySet[GrantApplication]:
    """Return the applications `user` may see, of one batch and status if given, oldest
    first (the order they came in, and are verified)."""
    applications = grant_list(user=user)
    if batch_id is not None:
        applications = applications.filter(batch_id=batch_id)
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("created_at", "pk")


def grant_get(*, user: object, grant_id: int) -> GrantApplication:
    """Return the application `grant_id` if `user` may see it, or refuse as not found."""
    return scoped_get(grant_list(user=user), user, pk=grant_id)


@dataclass(frozen=True)
class GrantUsageSummary:
    """Paid grants of a batch in the user's area, and what their recipients reported."""

    grants: list[GrantApplication]
    paid: int
    reported: int
    total_paid: int
    total_spent: int
    running: int

    @property
    def not_reported(self) -> int:
        return self.paid - self.reported


def grant_usage_summary(*, user: object, batch_id: int | None) -> GrantUsageSummary:
    """Return the paid grants `user` may see (of one batch if given) with their reports."""
    paid = grant_list_filtered(user=user, batch_id=batch_id, status=GrantApplicationStatus.PAID)
    grants = list(paid)
    reports = [grant.usage_report for grant in grants if _has_report(grant)]
    return GrantUsageSummary(
        grants=grants,
        paid=len(grants),
        reported=len(reports),
        total_paid=sum(grant.amount for grant in grants),
        total_spent=sum(report.amount_spent for report in reports),
        running=sum(1 for report in reports if report.business_running),
    )


def _has_report(grant: GrantApplication) -> bool:
    return hasattr(grant, "usage_report")


def grant_usage_workbook(*, summary: GrantUsageSummary) -> bytes:
    """Return the paid grants of `summary` as .xlsx: one row each, no NIK."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Grant usage"))
    headings = [
        _("Recipient"),
        _("Business"),
        _("Kelurahan"),
        _("Batch"),
        _("Grant (Rp)"),
        _("Reported"),
        _("What was bought"),
        _("Amount spent (Rp)"),
        _("The business is running"),
    ]
    sheet_row_append(sheet, headings, font=Font(bold=True))
    for grant in summary.grants:
        report = grant.usage_report if _has_report(grant) else None
        sheet_row_append(
            sheet,
            [
                grant.person.full_name,
                grant.business_name,
                grant.kelurahan.name,
                grant.batch.name,
                grant.amount,
                _("yes") if report else _("no"),
                report.spent_on if report else "",
                report.amount_spent if report else None,
                (_("yes") if report.business_running else _("no")) if report else "",
            ],
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
