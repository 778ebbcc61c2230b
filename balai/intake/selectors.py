from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from balai.accounts.models import User
from balai.catalogue.models import Programme
from balai.core.scoping import scope_to_user
from balai.intake.models import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Batch,
    Consent,
    ImportStatus,
    ImportUpload,
    Offer,
    Offering,
)
from balai.intake.rules import Facts
from balai.regions.models import Kelurahan
from balai.registry.models import Person

ACTIVE_STATUSES = [
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SEAT_HELD,
    ApplicationStatus.WAITING,
]


def batch_open_list() -> QuerySet[Batch]:
    """Return the batches whose registration window is open now."""
    now = timezone.now()
    return Batch.objects.filter(registration_opens_at__lte=now, registration_closes_at__gt=now)


def offering_list(*, batch: Batch) -> QuerySet[Offering]:
    """Return a batch's offerings with programme and kelurahan, by kelurahan code."""
    return (
        Offering.objects.filter(batch=batch)
        .select_related("programme", "kelurahan__kecamatan")
        .order_by("kelurahan__code", "programme__name")
    )


def application_by_idempotency_key(key: str) -> Application | None:
    return Application.objects.filter(idempotency_key=key).first()


def application_list(*, user: object) -> QuerySet[Application]:
    """Return the applications `user` may see, with person, batch and ranked choices."""
    applications = Application.objects.select_related(
        "batch",
        "person__domicile_kelurahan",
        "held_offering__programme",
    ).prefetch_related(
        Prefetch(
            "choices",
            queryset=ApplicationChoice.objects.select_related(
                "offering__programme", "offering__kelurahan"
            ).order_by("rank"),
        )
    )
    return scope_to_user(applications, user)


def applications_of_user(*, user: User) -> QuerySet[Application]:
    """A participant's own applications, newest first, with their offers by choice."""
    offers = Offer.objects.select_related("offering__programme", "offering__kelurahan")
    return (
        application_list(user=user)
        .filter(person__user=user)
        .prefetch_related(Prefetch("offers", queryset=offers.order_by("choice_rank")))
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class ApplicationsToCheck:
    """An area's applications to batches still open for registration: an operator can still
    help a resident the rules found not eligible before registration closes."""

    in_open_batches: int
    not_eligible: int


def applications_to_check(*, user: object) -> ApplicationsToCheck:
    counts = (
        application_list(user=user)
        .filter(batch__in=batch_open_list())
        .aggregate(
            total=Count("id"),
            not_eligible=Count("id", filter=Q(status=ApplicationStatus.INELIGIBLE)),
        )
    )
    return ApplicationsToCheck(counts["total"], counts["not_eligible"])


def imports_awaiting_confirmation(*, user: User) -> QuerySet[ImportUpload]:
    """The lists `user` uploaded that were checked and wait for them to confirm the saving."""
    return ImportUpload.objects.filter(uploaded_by=user, status=ImportStatus.CHECKED).order_by(
        "-created_at"
    )


APPLICATION_SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "name": ("person__full_name", "id"),
    "priority": ("-priority_points", "created_at", "id"),
}


def application_list_filtered(
    *,
    user: object,
    batch: Batch | None = None,
    status: str = "",
    kelurahan: Kelurahan | None = None,
    programme: Programme | None = None,
    sort: str = "",
) -> QuerySet[Application]:
    """Return the applications `user` may see, narrowed by whichever filters are given (a
    programme: among the applicant's choices), in the order `sort` (newest first)."""
    applications = application_list(user=user)
    if batch is not None:
        applications = applications.filter(batch=batch)
    if status:
        applications = applications.filter(status=status)
    if kelurahan is not None:
        applications = applications.filter(person__domicile_kelurahan=kelurahan)
    if programme is not None:
        # A subquery, not a join: an application choosing two offerings of one programme
        # is still one row.
        chosen = ApplicationChoice.objects.filter(
            application=OuterRef("pk"), offering__programme=programme
        )
        applications = applications.filter(Exists(chosen))
    return applications.order_by(*APPLICATION_SORTS.get(sort, APPLICATION_SORTS["newest"]))


def applications_of_person(*, person: Person, user: object) -> QuerySet[Application]:
    """Return `person`'s applications that `user` may see, newest first."""
    return application_list(user=user).filter(person=person).order_by("-created_at", "-id")


def offers_of_person(*, person: Person, user: object) -> QuerySet[Offer]:
    """Return the offers made to `person` that `user` may see, newest first."""
    offers = offer_list(user=user).filter(application__person=person)
    return offers.select_related("application__batch").order_by("-created_at", "-id")


def offer_list(*, user: object) -> QuerySet[Offer]:
    """The offers `user` may see (a participant: their own)."""
    return scope_to_user(
        Offer.objects.select_related("offering__programme", "offering__kelurahan"), user
    )


def facts_for(*, batch: Batch, person: Person) -> Facts:
    """Gather what the eligibility rules need about `person`, beyond their own record."""
    return facts_for_many(batch=batch, people=[person])[person.pk]


def facts_for_many(*, batch: Batch, people: list[Person]) -> dict[int, Facts]:
    """Gather the rules' facts for many people in a fixed number of queries.

    The family count is as the batch stands now; an import adds its own rows as it goes.
    """
    held_elsewhere = list(
        Application.objects.filter(person__in=people, status=ApplicationStatus.SEAT_HELD)
        .exclude(batch=batch)
        .values_list("person_id", "batch__training_starts_on", "batch__training_ends_on")
    )
    family_counts = _family_counts(batch, [person.kk_hash for person in people if person.kk_hash])
    facts = {}
    for person in people:
        trainings = [(start, end) for owner, start, end in held_elsewhere if owner == person.pk]
        ended = [end for start, end in trainings if end < batch.training_starts_on]
        facts[person.pk] = Facts(
            domicile_regency_code=person.domicile_kelurahan.kecamatan.regency_id,
            city_regency_code=settings.BALAI_REGENCY_CODE,
            overlapping_seat_held=any(
                start <= batch.training_ends_on and end >= batch.training_starts_on
                for start, end in trainings
            ),
            last_training_ended_on=max(ended, default=None),
            family_applications=family_counts.get(person.kk_hash, 0),
        )
    return facts


def _family_counts(batch: Batch, kk_hashes: list[str]) -> dict[str, int]:
    if not kk_hashes:
        return {}
    rows = (
        Application.objects.filter(
            batch=batch, person__kk_hash__in=kk_hashes, status__in=ACTIVE_STATUSES
        )
        .values("person__kk_hash")
        .annotate(count=Count("id"))
    )
    return {row["person__kk_hash"]: row["count"] for row in rows}


def programme_offered_list(*, batch: Batch) -> list[tuple[str, str]]:
    """Return (code, name) of the programmes `batch` offers somewhere, by name."""
    return list(
        Offering.objects.filter(batch=batch)
        .order_by("programme__name", "programme__code")
        .values_list("programme__code", "programme__name")
        .distinct()
    )


def consent_given_before(*, person: Person, statement_version: str) -> bool:
    """Whether `person` has agreed to this version of the privacy statement already."""
    return Consent.objects.filter(person=person, statement_version=statement_version).exists()


def interests_answered_before(*, person: Person, version: str) -> dict[str, str]:
    """Return the person's latest questionnaire answers given under `version`, or {}."""
    latest = (
        Application.objects.filter(person=person, interests__version=version)
        .order_by("-created_at")
        .values_list("interests", flat=True)
        .first()
    )
    return dict(latest) if latest else {}
