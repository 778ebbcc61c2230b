"""Many applications at once (an import's rows, the demo's applicants): judged by the same
rules as one, checked together, inserted together, seats held in order."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.access import STAFF
from balai.core.audit import audit_record_many
from balai.core.encryption import keyed_hash
from balai.core.errors import PermissionDeniedError
from balai.core.models import AuditAction
from balai.core.scoping import kelurahan_in_area
from balai.intake import selectors
from balai.intake.models import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Batch,
    Channel,
    Consent,
    SeatAssignment,
)
from balai.intake.rules import assess
from balai.intake.services import (
    CONSENT_VERSION,
    BulkEntry,
    application_built,
    hold_first_free_seat,
)
from balai.registry.models import Person
from balai.registry.nik import nik_normalise
from balai.registry.services import person_create_many


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
            application_built(batch, person, assessment, entry, channel, submitted_by)
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
