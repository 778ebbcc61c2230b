"""Claiming a person's account, or getting back into it, with proof of control.

A NIK is not a secret, so knowing one opens nothing. What opens an account is a one-time
code: sent through the outbox to the phone on record, or handed over at the kelurahan
office by an operator who has seen the resident's KTP (audited). The code sets a password;
the account is created on the way if the person never had one (registered by an operator,
from a list, or by the demo).

Asking for a code answers the same whether or not the NIK and phone match a record, so the
form tells nobody who is registered.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.accounts.services import participant_account_create, user_password_set
from balai.core.audit import audit_record
from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.core.models import AuditAction
from balai.core.scoping import kelurahan_in_area, scope_to_user
from balai.notifications.catalogue import MessageKind
from balai.notifications.models import NotificationChannel
from balai.notifications.services import Message, notifications_queue
from balai.regions.models import Kelurahan
from balai.registry.models import AccountClaimCode, ClaimCodeSource, Person
from balai.registry.nik import nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.services import person_contact_restore, person_link_account, person_locked

PHONE_CODE_LIFETIME = timedelta(minutes=10)
FRONT_DESK_CODE_LIFETIME = timedelta(hours=24)
PHONE_CODE_DIGITS = 6
FRONT_DESK_CODE_DIGITS = 8
MAXIMUM_FAILED_ATTEMPTS = 5
# Codes sent to one person's phone per hour: enough for a lost message, too few to spam.
MAXIMUM_PHONE_CODES_PER_HOUR = 3

# To the phone on record alone (an e-mail address proves nothing about who holds the NIK);
# secret, so the outbox forgets it once sent; no use once the code has expired.
CLAIM_CODE_MESSAGE = MessageKind(
    name="claim_code",
    subject=gettext_lazy("Balai code"),
    body=gettext_lazy(
        "Your Balai code is %(code)s. It works for %(minutes)s minutes. Never give it to "
        "anybody, not even an officer."
    ),
    channels=(NotificationChannel.WHATSAPP,),
    secret=True,
    lifetime=PHONE_CODE_LIFETIME,
)


@dataclass(frozen=True)
class Claim:
    """A claimed account, and whether claiming it created it."""

    user: User
    created: bool


def _code_hash(person: Person, code: str) -> str:
    # Keyed and bound to the person: a six-digit code's plain hash is guessed in a moment.
    return keyed_hash(f"claim:{person.pk}:{code}")


def _new_code(digits: int) -> str:
    return "".join(secrets.choice("0123456789") for _digit in range(digits))


def _person_with_nik(nik: str) -> Person | None:
    return (
        Person.objects.select_related("user")
        .filter(nik_hash=keyed_hash(nik_normalise(nik)))
        .first()
    )


@transaction.atomic
def claim_code_send(*, nik: str, phone: str) -> None:
    """Send a one-time code to the phone on record of the person with `nik`, if `phone` is it.

    Says nothing either way: a wrong NIK, a phone that is not the one on record, and too many
    codes in the last hour all end quietly, as a sent code does.
    """
    person = _person_with_nik(nik)
    try:
        phone = phone_normalise(phone)
    except ApplicationError:
        return
    if person is None or not person.phone or person.phone != phone:
        return
    recent = AccountClaimCode.objects.filter(
        person=person,
        source=ClaimCodeSource.PHONE,
        created_at__gte=timezone.now() - timedelta(hours=1),
    ).count()
    if recent >= MAXIMUM_PHONE_CODES_PER_HOUR:
        return
    code = _new_code(PHONE_CODE_DIGITS)
    AccountClaimCode.objects.create(
        person=person,
        code_hash=_code_hash(person, code),
        source=ClaimCodeSource.PHONE,
        expires_at=timezone.now() + PHONE_CODE_LIFETIME,
    )
    notifications_queue(
        messages=[
            Message(
                kind=CLAIM_CODE_MESSAGE.name,
                to=person,
                context={"code": code, "minutes": int(PHONE_CODE_LIFETIME.total_seconds() // 60)},
                # The language of the page the resident asked on.
                language=translation.get_language(),
            )
        ]
    )


@dataclass(frozen=True)
class ContactCorrection:
    """What the KTP and the resident at the front desk say, where the record disagrees."""

    phone: str
    domicile_kelurahan: Kelurahan


@transaction.atomic
def claim_code_issue(
    *, nik: str, operator: User, correction: ContactCorrection | None = None
) -> str:
    """Return a one-time code for a resident at the front desk whose KTP the operator has
    seen; recorded in the audit log and shown to the operator once, to hand over.

    The resident lives in the operator's area; or, with `correction`, is brought there from
    wherever somebody registered their NIK, with their own phone, any account opened with
    the NIK by somebody else closed.
    """
    person = _person_with_nik(nik)
    if person is not None and correction is not None:
        person = _corrected(person, operator, correction)
    if person is None or not _in_area(person, operator):
        message = _("No resident with this NIK is registered in your area.")
        raise ApplicationError(message, code="person_not_found", details={"nik": [message]})
    return _front_desk_code(person, operator).code


@dataclass(frozen=True)
class FrontDeskCode:
    """A one-time code made at the front desk, to hand over on paper: shown only once."""

    code: str
    expires_at: datetime


@transaction.atomic
def password_reset_code_issue(*, person: Person, operator: User, nik_seen: str) -> FrontDeskCode:
    """Return a one-time code that sets a new password (or the first one) for `person`, a
    resident of the operator's area standing at the desk with the KTP bearing `nik_seen`;
    audited.

    A code, not a temporary password: the operator never learns the password, nothing is
    left to change at the next sign-in, and the code dies after 24 hours or one use. Codes
    made at the desk before for the person die with it, so a double click leaves one code.
    """
    # Locked before the checks (and before its codes, as a claim locks them): a domicile or
    # NIK corrected meanwhile is what the checks read.
    person = person_locked(person)
    if not _in_area(person, operator):
        message = _("This resident is outside your area.")
        raise ApplicationError(message, code="outside_area", details={"person": [message]})
    # Two residents of one kelurahan may share a name: the KTP in hand decides who this is.
    if not secrets.compare_digest(person.nik_hash, keyed_hash(nik_normalise(nik_seen))):
        message = _(
            "The NIK on this KTP is not this resident's. Check that you opened the right one."
        )
        raise ApplicationError(message, code="nik_mismatch", details={"nik": [message]})
    AccountClaimCode.objects.filter(
        person=person, source=ClaimCodeSource.FRONT_DESK, used_at__isnull=True
    ).update(used_at=timezone.now())
    return _front_desk_code(person, operator, purpose="password reset")


def _in_area(person: Person, operator: User) -> bool:
    return scope_to_user(Person.objects.filter(pk=person.pk), operator).exists()


def _front_desk_code(person: Person, operator: User, *, purpose: str = "") -> FrontDeskCode:
    code = _new_code(FRONT_DESK_CODE_DIGITS)
    claim_code = AccountClaimCode.objects.create(
        person=person,
        code_hash=_code_hash(person, code),
        source=ClaimCodeSource.FRONT_DESK,
        issued_by=operator,
        expires_at=timezone.now() + FRONT_DESK_CODE_LIFETIME,
    )
    changes = {"source": {"old": "", "new": ClaimCodeSource.FRONT_DESK}}
    if purpose:
        changes["purpose"] = {"old": "", "new": purpose}
    audit_record(
        action=AuditAction.CREATE,
        target=claim_code,
        changes=changes,
        target_label=person.nik_masked,
    )
    return FrontDeskCode(code=code, expires_at=claim_code.expires_at)


def _corrected(person: Person, operator: User, correction: ContactCorrection) -> Person | None:
    place = correction.domicile_kelurahan
    if not kelurahan_in_area(operator).filter(pk=place.pk).exists():
        message = _("This kelurahan is outside your area.")
        raise ApplicationError(
            message, code="outside_area", details={"domicile_kelurahan": [message]}
        )
    if not Person.objects.filter(
        pk=person.pk, domicile_kelurahan__kecamatan__regency=settings.BALAI_REGENCY_CODE
    ).exists():
        return None
    corrected = person_contact_restore(
        person=person, phone=correction.phone, domicile_kelurahan=place
    )
    # A code already sent to the old phone (the squatter's) would open a new account on the
    # corrected record: every code issued before the correction dies with it.
    voided = AccountClaimCode.objects.filter(person=corrected, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if voided:
        audit_record(
            action=AuditAction.UPDATE,
            target=corrected,
            changes={"claim_codes_voided": {"old": "", "new": str(voided)}},
            target_label=corrected.nik_masked,
        )
    return corrected


def account_claim(*, nik: str, code: str, password: str) -> Claim:
    """Set the password of the account of the person with `nik`, proven by a one-time `code`;
    create the account first if the person has none. The code is used up."""
    with transaction.atomic():
        person = _person_with_nik(nik)
        if person is not None:
            person = person_locked(person)  # before its codes, as the front desk locks them
        claim_code = _matching_code(person, code.strip()) if person is not None else None
        if person is not None and claim_code is not None:
            return _claimed(person, claim_code, password)
    # Outside the block, so that the wrong guess it counted stays counted.
    message = _("The code is wrong or has expired. Ask for a new one.")
    raise ApplicationError(message, code="claim_code_invalid", details={"code": [message]})


def _claimed(person: Person, claim_code: AccountClaimCode, password: str) -> Claim:
    AccountClaimCode.objects.filter(pk=claim_code.pk).update(used_at=timezone.now())
    created = person.user is None
    account = person.user or participant_account_create(
        full_name=person.full_name, phone=person.phone
    )
    if created:
        person_link_account(person=person, user=account)
    user_password_set(user=account, password=password)
    audit_record(
        action=AuditAction.UPDATE,
        target=claim_code,
        changes={"used": {"old": "", "new": "account created" if created else "password set"}},
        target_label=person.nik_masked,
    )
    return Claim(user=account, created=created)


def _matching_code(person: Person, code: str) -> AccountClaimCode | None:
    """Return the person's live code equal to `code`; a wrong guess counts against them all."""
    live = list(
        AccountClaimCode.objects.select_for_update()
        .filter(
            person=person,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            failed_attempts__lt=MAXIMUM_FAILED_ATTEMPTS,
        )
        .order_by("-created_at")
    )
    wanted = _code_hash(person, code)
    for claim_code in live:
        if secrets.compare_digest(claim_code.code_hash, wanted):
            return claim_code
    AccountClaimCode.objects.filter(pk__in=[claim_code.pk for claim_code in live]).update(
        failed_attempts=F("failed_attempts") + 1
    )
    return None
