"""Enterprise's sections of a person (see balai.registry.history and
balai.registry.data_subject): their business groups, grants and loans, on the front desk's
person page and in the resident's own data download."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.money import rupiah_label
from balai.core.scoping import scope_to_user
from balai.enterprise.models import (
    GrantApplication,
    GrantApplicationStatus,
    GroupMembership,
    GroupRole,
    Loan,
    LoanStatus,
)
from balai.registry.data_subject import Entry, PersonalDataSection, choice_item, item
from balai.registry.history import HistorySection, HistoryTable
from balai.registry.models import Person


def _day(value: datetime.date | None) -> str:
    return formats.date_format(value, "j M Y") if value else "—"


def _memberships(person_filter: Q, user: User) -> QuerySet[GroupMembership]:
    return (
        scope_to_user(GroupMembership.objects.filter(person_filter), user)
        .select_related("group")
        .order_by("joined_on", "pk")
    )


def _grants(person_filter: Q, user: User) -> QuerySet[GrantApplication]:
    return (
        scope_to_user(GrantApplication.objects.filter(person_filter), user)
        .select_related("batch")
        .order_by("created_at", "pk")
    )


def _loans(borrower_filter: Q, user: User) -> QuerySet[Loan]:
    return (
        scope_to_user(Loan.objects.filter(borrower_filter), user)
        .select_related("product", "group")
        .order_by("disbursed_on", "pk")
    )


def _enterprise_rows(person: Person, user: User) -> HistoryTable:
    rows = [
        [
            _("Business group"),
            f"{membership.group.name} ({membership.get_role_display()})",
            _day(membership.joined_on),
            _day(membership.left_on),
        ]
        for membership in _memberships(Q(person=person), user)
    ]
    rows += [
        [
            _("Capital grant"),
            f"{grant.batch.name}: {rupiah_label(grant.amount)} ({grant.get_status_display()})",
            _day(grant.created_at),
            "—",
        ]
        for grant in _grants(Q(person=person), user)
    ]
    rows += [
        [
            _("Loan"),
            f"{loan.product.name}: {rupiah_label(loan.principal)} ({loan.get_status_display()})",
            _day(loan.disbursed_on),
            _day(loan.closed_on),
        ]
        for loan in _loans(Q(borrower=person), user)
    ]
    return HistoryTable(headings=[_("Kind"), _("What"), _("From"), _("Until")], rows=rows)


def enterprise_entries(user: User) -> list[Entry]:
    """The resident's groups, grants and loans, oldest first, as the download keeps them."""
    entries = [
        Entry(
            title=_("Business group: %(name)s") % {"name": membership.group.name},
            items=[
                choice_item("role", _("Role"), membership.role, GroupRole),
                item("joined_on", _("From"), membership.joined_on),
                item("left_on", _("Until"), membership.left_on),
            ],
        )
        for membership in _memberships(Q(person__user=user), user)
    ]
    entries += [
        Entry(
            title=_("Capital grant: %(batch)s") % {"batch": grant.batch.name},
            items=[
                item("business_name", _("Business"), grant.business_name),
                item("amount", _("Amount"), grant.amount),
                choice_item("status", _("Status"), grant.status, GrantApplicationStatus),
                item("applied_at", _("Applied"), grant.created_at),
            ],
        )
        for grant in _grants(Q(person__user=user), user)
    ]
    entries += [
        Entry(
            title=_("Loan: %(product)s") % {"product": loan.product.name},
            items=[
                item("principal", _("Principal"), loan.principal),
                item("admin_fee", _("Administration fee"), loan.admin_fee),
                item("disbursed_on", _("Disbursed on"), loan.disbursed_on),
                choice_item("status", _("Status"), loan.status, LoanStatus),
                item("closed_on", _("Closed on"), loan.closed_on),
            ],
        )
        for loan in _loans(Q(borrower__user=user), user)
    ]
    return entries


ENTERPRISE_HISTORY = HistorySection(
    name="enterprise",
    title=gettext_lazy("Business, grants and loans"),
    order=70,
    read=_enterprise_rows,
)
ENTERPRISE_PERSONAL_DATA = PersonalDataSection(
    name="enterprise",
    title=gettext_lazy("Business, grants and loans"),
    order=75,
    entries_of=enterprise_entries,
)
