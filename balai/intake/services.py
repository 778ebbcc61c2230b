"""Writes of the intake: batches, offerings, and submitting or withdrawing an application."""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.accounts.services import participant_account_create
from balai.core.access import STAFF
from balai.core.audit import (
    AuditPolicy,
    audit_record,
    audit_record_created,
    audit_record_many,
    model_update,
)
from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.core.scoping import kelurahan_in_area
from balai.intake import selectors
from balai.intake.allocation.offers import offers_withdraw
from balai.intake.idempotency import (
    key_digest,
    random_key,
    reused_key_error,
    submission_fingerprint,
    submission_scope,
)
from balai.intake.models import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Batch,
    Channel,
    Consent,
    Offering,
    SeatAssignment,
)
from balai.intake.questionnaire import answers_checked
from balai.intake.rules import Assessment, assess
from balai.registry.models import Person
from balai.registry.nik import nik_normalise
from balai.registry.services import (
    PersonData,
    person_create,
    person_create_many,
    person_link_account,
)

CONSENT_VERSION = "2026-11"
# A replay of the form that opened an account signs its sender in only this soon after.
REPLAY_SIGN_IN_WINDOW = timedelta(minutes=10)
APPLICATION_AUDIT_POLICY = AuditPolicy(fields=["status", "held_offering_id"])

BATCH_AUDIT_POLICY = AuditPolicy(
    fields=[
        "code",
        "name",
        "registration_opens_at",
        "registration_closes_at",
        "training_starts_on",
        "training_ends_on",
        "seat_assignment",
        "choice_count",
        "minimum_age",
        "maximum_age",
        "domicile_in_city_required",
        "months_since_last_training",
        "applicants_per_family",
        "points_unemployed",
        "points_laid_off",
        "points_low_income",
        "points_disability",
        "points_woman_head_of_household",
        "offer_response_days",
    ]
)


@dataclass(frozen=True)
class Submission:
    """What an applicant (or an operator for them) hands in.

    `submitted_by` is whoever is signed in and sends it: an operator for a resident, or the
    resident themselves; None for an anonymous resident registering for the first time.
    """

    batch: Batch
    person: PersonData
    choices: list[Offering]
    interests: dict[str, str]
    consent_given: bool
    channel: Channel
    idempotency_key: str
    submitted_by: User | None = None


@transaction.atomic
def application_submit(*, submission: Submission) -> Application:
    """Register the person (if new) and their application, judged by the batch's rules.

    Idempotent: the same key from the same submitter with the same data returns the
    application it first created (the same key with other data is refused). Who may apply
    for a person already registered is checked before anything is written: an operator only
    for a resident of their area, a signed-in resident only for themselves, an anonymous
    sender never (a NIK is not a secret). In a first-come batch an eligible application holds
    a seat in its best choice with room.
    """
    replayed = _replayed_application(submission)
    if replayed is not None:
        return replayed
    _check_submission(submission)
    try:
        person = _person_for(submission)
    except ApplicationError as error:
        # Two copies of one form racing: the other copy registered the person with this key.
        replayed = _replayed_application(submission) if error.code == "nik_registered" else None
        if replayed is not None:
            return replayed
        raise
    application = _insert_application(submission, person)
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, rank=rank, offering=offering)
        for rank, offering in enumerate(submission.choices, start=1)
    )
    if application.status == ApplicationStatus.ELIGIBLE and (
        submission.batch.seat_assignment == SeatAssignment.FIRST_COME
    ):
        hold_first_free_seat(application, submission.choices)
    Consent.objects.create(
        person=person, statement_version=CONSENT_VERSION, channel=submission.channel
    )
    audit_record(
        action=AuditAction.CREATE,
        target=application,
        changes={"status": {"old": "", "new": application.status}},
        target_label=f"{submission.batch.code} {person.nik_masked}",
    )
    return application


def _stored_key(submission: Submission) -> str:
    return key_digest(
        scope=submission_scope(submission),
        batch_id=submission.batch.pk,
        key=submission.idempotency_key,
    )


def _replayed_application(submission: Submission) -> Application | None:
    """Return the application this very submission made before, or refuse a reused key."""
    existing = selectors.application_by_idempotency_key(_stored_key(submission))
    if existing is None:
        return None
    if existing.request_fingerprint != submission_fingerprint(submission):
        raise reused_key_error()
    return existing


@dataclass(frozen=True)
class SelfRegistration:
    application: Application
    new_account: User | None  # set only when this call created the applicant's account
    # The account the sender may be signed in to: a new one, or the one a replay of the same
    # form opened moments ago and that has no password yet (the second click of a double click).
    account_to_sign_in: User | None


@transaction.atomic
def application_submit_self(*, submission: Submission) -> SelfRegistration:
    """Submit a resident's own application; a new applicant also gets their account.

    Registration data never signs anybody in to an account that existed before: a NIK
    already registered is refused (see `application_submit`), and its owner signs in, or
    claims the account with a code sent to the phone on record.
    """
    application = application_submit(submission=submission)
    person = application.person
    if person.user is not None:
        return SelfRegistration(
            application=application,
            new_account=None,
            account_to_sign_in=_account_opened_moments_ago(application, submission),
        )
    account = participant_account_create(full_name=person.full_name, phone=person.phone)
    person_link_account(person=person, user=account)
    Application.objects.filter(pk=application.pk).update(opened_account=True)
    return SelfRegistration(
        application=application, new_account=account, account_to_sign_in=account
    )


def _account_opened_moments_ago(application: Application, submission: Submission) -> User | None:
    account = application.person.user
    if (
        submission.submitted_by is None
        and account is not None
        and application.opened_account
        and not account.has_usable_password()
        and timezone.now() - application.created_at < REPLAY_SIGN_IN_WINDOW
    ):
        return account
    return None


def _check_submission(submission: Submission) -> None:
    batch = submission.batch
    if not batch.is_open:
        raise ApplicationError(
            _("Registration for %(batch)s is closed.") % {"batch": batch}, code="batch_closed"
        )
    if not submission.consent_given:
        message = _("Registration needs your consent to the privacy statement.")
        raise ApplicationError(message, code="consent_missing", details={"consent": [message]})
    choices = submission.choices
    if not 1 <= len(choices) <= batch.choice_count:
        message = _("Choose from 1 to %(count)s programmes.") % {"count": batch.choice_count}
        raise ApplicationError(message, code="choice_count", details={"choices": [message]})
    if len({offering.pk for offering in choices}) != len(choices):
        message = _("Each choice must be a different programme or kelurahan.")
        raise ApplicationError(message, code="choice_repeated", details={"choices": [message]})
    if any(offering.batch_id != batch.pk for offering in choices):
        message = _("A chosen programme is not offered in this batch.")
        raise ApplicationError(message, code="choice_other_batch", details={"choices": [message]})


def _person_for(submission: Submission) -> Person:
    """Return the registered person with the submission's NIK, or register them.

    A NIK already registered with another birth date or sex is refused rather than
    reused: somebody may have typed another person's NIK.
    """
    data = submission.person
    _check_domicile_in_area(submission)
    nik_hash = keyed_hash(nik_normalise(data.nik))
    person = Person.objects.select_related("user").filter(nik_hash=nik_hash).first()
    _check_may_apply_for(submission.submitted_by, person)
    if person is None:
        try:
            return person_create(data=data)
        except ApplicationError as error:
            if error.code != "nik_registered":
                raise
            # Another submission registered this NIK a moment ago: use that record.
            person = Person.objects.select_related("user").get(nik_hash=nik_hash)
            _check_may_apply_for(submission.submitted_by, person)
    if (person.birth_date, person.sex) != (data.birth_date, data.sex):
        message = _(
            "This NIK is registered with a different birth date or sex. Check the "
            "NIK, or ask the kelurahan office to correct the record."
        )
        raise ApplicationError(message, code="nik_mismatch", details={"nik": [message]})
    return person


def _check_domicile_in_area(submission: Submission) -> None:
    """An operator registers residents of their own area only."""
    operator = submission.submitted_by
    if operator is None or operator.role not in STAFF.roles:
        return
    if not kelurahan_in_area(operator).filter(pk=submission.person.domicile_kelurahan.pk).exists():
        message = _("This kelurahan is outside your area.")
        raise PermissionDeniedError(
            message, code="outside_area", details={"domicile_kelurahan": [message]}
        )


def _check_may_apply_for(sender: User | None, person: Person | None) -> None:
    """Refuse to apply for `person` (None: not registered yet) on behalf of anybody who may not.

    Knowing a NIK proves nothing (it is printed on every photocopy of a KTP), so an
    anonymous sender may not apply for a person already registered; they sign in first. A
    signed-in resident applies for themselves only, an operator for residents of their area.
    """
    if sender is None:
        if person is not None:
            message = _(
                "This NIK is already registered. Sign in to apply. No password yet, or "
                "forgotten it? Ask for a code to the phone number on record, or visit the "
                "kelurahan office."
            )
            raise ApplicationError(message, code="nik_registered", details={"nik": [message]})
        return
    if sender.role in STAFF.roles:
        if (
            person is not None
            and not kelurahan_in_area(sender).filter(pk=person.domicile_kelurahan_id).exists()
        ):
            message = _(
                "This resident is registered as living outside your area. Ask the operator "
                "of their kelurahan, or an administrator."
            )
            raise PermissionDeniedError(message, code="outside_area", details={"nik": [message]})
        return
    if person is None or person.user_id != sender.pk:
        message = _("You are signed in as someone else. Sign out first to register another person.")
        raise PermissionDeniedError(message, code="signed_in_as_other", details={"nik": [message]})


def _insert_application(submission: Submission, person: Person) -> Application:
    batch = submission.batch
    assessment = assess(batch, person, selectors.facts_for(batch=batch, person=person))
    application = _new_application(
        batch,
        person,
        assessment,
        BulkEntry(
            person=submission.person, choices=submission.choices, interests=submission.interests
        ),
        submission.channel,
        submission.submitted_by,
    )
    application.idempotency_key = _stored_key(submission)
    application.request_fingerprint = submission_fingerprint(submission)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise _duplicate_refusal(submission) from None
    return application


def _duplicate_refusal(submission: Submission) -> ApplicationError:
    if selectors.application_by_idempotency_key(_stored_key(submission)) is not None:
        return ApplicationError(_("This form was already sent."), code="already_submitted")
    return ApplicationError(
        _("This NIK has already applied to this batch. Sign in to see the application."),
        code="already_applied",
    )


def hold_first_free_seat(application: Application, choices: list[Offering]) -> None:
    """Hold a seat in the best of `choices` that has one left, or mark the application waiting."""
    for offering in choices:
        # Conditional increment: of many concurrent submissions, only as many as there are
        # seats see a row updated; the CHECK constraint backs this up in the database.
        held = Offering.objects.filter(pk=offering.pk, seats_taken__lt=F("seats")).update(
            seats_taken=F("seats_taken") + 1
        )
        if held:
            application.status = ApplicationStatus.SEAT_HELD
            application.held_offering = offering
            application.save(update_fields=["status", "held_offering", "updated_at"])
            return
    application.status = ApplicationStatus.WAITING
    application.save(update_fields=["status", "updated_at"])


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    """Withdraw an application; a held seat goes back to the offering at once."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.batch.seat_assignment == SeatAssignment.SELECTION:
        # Seats of a selection batch are held by offers; giving them up refills them.
        offers_withdraw(application=application)
    elif application.held_offering_id is not None:
        Offering.objects.filter(pk=application.held_offering_id, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1
        )
    model_update(
        instance=application,
        fields={"status": ApplicationStatus.WITHDRAWN, "held_offering": None},
        policy=APPLICATION_AUDIT_POLICY,
        target_label=f"{application.batch.code} {application.person.nik_masked}",
    )
    return application


@transaction.atomic
def batch_create(  # every rule of a batch is a field of its own
    *,
    code: str,
    name: str,
    registration_opens_at: datetime.datetime,
    registration_closes_at: datetime.datetime,
    training_starts_on: datetime.date,
    training_ends_on: datetime.date,
    seat_assignment: SeatAssignment = SeatAssignment.SELECTION,
    choice_count: int = 3,
    minimum_age: int = 18,
    maximum_age: int = 55,
    domicile_in_city_required: bool = True,
    months_since_last_training: int = 12,
    applicants_per_family: int = 2,
    points_unemployed: int = 3,
    points_laid_off: int = 4,
    points_low_income: int = 2,
    points_disability: int = 2,
    points_woman_head_of_household: int = 2,
    offer_response_days: int = 3,
) -> Batch:
    """Create a batch with its rules (each default is the model's); refuses windows or
    ranges that run backwards. Audited."""
    batch = Batch(
        code=code,
        name=name,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        training_starts_on=training_starts_on,
        training_ends_on=training_ends_on,
        seat_assignment=seat_assignment,
        choice_count=choice_count,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        domicile_in_city_required=domicile_in_city_required,
        months_since_last_training=months_since_last_training,
        applicants_per_family=applicants_per_family,
        points_unemployed=points_unemployed,
        points_laid_off=points_laid_off,
        points_low_income=points_low_income,
        points_disability=points_disability,
        points_woman_head_of_household=points_woman_head_of_household,
        offer_response_days=offer_response_days,
    )
    try:
        batch.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            _("The batch is not valid."), code="invalid_batch", details=error.message_dict
        ) from None
    batch.save()
    audit_record_created(target=batch, policy=BATCH_AUDIT_POLICY, target_label=batch.code)
    return batch


@transaction.atomic
def batch_registration_close(*, batch: Batch) -> Batch:
    """Close registration now (before the planned time), so that selection can start."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    now = timezone.now()
    if batch.registration_closes_at <= now:
        return batch
    if batch.registration_opens_at >= now:
        raise ApplicationError(_("Registration has not opened yet."), code="batch_not_open_yet")
    model_update(
        instance=batch,
        fields={"registration_closes_at": now},
        policy=BATCH_AUDIT_POLICY,
        target_label=batch.code,
    )
    return batch


@transaction.atomic
def offerings_create(*, batch: Batch, rows: list[tuple[Any, Any, Any, int]]) -> int:
    """Offer each (programme, kelurahan, venue, seats) in `batch`; existing ones are kept."""
    Offering.objects.bulk_create(
        [
            Offering(
                batch=batch, programme=programme, kelurahan=kelurahan, venue=venue, seats=seats
            )
            for programme, kelurahan, venue, seats in rows
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return Offering.objects.filter(batch=batch).count()


@dataclass(frozen=True)
class BulkEntry:
    """One application in a list: an import's row, or a demo applicant."""

    person: PersonData
    choices: list[Offering]
    interests: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def application_submit_many(
    *, batch: Batch, entries: list[BulkEntry], channel: Channel, submitted_by: User | None
) -> list[Application]:
    """Register many applications at once, judged by the same rules as one: all or none.

    People new to the registry are registered in bulk; the family limit counts the list's
    own earlier rows as it goes.
    """
    people = _people_for_entries(entries)
    _check_people_in_area(submitted_by, people)
    facts = selectors.facts_for_many(batch=batch, people=people)
    family_seen: Counter[str] = Counter()
    applications = []
    for entry, person in zip(entries, people, strict=True):
        person_facts = facts[person.pk]
        if person.kk_hash:
            person_facts = replace(
                person_facts,
                family_applications=(
                    person_facts.family_applications + family_seen[person.kk_hash]
                ),
            )
        assessment = assess(batch, person, person_facts)
        if assessment.eligible and person.kk_hash:
            family_seen[person.kk_hash] += 1
        applications.append(
            _new_application(batch, person, assessment, entry, channel, submitted_by)
        )
    Application.objects.bulk_create(applications, batch_size=1000)
    _save_choices_and_consents(applications, entries, channel)
    if batch.seat_assignment == SeatAssignment.FIRST_COME:
        for application, entry in zip(applications, entries, strict=True):
            if application.status == ApplicationStatus.ELIGIBLE:
                hold_first_free_seat(application, entry.choices)
    audit_record_many(
        action=AuditAction.CREATE,
        targets=[
            (application, {"status": {"old": "", "new": application.status}})
            for application in applications
        ],
    )
    return applications


def _new_application(
    batch: Batch,
    person: Person,
    assessment: Assessment,
    entry: BulkEntry,
    channel: Channel,
    submitted_by: User | None,
) -> Application:
    return Application(
        public_id=uuid.uuid4(),
        batch=batch,
        person=person,
        status=ApplicationStatus.ELIGIBLE if assessment.eligible else ApplicationStatus.INELIGIBLE,
        eligibility_reasons=assessment.reasons,
        priority_points=assessment.points,
        priority_reasons=assessment.priority_reasons,
        interests=answers_checked(entry.interests),
        channel=channel,
        submitted_by=submitted_by,
        # Replaced by the submission's own key when there is one; a list's row gets a key
        # nobody can guess or replay.
        idempotency_key=key_digest(scope="list", batch_id=batch.pk, key=random_key()),
    )


def _check_people_in_area(operator: User | None, people: list[Person]) -> None:
    """An operator's list may name only residents of the operator's area."""
    if operator is None or operator.role not in STAFF.roles:
        return
    area = set(kelurahan_in_area(operator).values_list("code", flat=True))
    outside = [
        number
        for number, person in enumerate(people, start=1)
        if person.domicile_kelurahan_id not in area
    ]
    if outside:
        message = _(
            "%(count)s residents on the list are registered as living outside your area."
        ) % {"count": len(outside)}
        raise PermissionDeniedError(message, code="outside_area", details={"entries": outside})


def _people_for_entries(entries: list[BulkEntry]) -> list[Person]:
    hashes = [keyed_hash(nik_normalise(entry.person.nik)) for entry in entries]
    existing = {
        person.nik_hash: person
        for person in Person.objects.filter(nik_hash__in=hashes).select_related(
            "domicile_kelurahan__kecamatan"
        )
    }
    new = person_create_many(
        rows=[
            entry.person
            for entry, nik_hash in zip(entries, hashes, strict=True)
            if nik_hash not in existing
        ]
    )
    by_hash = {**existing, **{person.nik_hash: person for person in new}}
    return [by_hash[nik_hash] for nik_hash in hashes]


def _save_choices_and_consents(
    applications: list[Application], entries: list[BulkEntry], channel: Channel
) -> None:
    ApplicationChoice.objects.bulk_create(
        [
            ApplicationChoice(application=application, rank=rank, offering=offering)
            for application, entry in zip(applications, entries, strict=True)
            for rank, offering in enumerate(entry.choices, start=1)
        ],
        batch_size=1000,
    )
    Consent.objects.bulk_create(
        [
            Consent(person=application.person, statement_version=CONSENT_VERSION, channel=channel)
            for application in applications
        ],
        batch_size=1000,
    )
