"""Writes of the intake: submitting or withdrawing an application. Batches and their offerings
are written in `batches`, many applications at once in `bulk`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

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
    person_link_account,
)

CONSENT_VERSION = "2026-11"
# A replay of the form that opened an account signs its sender in only this soon after.
REPLAY_SIGN_IN_WINDOW = timedelta(minutes=10)
APPLICATION_AUDIT_POLICY = AuditPolicy(fields=["status", "held_offering_id"])


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
    choices_check(batch=batch, choices=submission.choices)


def choices_check(*, batch: Batch, choices: list[Offering]) -> None:
    """Refuse choices that are too few or many, repeated, or of another batch."""
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
    application = application_built(
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


@dataclass(frozen=True)
class BulkEntry:
    """One application in a list: an import's row, or a demo applicant."""

    person: PersonData
    choices: list[Offering]
    interests: dict[str, str] = field(default_factory=dict)


def application_built(
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
