"""Residents ask to correct their own record; an operator of their area approves or rejects.

The privacy statement promises residents they may correct their data from their account.
A request changes nothing: the operator of the resident's kelurahan (or of its kecamatan, or
an admin) reviews it, and only an approval applies it, through `model_update`, so the person's
audit entry says what changed as any other correction does. A rejection carries a reason that
the resident reads. The NIK is never corrected here: see `CorrectionField`.
"""

from __future__ import annotations

import datetime
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.accounts.services import participant_username_follow_phone, user_rename
from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.encryption import decrypt_text
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.scoping import scope_to_user
from balai.notifications.catalogue import MessageKind
from balai.notifications.services import Message, notifications_queue
from balai.registry.models import CorrectionField, CorrectionRequest, CorrectionStatus, Person, Sex
from balai.registry.names import name_phonetic_key
from balai.registry.nik import nik_check
from balai.registry.phones import phone_normalise
from balai.registry.services import (
    PERSON_AUDIT_POLICY,
    duplicates_queue,
    person_locked,
    person_name_key,
    phone_codes_void,
)
from balai.registry.typed import name_typed, text_typed

# The values asked for and the reasons are the resident's words about themselves: the log
# records that they changed, not what they say (the person's own entry masks what it applies).
CORRECTION_AUDIT_POLICY = AuditPolicy(
    fields=["field", "status", "old_value", "new_value", "reason", "decision_reason"],
    hidden=["old_value", "new_value", "reason", "decision_reason"],
)
REASON_MAX_LENGTH = 500
# As long as the record's columns may hold (a phone is checked whole by its own rule).
LENGTH_LIMITS = {
    CorrectionField.FULL_NAME: 150,
    CorrectionField.EMAIL: 254,
    CorrectionField.ADDRESS: 250,
}
DECIDING_ROLES = frozenset({Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR})
# A change to these may make the person look like somebody else: the duplicate queue looks.
COMPARED_FOR_DUPLICATES = frozenset(
    {CorrectionField.FULL_NAME, CorrectionField.BIRTH_DATE, CorrectionField.PHONE}
)


# The resident hears of the decision where they are reached (a corrected phone: the new one).
CORRECTION_APPROVED_MESSAGE = MessageKind(
    name="correction_approved",
    subject=gettext_lazy("Your data has been corrected"),
    body=gettext_lazy("Your kelurahan corrected your %(field)s in Balai, as you asked."),
)
CORRECTION_REJECTED_MESSAGE = MessageKind(
    name="correction_rejected",
    subject=gettext_lazy("Your correction request was not approved"),
    body=gettext_lazy(
        "Your kelurahan did not correct your %(field)s: %(reason)s. See My data in Balai, or "
        "come to the kelurahan office."
    ),
)


def value_on_record(*, person: Person, field: CorrectionField) -> str:
    """Return what `person`'s record holds for `field`, as a correction request writes it."""
    value = getattr(person, field)
    return value.isoformat() if isinstance(value, datetime.date) else str(value or "")


def correction_value_checked(*, person: Person, field: CorrectionField, raw: str) -> str:
    """Return `raw` as the record would keep it for `field`, or refuse it saying why."""
    if field == CorrectionField.FULL_NAME:
        value = name_typed(raw)
    elif field == CorrectionField.BIRTH_DATE:
        value = _birth_date_checked(person, raw).isoformat()
    elif field == CorrectionField.PHONE:
        value = phone_normalise(raw)
    elif field == CorrectionField.EMAIL:
        value = _email_checked(raw)
    else:
        value = text_typed(raw, field="address", label=_("The address"))
    limit = LENGTH_LIMITS.get(field)
    if limit is not None and len(value) > limit:
        _refuse(_("This is longer than %(limit)s characters.") % {"limit": limit}, "too_long")
    if value == value_on_record(person=person, field=field):
        _refuse(_("This is already what your record says."), "unchanged")
    return value


def _birth_date_checked(person: Person, raw: str) -> datetime.date:
    birth_date = _date_typed(raw)
    if birth_date > timezone.localdate():
        _refuse(_("A birth date cannot be in the future."), "birth_date_future")
    try:
        nik_check(
            nik=decrypt_text(person.nik_encrypted), birth_date=birth_date, sex=Sex(person.sex)
        )
    except ApplicationError:
        # The NIK encodes the birth date (all but its century): a date that disagrees with it
        # means the NIK on record is wrong too, which only the front desk may correct.
        _refuse(
            _(
                "This birth date does not agree with the NIK on your record (its digits 7-12 "
                "are the birth date). If the NIK is wrong too, come to the kelurahan office "
                "with your KTP: the NIK and the birth date are corrected there together."
            ),
            "birth_date_not_in_nik",
        )
    return birth_date


def _date_typed(raw: str) -> datetime.date:
    """A date as a KTP writes it (dd-mm-yyyy, dd/mm/yyyy) or as a date input sends it."""
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    _refuse(_("Write the birth date as on the KTP: dd-mm-yyyy."), "birth_date_invalid")


def _email_checked(raw: str) -> str:
    email = text_typed(raw, field="new_value", label=_("The e-mail address"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            _refuse(_("This is not an e-mail address, such as nama@contoh.id."), "email_invalid")
    return email


def _refuse(message: str, code: str) -> NoReturn:
    raise ApplicationError(message, code=code, details={"new_value": [message]})


def _reason_checked(raw: str, *, field: str) -> str:
    reason = text_typed(raw, field=field, label=_("The reason"))
    if not reason:
        message = _("Write the reason.")
        raise ApplicationError(message, code="reason_missing", details={field: [message]})
    if len(reason) > REASON_MAX_LENGTH:
        message = _("Write the reason in at most %(limit)s characters.") % {
            "limit": REASON_MAX_LENGTH
        }
        raise ApplicationError(message, code="reason_too_long", details={field: [message]})
    return reason


@transaction.atomic
def correction_request(
    *, person: Person, field: CorrectionField, new_value: str, reason: str, requested_by: User
) -> CorrectionRequest:
    """Ask, as the resident `person` is, to correct one field of their record; nothing
    changes until an operator of their area approves. Asking the same again finds the first."""
    if person.user_id != requested_by.pk:
        raise PermissionDeniedError(_("Only the resident may ask to correct their own record."))
    person = person_locked(person)
    correction = CorrectionRequest(
        person=person,
        field=field,
        old_value=value_on_record(person=person, field=field),
        new_value=correction_value_checked(person=person, field=field, raw=new_value),
        reason=_reason_checked(reason, field="reason"),
        requested_by=requested_by,
    )
    pending = CorrectionRequest.objects.filter(
        person=person, field=field, status=CorrectionStatus.PENDING
    ).first()
    if pending is not None:
        if (pending.new_value, pending.reason) == (correction.new_value, correction.reason):
            return pending  # the same request sent twice (a double click)
        raise ApplicationError(
            _(
                "You already asked to correct your %(field)s. Wait for the kelurahan's answer "
                "before asking again."
            )
            % {"field": CorrectionField(field).label},
            code="correction_pending",
        )
    # Under the person's lock: no second request for the field can be saved meanwhile.
    correction.save()
    audit_record_created(target=correction, policy=CORRECTION_AUDIT_POLICY)
    return correction


@transaction.atomic
def correction_approve(*, correction: CorrectionRequest, operator: User) -> CorrectionRequest:
    """Apply a pending correction to the person's record and record who approved it."""
    correction = _decidable(correction, operator)
    person = person_locked(correction.person)
    field = CorrectionField(correction.field)
    if value_on_record(person=person, field=field) != correction.old_value:
        raise ApplicationError(
            _(
                "The record changed after the resident asked. Reject this request, saying "
                "what the record holds now; the resident may ask again."
            ),
            code="correction_stale",
        )
    value = correction_value_checked(person=person, field=field, raw=correction.new_value)
    fields: dict[str, object] = {field: value}
    if field == CorrectionField.BIRTH_DATE:
        fields[field] = datetime.date.fromisoformat(value)
    if field == CorrectionField.FULL_NAME:
        fields["name_key"] = person_name_key(value)
        fields["name_phonetic"] = name_phonetic_key(value)  # the front desk finds the new name
    old_phone = person.phone
    model_update(instance=person, fields=fields, policy=PERSON_AUDIT_POLICY)
    if field == CorrectionField.PHONE:
        phone_codes_void(person=person)
    if field == CorrectionField.FULL_NAME and person.user is not None:
        user_rename(user=person.user, full_name=value)  # the name the pages greet them by
    if field == CorrectionField.PHONE and person.user is not None:
        participant_username_follow_phone(user=person.user, old_phone=old_phone, new_phone=value)
    if field in COMPARED_FOR_DUPLICATES:
        duplicates_queue(people=[person])
    return _decided(correction, operator, CorrectionStatus.APPROVED, reason="")


@transaction.atomic
def correction_reject(
    *, correction: CorrectionRequest, operator: User, reason: str
) -> CorrectionRequest:
    """Refuse a pending correction, with the reason the resident will read; nothing changes."""
    correction = _decidable(correction, operator)
    reason = _reason_checked(reason, field="decision_reason")
    return _decided(correction, operator, CorrectionStatus.REJECTED, reason=reason)


def _decidable(correction: CorrectionRequest, operator: User) -> CorrectionRequest:
    """The request read afresh and locked, if `operator` may decide it and nobody has."""
    requests = CorrectionRequest.objects.select_for_update(of=("self",)).select_related("person")
    visible = scope_to_user(requests.filter(pk=correction.pk), operator).first()
    if operator.role not in DECIDING_ROLES or visible is None:
        raise PermissionDeniedError(_("Only an operator of the resident's area may decide this."))
    if visible.person.user_id == operator.pk:
        raise PermissionDeniedError(_("Nobody may approve a correction to their own record."))
    if visible.status != CorrectionStatus.PENDING:
        raise ApplicationError(_("This request has already been decided."), code="decided")
    return visible


def _decided(
    correction: CorrectionRequest, operator: User, status: CorrectionStatus, *, reason: str
) -> CorrectionRequest:
    approved = status == CorrectionStatus.APPROVED
    kind = CORRECTION_APPROVED_MESSAGE if approved else CORRECTION_REJECTED_MESSAGE
    _resident_told(correction, kind, reason=reason)
    model_update(
        instance=correction,
        fields={
            "status": status,
            "decided_by": operator,
            "decided_at": timezone.now(),
            "decision_reason": reason,
        },
        policy=CORRECTION_AUDIT_POLICY,
        target_label=f"{correction.person.nik_masked} {correction.field}",
    )
    return correction


def _resident_told(correction: CorrectionRequest, kind: MessageKind, *, reason: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # as the message is written
        field = str(CorrectionField(correction.field).label)
    notifications_queue(
        messages=[
            Message(
                kind=kind.name, to=correction.person, context={"field": field, "reason": reason}
            )
        ]
    )
