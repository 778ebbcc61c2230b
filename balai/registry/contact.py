"""Correcting a person's contact data at the front desk: the operator writes what the
resident tells them, and why, and the audit log keeps both (values masked)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.services import participant_username_follow_phone
from balai.core.audit import model_update
from balai.core.errors import ApplicationError
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.registry.phones import phone_normalise
from balai.registry.services import (
    PERSON_AUDIT_POLICY,
    duplicates_queue,
    person_locked,
    phone_codes_void,
)
from balai.registry.typed import text_typed

# Long enough for "nomor lama hilang, diganti kartu baru", short enough to stay one line.
REASON_MIN_LENGTH = 5


@dataclass(frozen=True)
class ContactDetails:
    """A person's contact data as an operator typed it (the phone in any common form)."""

    phone: str
    email: str
    address: str
    domicile_kelurahan: Kelurahan


@transaction.atomic
def person_contact_correct(*, person: Person, details: ContactDetails, reason: str) -> Person:
    """Correct `person`'s phone, e-mail, address and domicile, recording the change and
    `reason` in the audit log; refuse a correction with no reason, or nothing changed."""
    reason = text_typed(reason, field="reason", label=_("The reason"))
    if len(reason) < REASON_MIN_LENGTH:
        message = _("Write why the data is corrected (for example: the resident has a new phone).")
        raise ApplicationError(message, code="reason_missing", details={"reason": [message]})
    fields = _checked(details)
    locked = person_locked(person)
    old_phone = locked.phone
    changes = model_update(
        instance=locked, fields=fields, policy=PERSON_AUDIT_POLICY, reason=reason
    )
    if not changes:
        raise ApplicationError(_("Nothing was changed."), code="nothing_changed")
    if "phone" in changes:  # a new number may be somebody else's: the duplicate queue looks
        phone_codes_void(person=locked)  # a code sent to the old phone must not open the account
        duplicates_queue(people=[locked])
        if locked.user is not None:  # the resident signs in with the number on record
            participant_username_follow_phone(
                user=locked.user, old_phone=old_phone, new_phone=locked.phone
            )
    for name, value in fields.items():
        setattr(person, name, value)  # the caller's copy, as the row now is
    return person


def _checked(details: ContactDetails) -> dict[str, object]:
    email = text_typed(details.email, field="email", label=_("The e-mail address"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            message = _("This is not an e-mail address, such as nama@contoh.id.")
            raise ApplicationError(
                message, code="email_invalid", details={"email": [message]}
            ) from None
    return {
        "phone": phone_normalise(details.phone) if details.phone.strip() else "",
        "email": email,
        "address": text_typed(details.address, field="address", label=_("The address")),
        "domicile_kelurahan": details.domicile_kelurahan,
    }
