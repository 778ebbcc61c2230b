"""What differs between the two people of a possible duplicate, field by field, shown as an
operator may see it: NIKs masked, and birth dates and family-card numbers only as the same or
not (beside the masked NIKs a birth date would rebuild them; the KTP shows the rest)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.core.masking import mask_email, mask_phone
from balai.registry.models import DuplicateCandidate, Person


@dataclass(frozen=True)
class FieldComparison:
    label: str | Promise
    first: str
    second: str
    same: bool


Shown = Callable[[Person], str]
_SHOWN: list[tuple[str | Promise, Shown]] = [
    (gettext_lazy("Name"), lambda person: person.full_name),
    (gettext_lazy("NIK"), lambda person: person.nik_masked),
    (gettext_lazy("Sex"), lambda person: str(person.get_sex_display())),
    (gettext_lazy("Phone"), lambda person: mask_phone(person.phone) if person.phone else ""),
    (gettext_lazy("E-mail"), lambda person: mask_email(person.email) if person.email else ""),
    (gettext_lazy("Address"), lambda person: person.address),
    (gettext_lazy("Kelurahan"), lambda person: person.domicile_kelurahan.name),
    (
        gettext_lazy("Registered on"),
        lambda person: formats.date_format(person.created_at, "j M Y"),
    ),
]


def duplicate_differences(candidate: DuplicateCandidate) -> list[FieldComparison]:
    """Return the two people's fields side by side, each marked same or different."""
    first, second = candidate.person, candidate.similar_to
    rows = [
        FieldComparison(label, shown(first), shown(second), shown(first) == shown(second))
        for label, shown in _SHOWN
    ]
    same_birth_date = first.birth_date == second.birth_date
    rows.insert(
        3,
        _compared(
            gettext_lazy("Birth date"),
            same_birth_date,
            _("Same birth date.") if same_birth_date else _("Different birth dates."),
        ),
    )
    same_family = _same_family(first, second)
    rows.append(
        _compared(
            gettext_lazy("KK number"),
            same_family,
            _("Same KK number.") if same_family else _("Different KK numbers."),
        )
    )
    return rows


def _compared(label: str | Promise, same: bool | None, words: str) -> FieldComparison:
    if same is None:
        return FieldComparison(label, "", "", same=True)  # neither has one: nothing to say
    return FieldComparison(label, words, words, same=same)


def _same_family(first: Person, second: Person) -> bool | None:
    if not first.kk_hash and not second.kk_hash:
        return None
    return first.kk_hash == second.kk_hash
