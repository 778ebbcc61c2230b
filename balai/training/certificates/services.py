"""Issuing, revoking and verifying certificates, and rotating the key that signs them."""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.encryption import decrypt_text, encrypt_text
from balai.core.errors import ApplicationError
from balai.core.masking import mask_name
from balai.scheduling.models import ClassSession
from balai.training.certificates.signing import (
    PAYLOAD_VERSION,
    VerificationError,
    public_key_text,
    signed_text,
    verified_payload,
)
from balai.training.completion import completion_of
from balai.training.enrolments import enrolment_complete
from balai.training.models import IN_CLASS, Certificate, Enrolment, SigningKey

CERTIFICATE_AUDIT_POLICY = AuditPolicy(
    fields=[
        "number",
        "enrolment_id",
        "holder_name",
        "programme_name",
        "issued_on",
        "key_id",
        "revoked_at",
        "revocation_reason",
    ],
    masked={"holder_name": mask_name},
)


@transaction.atomic
def signing_key_rotate() -> SigningKey:
    """Retire the key in use (it still verifies what it signed) and start signing with a new
    one."""
    SigningKey.objects.filter(retired_at=None).update(retired_at=timezone.now())
    private_key = Ed25519PrivateKey.generate()
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return SigningKey.objects.create(
        key_id=secrets.token_hex(4),
        public_key=public_key_text(private_key),
        private_key_encrypted=encrypt_text(base64.b64encode(raw).decode("ascii")),
    )


def _key_in_use() -> SigningKey:
    return SigningKey.objects.filter(retired_at=None).first() or signing_key_rotate()


def _private_key(key: SigningKey) -> Ed25519PrivateKey:
    raw = base64.b64decode(decrypt_text(key.private_key_encrypted))
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_keys() -> dict[str, str]:
    """Every key id and its public key: what an offline verifier needs."""
    return dict(SigningKey.objects.values_list("key_id", "public_key"))


NUMBER_PREFIX = "BLK"
NUMBER_PATTERN = "BLK-XXXX-XXXX-XXXX-XXXX"
NUMBER_EXAMPLE = "BLK-7QKX-M2PA-Z4RD-H6TE"
# Base32 has no 0, 1 or 8: read off paper they are the letters O, I and B.
_LOOKALIKES = str.maketrans("018", "OIB")
_WELL_FORMED = re.compile(r"BLK[A-Z2-7]{16}")


def _grouped(text: str) -> str:
    return NUMBER_PREFIX + "-" + "-".join(text[start : start + 4] for start in range(0, 16, 4))


def certificate_number() -> str:
    """An unguessable number: 80 random bits in base32, grouped for reading aloud."""
    return _grouped(base64.b32encode(secrets.token_bytes(10)).decode("ascii"))


def certificate_number_canonical(text: str) -> str | None:
    """The number `text` means, as printed (BLK-XXXX-XXXX-XXXX-XXXX), however it was typed:
    any case, spaces or dashes anywhere or none, without the prefix, digits for lookalike
    letters; None when it cannot be a certificate number."""
    compact = re.sub(r"[^0-9A-Za-z]", "", text).upper().translate(_LOOKALIKES)
    if len(compact) == 16:
        compact = NUMBER_PREFIX + compact
    if not _WELL_FORMED.fullmatch(compact):
        return None
    return _grouped(compact.removeprefix(NUMBER_PREFIX))


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, signatory: str | None = None) -> Certificate:
    """The participant's certificate, issued once they have completed (the enrolment is then
    completed: a graduate); issuing again returns the one already issued."""
    # Locked before the look for one already issued: two issues of one enrolment at once
    # (the page's job and a second click) take turns, and the second finds the first's.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if enrolment.status not in IN_CLASS:  # left or dropped since the roster was read
        raise ApplicationError(_("This person is not in this class."), code="not_in_class")
    training_class = enrolment.training_class
    completion = completion_of(enrolment=enrolment)
    if not completion.complete:
        raise ApplicationError(
            _("Not completed yet: %(missing)s") % {"missing": " ".join(completion.missing)},
            code="not_completed",
            details={"missing": completion.missing},
        )
    dates = ClassSession.objects.filter(training_class=training_class).order_by("date")
    first, last = dates.first(), dates.last()
    if first is None or last is None:
        raise ApplicationError(_("The class has no sessions."), code="no_sessions")
    key = _key_in_use()
    programme = training_class.programme
    certificate = Certificate(
        number=certificate_number(),
        enrolment=enrolment,
        training_class=training_class,
        holder_name=enrolment.person.full_name,
        programme_name=programme.name,
        hours=programme.hours,
        kelurahan_name=training_class.offering.kelurahan.name,
        starts_on=first.date,
        ends_on=last.date,
        units=[[unit.code, unit.title] for unit, _result in completion.units],
        signatory=signatory or settings.CERTIFICATE_SIGNATORY,
        issued_on=timezone.localdate(),
        key=key,
    )
    certificate.signed_payload = signed_text(certificate_payload(certificate), _private_key(key))
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:  # issued meanwhile by another request: that one stands
        return Certificate.objects.get(enrolment=enrolment)
    audit_record_created(target=certificate, policy=CERTIFICATE_AUDIT_POLICY)
    enrolment_complete(enrolment=enrolment, on=last.date)
    return certificate


def certificate_payload(certificate: Certificate) -> dict[str, Any]:
    return {
        "v": PAYLOAD_VERSION,
        "n": certificate.number,
        "k": certificate.key.key_id,
        "h": mask_name(certificate.holder_name),
        "p": certificate.programme_name,
        "f": certificate.starts_on.isoformat(),
        "t": certificate.ends_on.isoformat(),
        "i": certificate.issued_on.isoformat(),
    }


def verification_url(certificate: Certificate) -> str:
    """What the QR code says: the public page, carrying the signed payload."""
    path = reverse("training:verify", args=[certificate.number])
    return f"{settings.BALAI_PUBLIC_URL}{path}?d={certificate.signed_payload}"


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate, with the reason the public verification shows (once only)."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason for revoking."), code="revocation_reason")
    # Locked before the check, so two revocations at once cannot both pass it.
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ApplicationError(_("This certificate is already revoked."), code="revoked")
    model_update(
        instance=certificate,
        fields={"revoked_at": timezone.now(), "revocation_reason": reason},
        policy=CERTIFICATE_AUDIT_POLICY,
    )
    return certificate


@dataclass(frozen=True)
class Verification:
    valid: bool
    message: str
    number: str = ""
    holder: str = ""  # masked
    programme: str = ""
    starts_on: str = ""
    ends_on: str = ""
    revoked: bool = False


def certificate_verify(*, number: str, signed: str | None = None) -> Verification:
    """What the public may know of certificate `number`: valid, revoked or unknown, and (if
    `signed` from its QR is given) whether that signed payload is genuine and is this one's."""
    canonical = certificate_number_canonical(number)
    if canonical is None:
        return Verification(
            False,
            _("This is not a certificate number: it reads like %(example)s.")
            % {"example": NUMBER_EXAMPLE},
        )
    certificate = Certificate.objects.filter(number=canonical).first()
    if signed is not None:
        try:
            payload = verified_payload(signed, public_keys())
        except VerificationError:
            return Verification(
                False, _("The code is not genuine: its signature does not match its contents.")
            )
        if certificate is None or payload.get("n") != certificate.number:
            return Verification(False, _("The code is genuine but names another certificate."))
    if certificate is None:
        return Verification(False, _("No certificate has this number."))
    found = Verification(
        valid=True,
        message=_("Valid: issued by Balai and not revoked."),
        number=certificate.number,
        holder=mask_name(certificate.holder_name),
        programme=certificate.programme_name,
        starts_on=certificate.starts_on.strftime("%d-%m-%Y"),
        ends_on=certificate.ends_on.strftime("%d-%m-%Y"),
    )
    if certificate.revoked_at is not None:
        reason = _("Revoked: %(reason)s") % {"reason": certificate.revocation_reason}
        return replace(found, valid=False, message=reason, revoked=True)
    return found
