from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.accounts.services import user_deactivate
from balai.core.audit import (
    AuditPolicy,
    audit_changes,
    audit_record,
    audit_record_created,
    audit_record_many,
    model_update,
)
from balai.core.encryption import decrypt_text, encrypt_text, keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.masking import mask_email, mask_identity_number, mask_name, mask_phone
from balai.core.models import AuditAction
from balai.regions.models import Kelurahan
from balai.registry.models import (
    AccountClaimCode,
    ClaimCodeSource,
    DuplicateCandidate,
    DuplicateReason,
    DuplicateStatus,
    Education,
    EmploymentStatus,
    IncomeBand,
    Person,
    Sex,
)
from balai.registry.names import name_phonetic_key
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.typed import name_typed, text_typed

PERSON_AUDIT_POLICY = AuditPolicy(
    fields=[
        "nik_masked",
        "nik_hash",
        "kk_hash",
        "full_name",
        "birth_date",
        "sex",
        "phone",
        "email",
        "address",
        "domicile_kelurahan_id",
        "education",
        "employment_status",
        "income_band",
        "has_disability",
        "is_household_head",
        "user_id",
    ],
    masked={
        "full_name": mask_name,
        "phone": mask_phone,
        "address": lambda _: "***",
        "email": mask_email,
    },
    # A birth date beside even the last digits of a NIK narrows it down to a handful of
    # candidates, which would let the log rebuild what only an audited reveal may show.
    hidden=["nik_hash", "kk_hash", "birth_date"],
)
DUPLICATE_AUDIT_POLICY = AuditPolicy(fields=["status"])
_NOT_LETTER = re.compile(r"[^a-z ]")


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
    kk_number: str = ""
    email: str = ""
    # Unanswered until the person answers (None for a yes/no question): see registry.models.
    education: Education = Education.NOT_ANSWERED
    employment_status: EmploymentStatus = EmploymentStatus.NOT_ANSWERED
    income_band: IncomeBand = IncomeBand.NOT_ANSWERED
    has_disability: bool | None = None
    is_household_head: bool | None = None


def person_name_key(full_name: str) -> str:
    """Return a name as compared for duplicates: lower case, letters and single spaces."""
    return " ".join(_NOT_LETTER.sub(" ", full_name.lower()).split())


def _person_from(data: PersonData, *, check_unique: bool = True) -> Person:
    nik = nik_check(nik=nik_normalise(data.nik), birth_date=data.birth_date, sex=data.sex).nik
    kk_number = _checked_kk_number(data.kk_number)
    person = Person(
        nik_encrypted=encrypt_text(nik),
        nik_hash=keyed_hash(nik),
        nik_masked=mask_identity_number(nik),
        kk_encrypted=encrypt_text(kk_number) if kk_number else "",
        kk_hash=keyed_hash(kk_number) if kk_number else "",
        full_name=name_typed(data.full_name),
        name_key=person_name_key(data.full_name),
        name_phonetic=name_phonetic_key(data.full_name),
        birth_date=data.birth_date,
        sex=data.sex,
        phone=phone_normalise(data.phone) if data.phone else "",
        email=text_typed(data.email, field="email", label=_("The e-mail address")),
        address=text_typed(data.address, field="address", label=_("The address")),
        domicile_kelurahan=data.domicile_kelurahan,
        user=data.user,
        education=data.education,
        employment_status=data.employment_status,
        income_band=data.income_band,
        has_disability=data.has_disability,
        is_household_head=data.is_household_head,
    )
    try:
        # Fields the service computed or checked itself are not checked again: the kelurahan
        # arrives as a loaded row; uniqueness is checked here for one person, and in one
        # query for a list by the caller.
        person.full_clean(exclude=CHECKED_BY_THE_SERVICE, validate_unique=check_unique)
    except ValidationError as error:
        raise ApplicationError(
            _("The person's data is not valid."),
            code="invalid_person",
            details=error.message_dict,
        ) from None
    return person


def person_data_check(*, data: PersonData) -> None:
    """Refuse `data` as registering it would, without registering it (an import's check)."""
    _person_from(data, check_unique=False)


def _checked_kk_number(raw: str) -> str:
    kk_number = nik_normalise(raw, field="kk_number")
    if kk_number and len(kk_number) != KK_LENGTH:
        message = _("A KK number has exactly 16 digits. Copy it from the family card again.")
        raise ApplicationError(message, code="kk_length", details={"kk_number": [message]})
    if kk_number and not _kk_number_is_possible(kk_number):
        message = _(
            "This cannot be a KK number (the region, the date of issue or the serial in it "
            "is impossible). Copy it from the family card again, or leave it empty."
        )
        raise ApplicationError(message, code="kk_impossible", details={"kk_number": [message]})
    return kk_number


def _kk_number_is_possible(kk_number: str) -> bool:
    """Whether a KK number could have been issued: a province code (11-96) first, then a
    day and month of issue, and a serial that is not 0000. Typing zeros, or any number
    shared by chance, must not count a stranger into a family's limit."""
    province, day, month = int(kk_number[:2]), int(kk_number[6:8]), int(kk_number[8:10])
    return 11 <= province <= 96 and 1 <= day <= 31 and 1 <= month <= 12 and kk_number[12:] != "0000"


CHECKED_BY_THE_SERVICE = [
    "nik_encrypted",
    "nik_hash",
    "nik_masked",
    "kk_encrypted",
    "kk_hash",
    "name_key",
    "name_phonetic",
    "birth_date",
    "sex",
    "phone",
    "domicile_kelurahan",
    "user",
]
UPDATABLE_FIELDS = [
    "nik_encrypted",
    "nik_hash",
    "nik_masked",
    "kk_encrypted",
    "kk_hash",
    "full_name",
    "name_key",
    "name_phonetic",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
    "domicile_kelurahan",
    "user",
    "education",
    "employment_status",
    "income_band",
    "has_disability",
    "is_household_head",
]
KK_LENGTH = 16


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
    audit_record_created(target=person, policy=PERSON_AUDIT_POLICY)
    duplicates_queue(people=[person])
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
    duplicates_queue(people=people)
    return people


def duplicates_queue(*, people: list[Person]) -> int:
    """Queue for review every earlier registration that looks like one of `people`.

    Same name and birth date, or same phone: different NIKs, perhaps one person (a typo in
    the NIK, an old KTP). Returns how many pairs were queued.
    """
    new_ids = {person.pk for person in people}
    names = {(person.name_key, person.birth_date) for person in people}
    phones = {person.phone for person in people if person.phone}
    # Two queries, each on its own index: one query with OR would scan the whole table.
    by_name: dict[tuple[str, object], list[int]] = {}
    for other_id, name_key, birth_date in Person.objects.filter(
        name_key__in={name for name, _date in names}
    ).values_list("id", "name_key", "birth_date"):
        by_name.setdefault((name_key, birth_date), []).append(other_id)
    by_phone: dict[str, list[int]] = {}
    for other_id, phone in Person.objects.filter(phone__in=phones).values_list("id", "phone"):
        by_phone.setdefault(phone, []).append(other_id)
    candidates = []
    for person in people:
        for reason, matches in (
            (
                DuplicateReason.SAME_NAME_AND_BIRTH_DATE,
                by_name.get((person.name_key, person.birth_date), []),
            ),
            (DuplicateReason.SAME_PHONE, by_phone.get(person.phone, []) if person.phone else []),
        ):
            candidates += [
                DuplicateCandidate(person=person, similar_to_id=other, reason=reason)
                for other in matches
                if other != person.pk and (other not in new_ids or other < person.pk)
            ]
    DuplicateCandidate.objects.bulk_create(candidates, ignore_conflicts=True)
    return len(candidates)


@transaction.atomic
def person_update(*, person: Person, data: PersonData) -> Person:
    """Correct a person's data (the NIK too); the audit log records what changed, masked."""
    corrected = _person_from(data)
    if Person.objects.filter(nik_hash=corrected.nik_hash).exclude(pk=person.pk).exists():
        raise ApplicationError(_("This NIK is already registered."), code="nik_registered")
    model_update(
        instance=person,
        fields={field: getattr(corrected, field) for field in UPDATABLE_FIELDS},
        policy=PERSON_AUDIT_POLICY,
    )
    return person


@transaction.atomic
def person_contact_restore(*, person: Person, phone: str, domicile_kelurahan: Kelurahan) -> Person:
    """Give back to a person, as an operator checked against their KTP at the front desk,
    their own phone and domicile, and detach the account that was opened with their NIK.

    Somebody who knew the NIK first may have registered it with their own phone: the account
    they opened is closed (not moved: an account is never moved) and the resident claims a
    new one with a code. Their applications stay with the person, to keep or withdraw.
    """
    person = person_locked(person)  # an account linked meanwhile is closed too
    account = person.user
    model_update(
        instance=person,
        fields={
            "phone": phone_normalise(phone) if phone.strip() else "",
            "domicile_kelurahan": domicile_kelurahan,
            "user": None,
        },
        policy=PERSON_AUDIT_POLICY,
    )
    if account is not None:
        user_deactivate(user=account)
    return person


@transaction.atomic
def person_reveal_nik(*, person: Person, revealed_to: User) -> str:
    """Return a person's full NIK to an admin, recording that it was revealed and to whom."""
    if revealed_to.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an administrator may see a full NIK."))
    audit_record(action=AuditAction.REVEAL, target=person, changes={"nik": {"old": "", "new": ""}})
    return decrypt_text(person.nik_encrypted)


# Without a savepoint: nested in a caller's transaction, a failure here fails it all.
@transaction.atomic(savepoint=False)
def person_link_account(*, person: Person, user: User) -> Person:
    """Give a person the account they sign in with (once; an account is never moved)."""
    locked = person_locked(person)  # two claims at once: the second finds the first's account
    if locked.user_id not in (None, user.pk):
        raise ApplicationError(
            _("This person already has an account. Sign in with it, or reset its password."),
            code="account_exists",
        )
    model_update(instance=locked, fields={"user": user}, policy=PERSON_AUDIT_POLICY)
    person.user = user  # the caller's copy, as the row now is
    return locked


def phone_codes_void(*, person: Person) -> int:
    """End the unused codes sent to `person`'s phone, when the number on record changes:
    whoever holds the old phone (lost, stolen, given up) must not set the password with a
    code sent there. Return how many ended. The caller holds the person's lock."""
    voided = AccountClaimCode.objects.filter(
        person=person, source=ClaimCodeSource.PHONE, used_at__isnull=True
    ).update(used_at=timezone.now())
    if voided:
        audit_record(
            action=AuditAction.UPDATE,
            target=person,
            changes={"claim_codes_voided": {"old": "", "new": str(voided)}},
            target_label=person.nik_masked,
        )
    return voided


def person_locked(person: Person) -> Person:
    """`person` read afresh and locked until the transaction ends. Whoever changes a person's
    account or contact takes this lock first (before any of their claim codes), so the checks
    read what is really there and two such changes never wait on each other in a circle."""
    return Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)


@transaction.atomic
def duplicate_resolve(*, candidate: DuplicateCandidate, status: DuplicateStatus) -> None:
    """Record an operator's verdict on a possible duplicate (the records stay as they are)."""
    if status == DuplicateStatus.OPEN:
        raise ApplicationError(_("Choose a verdict."), code="verdict_missing")
    model_update(
        instance=candidate,
        fields={"status": status},
        policy=DUPLICATE_AUDIT_POLICY,
        target_label=f"{candidate.person.nik_masked} ~ {candidate.similar_to.nik_masked}",
    )
