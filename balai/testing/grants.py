"""Tangerang Bisa applications for enterprise's tests, made through the grant services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from balai.accounts.models import User
from balai.enterprise.grants import (
    VERIFICATION_CHECKLIST,
    BusinessDetails,
    grant_apply,
    grant_approve,
    grant_verify,
)
from balai.enterprise.models import (
    BusinessType,
    GrantApplication,
    GrantApplicationStatus,
    GrantBatch,
)
from balai.registry.models import Person

ALL_TICKED = dict.fromkeys(VERIFICATION_CHECKLIST, True)


def business(**changes: object) -> BusinessDetails:
    """A warung opened three months ago (before the pinned today)."""
    fields: dict[str, object] = {
        "business_name": "Warung Berkah",
        "business_type": BusinessType.FOOD,
        "business_started_on": timezone.localdate() - datetime.timedelta(days=92),
        "business_address": "Jl. Merdeka 1",
        "requested_use": "Etalase dan kompor",
        "declares_other_city_grant": False,
    }
    fields.update(changes)
    return BusinessDetails(**fields)  # type: ignore[arg-type]  # the fields above, typed


def apply_for(person: Person, batch: GrantBatch, **changes: object) -> GrantApplication:
    """`person` applies for themself (through their own account)."""
    assert person.user is not None  # residents of the helpers have accounts
    return grant_apply(by=person.user, batch_id=batch.pk, details=business(**changes))


def make_verified(person: Person, batch: GrantBatch, *, operator: User) -> GrantApplication:
    """An application of `person`, verified by `operator` (every item ticked)."""
    application = apply_for(person, batch)
    return grant_verify(by=operator, application_id=application.pk, checklist=ALL_TICKED)


def make_approved(
    person: Person, batch: GrantBatch, *, operator: User, admin: User
) -> GrantApplication:
    """An application of `person`, verified and approved within the batch's budget."""
    application = make_verified(person, batch, operator=operator)
    return grant_approve(by=admin, application_id=application.pk)


def mark_paid(application: GrantApplication) -> GrantApplication:
    """Stand in for the payouts part: the grant was paid out."""
    GrantApplication.objects.filter(pk=application.pk).update(status=GrantApplicationStatus.PAID)
    application.refresh_from_db()
    return application
