from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_changes, audit_record, audit_record_many
from balai.core.encryption import decrypt_text, encrypt_text, keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.masking import mask_identity_number, mask_name, mask_phone
from balai.core.models import AuditAction
from balai.regions.models import Kelurahan
from balai.registry.models import Person, Sex
from balai.registry.nik import nik_check, nik_normalise

PERSON_AUDIT_POLICY = AuditPolicy(
    fields=[
        "nik_masked",
        "full_name",
        "birth_date",
        "sex",
        "phone",
        "domicile_kelurahan_id",
        "address",
        "nik_hash",
    ],
    masked={"full_name": mask_name, "phone": mask_phone, "address": lambda _: "***"},
    hidden=["nik_hash"],
)


@dataclass(frozen=True)
class PersonData:
    nik: str
    full_name: str
    birth_date: datetime.date
    sex: Sex
    domicile_kelurahan: Kelurahan
    phone: str = ""
    address: str = ""
    user: User | None = None


def _person_from(data: PersonData, *, check_unique: bool = True) -> Person:
    nik = nik_normalise(data.nik)
    nik_check(nik=nik, birth_date=data.birth_date, sex=data.sex)
    person = Person(
        nik_encrypted=encrypt_text(nik),
        nik_hash=keyed_hash(nik),
        nik_masked=mask_identity_number(nik),
        full_name=data.full_name.strip(),
        birth_date=data.birth_date,
        sex=data.sex,
        phone=data.phone,
        address=data.address,
        domicile_kelurahan=data.domicile_kelurahan,
        user=data.user,
    )
    try:
        # The kelurahan arrives as a loaded row, so its existence needs no query; uniqueness
        # is checked here for one person, and in one query for a list by the caller.
        person.full_clean(exclude=["nik_hash", "domicile_kelurahan"], validate_unique=check_unique)
    except ValidationError as error:
        raise ApplicationError(
            _("The person's data is not valid."),
            code="invalid_person",
            details=error.message_dict,
        ) from None
    return person


@transaction.atomic
def person_create(*, data: PersonData) -> Person:
    """Register one person; refuse a NIK that is already registered."""
    person = _person_from(data)
    try:
        # A savepoint, so that losing a race to register the same NIK leaves the caller's
        # transaction usable and the message friendly.
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if Person.objects.filter(nik_hash=person.nik_hash).exists():
            raise ApplicationError(
                _("This NIK is already registered."), code="nik_registered"
            ) from None
        raise
    audit_record(
        action=AuditAction.CREATE,
        target=person,
        changes=audit_changes({}, PERSON_AUDIT_POLICY.snapshot(person)),
    )
    return person


@transaction.atomic
def person_create_many(*, rows: list[PersonData]) -> list[Person]:
    """Register many people at once, all or none, skipping no row silently."""
    people = [_person_from(row, check_unique=False) for row in rows]
    hashes = [person.nik_hash for person in people]
    if len(set(hashes)) != len(hashes) or Person.objects.filter(nik_hash__in=hashes).exists():
        raise ApplicationError(_("A NIK in the list is already registered."), code="nik_registered")
    accounts = [person.user_id for person in people if person.user_id is not None]
    if len(set(accounts)) != len(accounts) or Person.objects.filter(user__in=accounts).exists():
        raise ApplicationError(
            _("An account in the list already belongs to a person."), code="account_taken"
        )
    Person.objects.bulk_create(people, batch_size=1000)
    audit_record_many(
        action=AuditAction.CREATE,
        targets=[(p, audit_changes({}, PERSON_AUDIT_POLICY.snapshot(p))) for p in people],
    )
    return people


@transaction.atomic
def person_update(*, person: Person, data: PersonData) -> Person:
    """Correct a person's data (the NIK too); the audit log records what changed, masked."""
    before = PERSON_AUDIT_POLICY.snapshot(person)
    corrected = _person_from(data)
    for field in [
        "nik_encrypted",
        "nik_hash",
        "nik_masked",
        "full_name",
        "birth_date",
        "sex",
        "phone",
        "address",
        "domicile_kelurahan",
        "user",
    ]:
        setattr(person, field, getattr(corrected, field))
    if Person.objects.filter(nik_hash=person.nik_hash).exclude(pk=person.pk).exists():
        raise ApplicationError(_("This NIK is already registered."), code="nik_registered")
    person.save()
    changes = audit_changes(before, PERSON_AUDIT_POLICY.snapshot(person))
    if changes:
        audit_record(action=AuditAction.UPDATE, target=person, changes=changes)
    return person


@transaction.atomic
def person_reveal_nik(*, person: Person, revealed_to: User) -> str:
    """Return a person's full NIK to an admin, recording that it was revealed and to whom."""
    if revealed_to.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an administrator may see a full NIK."))
    audit_record(action=AuditAction.REVEAL, target=person, changes={"nik": {"old": "", "new": ""}})
    return decrypt_text(person.nik_encrypted)
