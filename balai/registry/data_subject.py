"""A resident's own data, gathered from every app that keeps some, to see and to download.

The privacy statement promises residents that they may see and download their data from
their account (UU PDP's right of access). The registry holds the person; every later stage
keeps its own records of them (applications, enrolments, messages ...), and the registry is
earlier on the spine, so it imports none of them: each app declares a section of the
resident's data with `register_personal_data_section` from its ready(), and reads it through
its own selectors, scoped to the resident. A stage added later joins the download by
declaring its section.

Every value is kept twice: as machines read it (the JSON download: codes, ISO dates) and as
people read it (the page and the PDF: labels, dates in words).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.audit import audit_record
from balai.core.declarations import Declarations
from balai.core.encryption import decrypt_text
from balai.core.models import AuditAction
from balai.registry.correction_selectors import corrections_of_user
from balai.registry.models import (
    CorrectionStatus,
    Education,
    EmploymentStatus,
    IncomeBand,
    Person,
    Sex,
)
from balai.registry.selectors import person_of_user

FORMAT = "balai.personal-data/1"
Scalar = str | int | bool | None


@dataclass(frozen=True)
class Item:
    """One value: `key` and `value` as the JSON download holds it, `label` and `shown` as
    people read it."""

    key: str
    label: str
    value: Scalar | list[Entry]
    shown: str = ""

    @property
    def entries(self) -> list[Entry] | None:
        """The records inside this one (the sessions of a class), or None for a value."""
        return self.value if isinstance(self.value, list) else None


@dataclass(frozen=True)
class Entry:
    """One record of the resident's (an application, a class, a message), as items."""

    title: str
    items: Sequence[Item]

    def as_json(self) -> dict[str, Any]:
        return {item.key: _json_value(item.value) for item in self.items}


def _json_value(value: Scalar | list[Entry]) -> Any:
    if isinstance(value, list):
        return [entry.as_json() for entry in value]
    return value


def item(key: str, label: str | Promise, value: object) -> Item:
    """Return `value` as an item: dates in ISO for machines and in words for people, a
    choice by its code and its label, yes/no, and nothing as a dash."""
    label = str(label)
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return Item(key, label, local.isoformat(), formats.date_format(local, "DATETIME_FORMAT"))
    if isinstance(value, datetime.date):
        return Item(key, label, value.isoformat(), formats.date_format(value, "DATE_FORMAT"))
    if isinstance(value, bool):
        return Item(key, label, value, _("Yes") if value else _("No"))
    if value is None or value == "":
        return Item(key, label, None if value is None else "", "—")
    if isinstance(value, int):
        return Item(key, label, value, str(value))
    return Item(key, label, str(value), str(value))


def choice_item(key: str, label: str | Promise, value: str, choices: type[models.Choices]) -> Item:
    """Return a choice as its code (for machines) and its label (for people)."""
    shown = str(dict(choices.choices).get(value, value)) if value else "—"
    return Item(str(key), str(label), value, shown)


def entries_item(key: str, label: str | Promise, entries: list[Entry]) -> Item:
    return Item(key, str(label), entries, "")


@dataclass(frozen=True)
class PersonalDataSection:
    """A part of a resident's data kept by one app: `entries_of(user)` returns the records
    of the resident signed in as `user`, read through that app's scoped selectors. `order`
    places it along the path (registration first)."""

    name: str
    title: str | Promise
    order: int
    entries_of: Callable[[User], list[Entry]] = field(compare=False)


_SECTIONS: Declarations[PersonalDataSection] = Declarations("section of personal data")


def register_personal_data_section(section: PersonalDataSection) -> None:
    """Declare a section of residents' own data (call from the app's ready())."""
    _SECTIONS.declare(section)


@dataclass(frozen=True)
class PersonalData:
    person: Person
    made_at: datetime.datetime
    sections: list[tuple[str, str, list[Entry]]]  # name, title, entries

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "made_at": timezone.localtime(self.made_at).isoformat(),
            **{name: [entry.as_json() for entry in entries] for name, _t, entries in self.sections},
        }


def personal_data_of(*, user: User, full_nik: bool = False) -> PersonalData | None:
    """Return everything Balai keeps about the resident signed in as `user` (None if the
    account has no record), with the NIK masked unless `full_nik`."""
    person = person_of_user(user=user)
    if person is None:
        return None
    entry = _person_entry(person, account=user.get_username(), full_nik=full_nik)
    sections = [("person", str(_("Your record")), [entry])]
    for section in sorted(_SECTIONS.all(), key=lambda section: section.order):
        sections.append((section.name, str(section.title), section.entries_of(user)))
    return PersonalData(person=person, made_at=timezone.now(), sections=sections)


@transaction.atomic
def personal_data_export(*, user: User) -> PersonalData | None:
    """Return the resident's data for a download, with their full NIK, and record in the
    audit log that it was downloaded (a download shows the NIK whole, as an admin's reveal
    does: the resident can see who took their data if someone else used their account)."""
    data = personal_data_of(user=user, full_nik=True)
    if data is not None:
        audit_record(
            action=AuditAction.REVEAL,
            target=data.person,
            changes={"personal_data": {"old": "", "new": "download"}},
        )
    return data


def _person_entry(person: Person, *, account: str, full_nik: bool) -> Entry:
    kelurahan = person.domicile_kelurahan
    nik = decrypt_text(person.nik_encrypted) if full_nik else person.nik_masked
    return Entry(
        title=person.full_name,
        items=[
            item("nik", "NIK", nik),
            item("full_name", _("Full name"), person.full_name),
            item("birth_date", _("Birth date"), person.birth_date),
            choice_item("sex", _("Sex"), person.sex, Sex),
            item("phone", _("Phone"), person.phone),
            item("email", _("E-mail"), person.email),
            item("address", _("Address"), person.address),
            item("domicile_kelurahan_code", _("Kelurahan code"), kelurahan.code),
            item("domicile_kelurahan", _("Kelurahan"), kelurahan.name),
            item("domicile_kecamatan", _("Kecamatan"), kelurahan.kecamatan.name),
            *_answers(person),
            # Only a number given is kept; saying one is kept when none was would mislead.
            item(
                "family_card",
                _("KK number"),
                _("kept encrypted, shown to nobody") if person.kk_encrypted else "",
            ),
            item("account", _("Account"), account),
            item("registered_at", _("Registered"), person.created_at),
        ],
    )


_ANSWER_CHOICES: list[tuple[str, type[models.Choices]]] = [
    ("education", Education),
    ("employment_status", EmploymentStatus),
    ("income_band", IncomeBand),
]


def _answers(person: Person) -> list[Item]:
    """The answers behind priority points, each as answered (or not answered)."""
    answers = [
        choice_item(name, _label_of(name), getattr(person, name), choices)
        for name, choices in _ANSWER_CHOICES
    ]
    for name in ("has_disability", "is_household_head"):
        answers.append(item(name, _label_of(name), getattr(person, name)))
    return answers


def _label_of(name: str) -> str:
    """The field's own (translated) name, as a label."""
    person_field = Person._meta.get_field(name)
    if not isinstance(person_field, models.Field):  # a relation's other end has no name
        raise TypeError(name)
    return str(person_field.verbose_name).capitalize()


def _correction_entries(user: User) -> list[Entry]:
    return [
        Entry(
            title=f"{correction.get_field_display()}: {correction.get_status_display()}",
            items=[
                item("field", _("Field"), correction.field),
                item("old_value", _("Value on record"), correction.old_value),
                item("new_value", _("Corrected value"), correction.new_value),
                item("reason", _("Your reason"), correction.reason),
                choice_item("status", _("Status"), correction.status, CorrectionStatus),
                item("asked_at", _("Asked at"), correction.created_at),
                item("decided_at", _("Decided at"), correction.decided_at),
                item("decision_reason", _("Reason given"), correction.decision_reason),
            ],
        )
        for correction in corrections_of_user(user=user)
    ]


CORRECTIONS_SECTION = PersonalDataSection(
    name="correction_requests",
    title=gettext_lazy("Your correction requests"),
    order=90,
    entries_of=_correction_entries,
)
