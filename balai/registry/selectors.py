from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import User
from balai.accounts.usernames import sign_in_name
from balai.core.encryption import decrypt_text
from balai.core.scoping import scope_to_user
from balai.regions.models import Kelurahan
from balai.registry.models import (
    DuplicateCandidate,
    DuplicateStatus,
    Education,
    EmploymentStatus,
    IncomeBand,
    Person,
    Sex,
)
from balai.registry.person_filters import people_narrowed
from balai.registry.phones import phone_local
from balai.registry.services import PersonData

# Each order of the residents list, by the fields the database sorts on (a search result,
# already read, is sorted on the same fields in Python).
PERSON_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("full_name", "id"),
    "-name": ("-full_name", "-id"),
    "newest": ("-created_at", "-id"),
    "kelurahan": ("domicile_kelurahan__name", "full_name", "id"),
}
PERSON_SORT_CHOICES = [
    ("", _("Best match, then by name")),
    ("name", _("Name, A to Z")),
    ("-name", _("Name, Z to A")),
    ("newest", _("Newest registration first")),
    ("kelurahan", _("Kelurahan")),
]


def person_list(*, user: object, for_aggregates: bool = False) -> QuerySet[Person]:
    """Return the people `user` may see, with their kelurahan and kecamatan."""
    people = Person.objects.select_related("domicile_kelurahan__kecamatan")
    return scope_to_user(people, user, for_aggregates=for_aggregates)


def person_list_filtered(
    *,
    user: object,
    kelurahan: Kelurahan | None = None,
    sort: str = "",
    declared: dict[str, Any] | None = None,
) -> QuerySet[Person]:
    """Return the people `user` may see, of one kelurahan if given, narrowed by the filters
    later stages declare (`declared`: their values by field), in the order `sort`."""
    people = person_list(user=user)
    if kelurahan is not None:
        people = people.filter(domicile_kelurahan=kelurahan)
    people = people_narrowed(people, declared or {})
    return people.order_by(*PERSON_SORTS.get(sort, PERSON_SORTS["name"]))


def people_sorted(people: Iterable[Person], sort: str) -> list[Person]:
    """Return `people` (read already) in the order `sort`, as the database would sort them."""
    ordered = list(people)
    for field in reversed(PERSON_SORTS[sort]):
        path = field.removeprefix("-").split("__")
        ordered.sort(key=lambda person: _value_at(person, path), reverse=field.startswith("-"))
    return ordered


def _value_at(item: Any, path: list[str]) -> Any:
    for name in path:
        item = getattr(item, name)
    return item


def person_of_user(*, user: User) -> Person | None:
    """Return the registry record of a participant's own account, if it has one."""
    return person_list(user=user).filter(user=user).first()


def duplicate_open_list(*, user: object) -> QuerySet[DuplicateCandidate]:
    """Return the possible duplicates still waiting for a verdict whose two people are both in
    `user`'s area (a pair across areas waits for an admin, who sees the whole city)."""
    candidates = DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "person__domicile_kelurahan", "similar_to__domicile_kelurahan"
    )
    return scope_to_user(candidates, user).order_by("-created_at")


def person_sign_in_name(*, person: Person) -> str:
    """Return what the resident types at sign-in (0812 3456 7890, or a username); for one with
    no account yet, the phone number it will be named after, or "" without a phone."""
    if person.user is not None:
        return sign_in_name(person.user)
    return phone_local(person.phone) if person.phone else ""


def person_data_of(*, person: Person) -> PersonData:
    """Return a registered person's record as the data that registers them, so that a
    returning resident applies again without typing it (the NIK is decrypted for the
    service's checks only, never shown)."""
    return PersonData(
        nik=decrypt_text(person.nik_encrypted),
        kk_number=decrypt_text(person.kk_encrypted) if person.kk_encrypted else "",
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=Sex(person.sex),
        domicile_kelurahan=person.domicile_kelurahan,
        phone=person.phone,
        address=person.address,
        user=person.user,
        email=person.email,
        education=Education(person.education),
        employment_status=EmploymentStatus(person.employment_status),
        income_band=IncomeBand(person.income_band),
        has_disability=person.has_disability,
        is_household_head=person.is_household_head,
    )
