"""Employers' own writes: a company registers itself with its first account, keeps its details
up to date (sending them for verification again when it must), and manages its members.

An admin's decisions on a company are in balai.placement.company_verification.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.accounts.services import user_create, user_deactivate
from balai.core.audit import AuditPolicy, audit_record, audit_record_created, model_update
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.masking import mask_name, mask_phone
from balai.core.models import AuditAction
from balai.placement.models import Company, CompanyMember, CompanyStatus, Sector
from balai.regions.models import Kelurahan
from balai.registry.phones import phone_normalise
from balai.registry.typed import digits_typed, text_typed

NIB_LENGTH = 13
COMPANY_AUDIT_POLICY = AuditPolicy(
    fields=[
        "name",
        "sector",
        "nib",
        "address",
        "kelurahan_id",
        "contact_name",
        "contact_phone",
        "contact_email",
        "status",
        "status_reason",
    ],
    masked={"contact_name": mask_name, "contact_phone": mask_phone},
)
MEMBER_AUDIT_POLICY = AuditPolicy(
    fields=["company_id", "user_id", "is_manager", "phone"], masked={"phone": mask_phone}
)
# Changing who the company is makes the admin's check of it stale.
IDENTITY_FIELDS = ("name", "nib")
# Letters and digits people do not confuse when reading a password aloud (no 0/O, 1/l/I).
READABLE_CHARACTERS = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class CompanyDetails:
    """What an employer tells about their company, as typed (checked by the services)."""

    name: str
    sector: str
    address: str
    kelurahan: Kelurahan | None
    description: str
    contact_name: str
    contact_phone: str
    contact_email: str
    nib: str = ""


@dataclass(frozen=True)
class Registration:
    company: Company
    user: User


@dataclass(frozen=True)
class NewMember:
    """A member just added, with the temporary password to hand over (shown only once)."""

    member: CompanyMember
    temporary_password: str


def nib_checked(raw: str) -> str:
    """Return a NIB as its 13 digits (spaces and dots dropped), "" for none, or refuse it
    saying what is wrong with it."""
    digits = digits_typed(raw.strip(), field="nib", label=_("The NIB"))
    if digits and len(digits) != NIB_LENGTH:
        message = _(
            "A NIB has 13 digits; this one has %(count)s. Copy it from the NIB document issued "
            "through OSS, or leave it empty if the company has none yet."
        ) % {"count": len(digits)}
        raise ApplicationError(message, code="nib_length", details={"nib": [message]})
    return digits


def contact_phone_checked(raw: str) -> str:
    """Return a contact phone normalised (+628…), or refuse it on the contact phone field."""
    try:
        return phone_normalise(raw)
    except ApplicationError as error:
        raise ApplicationError(
            error.message, code=error.code, details={"contact_phone": [error.message]}
        ) from None


def _details_checked(details: CompanyDetails) -> dict[str, object]:
    """Return the company's fields from `details`, each checked, or refuse the first wrong."""
    fields: dict[str, object] = {
        "name": _required(details.name, field="name", label=_("The company name")),
        "address": _required(details.address, field="address", label=_("The address")),
        "contact_name": _required(
            details.contact_name, field="contact_name", label=_("The contact person")
        ),
        "description": text_typed(
            details.description, field="description", label=_("The description")
        ),
        "contact_phone": contact_phone_checked(details.contact_phone),
        "contact_email": _email_checked(details.contact_email),
        "nib": nib_checked(details.nib),
        "kelurahan": details.kelurahan,
    }
    if details.sector not in Sector.values:
        message = _("Choose the company's sector from the list.")
        raise ApplicationError(message, code="sector_unknown", details={"sector": [message]})
    fields["sector"] = details.sector
    return fields


def _required(raw: str, *, field: str, label: str) -> str:
    text = text_typed(raw, field=field, label=label)
    if not text:
        message = _("%(label)s is needed.") % {"label": label}
        raise ApplicationError(message, code=f"{field}_missing", details={field: [message]})
    return text


def _email_checked(raw: str) -> str:
    email = raw.strip()
    try:
        validate_email(email)
    except ValidationError:
        message = _(
            "Write the e-mail address in full, such as hrd@perusahaan.co.id: the verification "
            "result is sent there."
        )
        raise ApplicationError(
            message, code="email_invalid", details={"contact_email": [message]}
        ) from None
    return email


def _nib_taken_error() -> ApplicationError:
    message = _(
        "A company with this NIB is already registered. If it is yours, ask its manager to "
        "add you as a member."
    )
    return ApplicationError(message, code="nib_registered", details={"nib": [message]})


def _registration_key_digest(key: str) -> str:
    # A signed form key is longer than the column; its digest identifies it as well.
    return hashlib.sha256(f"employer-registration\x1f{key}".encode()).hexdigest()


@transaction.atomic
def company_register(
    *, details: CompanyDetails, username: str, password: str, registration_key: str
) -> Registration:
    """Register a company awaiting verification, with its first account (a manager).

    All or nothing. The same form sent twice (`registration_key`) with the same account
    answers with the company it made the first time; with another account, it is refused.
    """
    digest = _registration_key_digest(registration_key)
    earlier = Company.objects.filter(registration_key=digest).first()
    if earlier is not None:
        return _registration_replayed(earlier, username=username, password=password)
    fields = _details_checked(details)
    if fields["nib"] and Company.objects.filter(nib=fields["nib"]).exists():
        # Perhaps this very form, sent again and committed since the look-up above.
        return _replayed_or_nib_taken(digest, username=username, password=password)
    company = Company(
        **fields,
        status=CompanyStatus.PENDING,
        submitted_at=timezone.now(),
        registration_key=digest,
    )
    try:
        # A savepoint: a double click racing this one, or a NIB registered a moment ago,
        # fails here, before any account is made.
        with transaction.atomic():
            company.save()
    except IntegrityError:
        return _replayed_or_nib_taken(digest, username=username, password=password)
    user = user_create(
        username=username,
        full_name=company.contact_name,
        role=Role.EMPLOYER,
        email=company.contact_email,
        password=password,
    )
    member = CompanyMember.objects.create(
        company=company, user=user, is_manager=True, phone=company.contact_phone
    )
    audit_record_created(target=company, policy=COMPANY_AUDIT_POLICY)
    audit_record_created(target=member, policy=MEMBER_AUDIT_POLICY, target_label=company.name)
    return Registration(company=company, user=user)


def _replayed_or_nib_taken(digest: str, *, username: str, password: str) -> Registration:
    """The company this form made when it was sent before, or the refusal of a NIB that
    another registration holds."""
    earlier = Company.objects.filter(registration_key=digest).first()
    if earlier is None:
        raise _nib_taken_error()
    return _registration_replayed(earlier, username=username, password=password)


def _registration_replayed(company: Company, *, username: str, password: str) -> Registration:
    member = (
        CompanyMember.objects.select_related("user")
        .filter(company=company, user__username=username.strip())
        .first()
    )
    if member is None or not member.user.check_password(password):
        raise ApplicationError(
            _("This form was already sent. Open the registration page again to register."),
            code="registration_form_reused",
        )
    return Registration(company=company, user=member.user)


def _manager_of(company: Company, actor: User) -> CompanyMember:
    """Return `actor`'s membership of `company` if they manage it, or refuse."""
    member = CompanyMember.objects.filter(company=company, user=actor).first()
    if member is None:
        raise NotFoundError(_("No such company."))
    if not member.is_manager:
        raise PermissionDeniedError(_("Only the company's managers may do this."))
    return member


@transaction.atomic
def company_update(*, company: Company, actor: User, details: CompanyDetails) -> Company:
    """Save a manager's changes to their company's details.

    A rejected company's changes go back to the verification queue; so do a verified
    company's new name or NIB, since the admin checked the old ones.
    """
    _manager_of(company, actor)
    locked = Company.objects.select_for_update().get(pk=company.pk)
    fields = _details_checked(details)
    if fields["nib"] and Company.objects.filter(nib=fields["nib"]).exclude(pk=company.pk).exists():
        raise _nib_taken_error()
    identity_changed = any(fields[name] != getattr(locked, name) for name in IDENTITY_FIELDS)
    if locked.status == CompanyStatus.REJECTED or (
        locked.status == CompanyStatus.VERIFIED and identity_changed
    ):
        fields.update(
            status=CompanyStatus.PENDING,
            status_reason="",
            submitted_at=timezone.now(),
            decided_at=None,
            decided_by=None,
        )
    model_update(instance=locked, fields=fields, policy=COMPANY_AUDIT_POLICY)
    return locked


def temporary_password() -> str:
    """Return a password to hand over once: 12 readable characters in three groups."""
    characters = [secrets.choice(READABLE_CHARACTERS) for _position in range(12)]
    return "-".join("".join(characters[start : start + 4]) for start in (0, 4, 8))


@transaction.atomic
def company_member_add(
    *,
    company: Company,
    actor: User,
    username: str,
    full_name: str,
    phone: str,
    email: str = "",
    is_manager: bool = False,
) -> NewMember:
    """Add an employer account to `actor`'s company, with a temporary password to hand over."""
    _manager_of(company, actor)
    phone_normalised = phone_normalise(phone) if phone.strip() else ""
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            message = _("Write the e-mail address in full, or leave it empty.")
            raise ApplicationError(
                message, code="email_invalid", details={"email": [message]}
            ) from None
    password = temporary_password()
    user = user_create(
        username=username,
        full_name=_required(full_name, field="full_name", label=_("The name")),
        role=Role.EMPLOYER,
        email=email,
        password=password,
    )
    member = CompanyMember.objects.create(
        company=company, user=user, is_manager=is_manager, phone=phone_normalised
    )
    audit_record_created(target=member, policy=MEMBER_AUDIT_POLICY, target_label=company.name)
    return NewMember(member=member, temporary_password=password)


@transaction.atomic
def company_member_remove(*, company: Company, actor: User, member_id: int) -> None:
    """Remove a member of `actor`'s company and close their account; never the last manager,
    so that somebody can always manage the company."""
    _manager_of(company, actor)
    # Locked all at once: two managers removing each other at once cannot both succeed.
    members = list(CompanyMember.objects.select_for_update().filter(company=company))
    member = next((item for item in members if item.pk == member_id), None)
    if member is None:
        raise NotFoundError(_("No such member of your company."))
    managers = [item for item in members if item.is_manager]
    if member.is_manager and len(managers) == 1:
        raise ApplicationError(
            _("The company's last manager cannot be removed. Add another manager first."),
            code="last_manager",
        )
    audit_record(
        action=AuditAction.DELETE,
        target=member,
        changes={"user_id": {"old": str(member.user_id), "new": ""}},
        target_label=company.name,
    )
    user = member.user
    member.delete()
    user_deactivate(user=user)
