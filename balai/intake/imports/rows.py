"""The import template's columns, and each row checked into a registration or its problems."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.intake.imports.cells import (
    CellError,
    date_from_cell,
    nik_from_cell,
    phone_text_from_cell,
    sex_from_cell,
    text_of,
    yes_no_from_cell,
)
from balai.intake.imports.headers import HEADERS, REQUIRED
from balai.intake.models import Batch, Offering
from balai.regions.models import Kelurahan
from balai.regions.naming import kecamatan_name_keys, region_name_key, region_sound_key
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Person, Sex
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.services import PersonData, person_data_check

# Fields read from a column of another name.
COLUMN_OF = {"domicile_kelurahan": "kelurahan", "choices": "choice_1"}
KELURAHAN_CODE_DIGITS = 10


@dataclass
class CheckedRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: list[Any]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column header, reason)
    person: PersonData | None = None
    choices: list[Offering] = field(default_factory=list)
    # (column header, what to look at): saved all the same, but worth a second look.
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def _key(text: str) -> str:
    return "".join(text.lower().split())


class RowChecker:
    """Checks rows against the batch and the operator's area, with look-ups done once."""

    def __init__(
        self,
        *,
        batch: Batch,
        kelurahan: list[Kelurahan],
        columns: dict[str, int],
        today: datetime.date,
        header: list[Any] | None = None,
    ) -> None:
        self.batch = batch
        self.columns = columns
        self.today = today
        # A problem names the column as the file heads it, which is what the operator sees.
        self.labels = {
            name: text_of(header[index]) if header and index < len(header) else ""
            for name, index in columns.items()
        }
        self.places = PlaceFinder(kelurahan)
        self.offerings: dict[tuple[str, str], Offering] = {}
        self.programme_keys: dict[str, str] = {}
        for offering in Offering.objects.filter(batch=batch).select_related("programme"):
            self.offerings[(offering.kelurahan_id, offering.programme.code)] = offering
            self.programme_keys[_key(offering.programme.code)] = offering.programme.code
            self.programme_keys[_key(offering.programme.name)] = offering.programme.code
        self.choice_lookups = {
            "education": _choice_lookup(Education),
            "employment_status": _choice_lookup(EmploymentStatus),
            "income_band": _choice_lookup(IncomeBand),
        }
        self.seen_niks: dict[str, int] = {}
        self._current: dict[str, Any] = {}
        self._warnings: list[tuple[str, str]] = []

    def label(self, name: str) -> str:
        """Return the header of the column of field `name`, as the file writes it."""
        return self.labels.get(name) or HEADERS.get(name, name)

    def check(self, number: int, cells: list[Any]) -> CheckedRow:
        row = CheckedRow(number=number, cells=cells)
        values = {
            name: cells[index] if index < len(cells) else None
            for name, index in self.columns.items()
        }
        for name in REQUIRED:
            if text_of(values.get(name)) == "":
                row.problems.append((self.label(name), _("Required; the cell is empty.")))
        if row.problems:
            return row
        self._read(row, values)
        return row

    def _read(self, row: CheckedRow, values: dict[str, Any]) -> None:
        self._current, self._warnings = values, row.warnings
        fields: dict[str, Any] = {}
        for name, reader in self._readers().items():
            column = COLUMN_OF.get(name, name)
            try:
                fields[name] = reader(values.get(column))
            except (CellError, ApplicationError) as error:
                reason = error.message if isinstance(error, ApplicationError) else str(error)
                row.problems.append((self.label(column), reason))
        if row.problems:
            return
        choices = fields.pop("choices")
        fields.pop("kecamatan")
        try:
            nik = nik_check(nik=fields["nik"], birth_date=fields["birth_date"], sex=fields["sex"])
        except ApplicationError as error:
            row.problems.append((self.label("nik"), error.message))
            return
        row.warnings += [(self.label("nik"), warning) for warning in nik.warnings]
        self._check_repeated(row, fields["nik"])
        person = PersonData(**fields)
        try:
            # Every check registering it would make, so that the save refuses no row the
            # check passed (an e-mail address, a name's length or characters, …).
            person_data_check(data=person)
        except ApplicationError as error:
            for name, messages in (error.details or {"": [error.message]}).items():
                header = self.label(COLUMN_OF.get(name, name))
                row.problems += [(header, message) for message in messages]
            return
        row.person = person
        row.choices = choices

    def _readers(self) -> dict[str, Any]:
        return {
            "nik": lambda value: nik_normalise(nik_from_cell(value)),
            "kk_number": lambda value: nik_normalise(text_of(value)),
            "full_name": text_of,
            "birth_date": lambda value: date_from_cell(value, today=self.today),
            "sex": lambda value: Sex(sex_from_cell(value)),
            "phone": _phone,
            "email": text_of,
            "address": text_of,
            "domicile_kelurahan": self._kelurahan,
            "kecamatan": self._kecamatan_agrees,
            # A blank cell is a question not answered, which earns no priority points.
            "education": lambda value: self._choice("education", value, Education.NOT_ANSWERED),
            "employment_status": lambda value: self._choice(
                "employment_status", value, EmploymentStatus.NOT_ANSWERED
            ),
            "income_band": lambda value: self._choice(
                "income_band", value, IncomeBand.NOT_ANSWERED
            ),
            "has_disability": lambda value: yes_no_from_cell(value) if text_of(value) else None,
            "is_household_head": lambda value: yes_no_from_cell(value) if text_of(value) else None,
            "choices": self._choices,
        }

    def _kelurahan(self, value: Any) -> Kelurahan:
        text = text_of(value)
        kecamatan = text_of(self._current.get("kecamatan"))
        place, by_sound = self.places.find(text, kecamatan=kecamatan)
        if place is None:
            raise CellError(
                _(
                    "%(value)s is not a kelurahan of your area; write its name or code "
                    "(for example 36.71.01.1001)."
                )
                % {"value": text}
            )
        if by_sound:
            self._warnings.append(
                (
                    self.label("kelurahan"),
                    _("%(value)s was read as Kelurahan %(kelurahan)s (its current spelling).")
                    % {"value": text, "kelurahan": place.name},
                )
            )
        return place

    def _kecamatan_agrees(self, value: Any) -> None:
        """Refuse a kecamatan that is not the kelurahan's (Kelurahan Jatiuwung lies in
        Kecamatan Cibodas, not in Kecamatan Jatiuwung)."""
        text = text_of(value)
        if not text:
            return
        place, _by_sound = self.places.find(text_of(self._current.get("kelurahan")))
        if place is None or kecamatan_is(place, text):
            return  # an unknown kelurahan is reported once, on its own column
        raise CellError(
            _("Kelurahan %(kelurahan)s lies in Kecamatan %(kecamatan)s, not in %(value)s.")
            % {"kelurahan": place.name, "kecamatan": place.kecamatan.name, "value": text}
        )

    def _choice(self, name: str, value: Any, default: Any) -> Any:
        text = _key(text_of(value))
        if not text:
            return default
        if text in self.choice_lookups[name]:
            return self.choice_lookups[name][text]
        raise CellError(
            _("%(value)s is not one of the template's options.") % {"value": text_of(value)}
        )

    def _choices(self, _value: Any) -> list[Offering]:
        place, _by_sound = self.places.find(
            text_of(self._current.get("kelurahan")),
            kecamatan=text_of(self._current.get("kecamatan")),
        )
        if place is None:
            return []  # the kelurahan's own problem is reported once, on its column
        chosen = []
        for rank in range(1, self.batch.choice_count + 1):
            text = text_of(self._current.get(f"choice_{rank}"))
            if not text:
                continue
            code = self.programme_keys.get(_key(text))
            offering = self.offerings.get((place.code, code or ""))
            if offering is None:
                raise CellError(
                    _("%(value)s is not offered in Kelurahan %(kelurahan)s in this batch.")
                    % {"value": text, "kelurahan": place.name}
                )
            chosen.append(offering)
        return chosen

    def _check_repeated(self, row: CheckedRow, nik: str) -> None:
        earlier = self.seen_niks.setdefault(nik, row.number)
        if earlier != row.number:
            row.problems.append(
                (
                    self.label("nik"),
                    _("The same NIK is already in row %(row)s.") % {"row": earlier},
                )
            )


class PlaceFinder:
    """Finds a kelurahan of the area by its code (dotted or not) or its name as spelt now,
    else as it sounds, which finds the older official spelling ("Nerogtog" for Neroktog)."""

    def __init__(self, kelurahan: list[Kelurahan]) -> None:
        self.by_code = {place.code: place for place in kelurahan}
        self.by_name: dict[str, list[Kelurahan]] = {}
        self.by_sound: dict[str, list[Kelurahan]] = {}
        for place in kelurahan:
            self.by_name.setdefault(place.name_key, []).append(place)
            self.by_sound.setdefault(region_sound_key(place.name), []).append(place)

    def find(self, text: str, *, kecamatan: str = "") -> tuple[Kelurahan | None, bool]:
        """Return the one kelurahan `text` names (within `kecamatan` when given, which tells
        apart two of one name) and whether it was found by its sound only."""
        place = self.by_code.get(_dotted(text))
        if place is not None:
            return place, False
        for matches, by_sound in (
            (self.by_name.get(region_name_key(text), []), False),
            (self.by_sound.get(region_sound_key(text), []), True),
        ):
            if len(matches) > 1 and kecamatan:
                matches = [place for place in matches if kecamatan_is(place, kecamatan)]
            if matches:
                return (matches[0], by_sound) if len(matches) == 1 else (None, False)
        return None, False


def kecamatan_is(place: Kelurahan, text: str) -> bool:
    """Whether `text` names the kecamatan of `place`, by its code or a name it is known by."""
    kecamatan = place.kecamatan
    return _dotted(text) == kecamatan.code or region_name_key(text) in kecamatan_name_keys(
        kecamatan.code, kecamatan.name
    )


def _dotted(code: str) -> str:
    """Return a region code typed without its dots (3671011001) with them (36.71.01.1001)."""
    digits = code.strip()
    if not digits.isdigit() or len(digits) not in (6, KELURAHAN_CODE_DIGITS):
        return digits
    return ".".join(part for part in (digits[:2], digits[2:4], digits[4:6], digits[6:]) if part)


def _phone(value: Any) -> str:
    """Return the phone number in a cell as +628…, or refuse it with everything
    `phone_normalise` says of it (that it is too short, say, and how to write it)."""
    text = phone_text_from_cell(value)
    if not text:
        return ""
    try:
        return phone_normalise(text)
    except ApplicationError as error:
        said = [error.message]
        for messages in (error.details or {}).values():
            said += [str(message) for message in messages if str(message) not in said]
        raise CellError(" ".join(said)) from None


def _choice_lookup(choices: Any) -> dict[str, Any]:
    lookup = {}
    for member in choices:
        lookup[_key(member.value)] = member
        for language in ("id", "en"):
            with translation.override(language):
                lookup[_key(str(member.label))] = member
    return lookup


def mark_registered(
    rows: list[CheckedRow], batch: Batch, area: set[str], *, nik_column: str = HEADERS["nik"]
) -> None:
    """Add a problem to rows whose NIK already applied to `batch`, is registered with
    another birth date or sex, or belongs to a resident living outside `area` (the codes of
    the uploader's kelurahan), in one query."""
    hashes = {keyed_hash(row.person.nik): row for row in rows if row.person is not None}
    people = Person.objects.filter(nik_hash__in=hashes).prefetch_related("applications")
    for person in people:
        row = hashes[person.nik_hash]
        assert row.person is not None  # noqa: S101  # only rows with a person were hashed
        if (person.birth_date, person.sex) != (row.person.birth_date, row.person.sex):
            row.problems.append(
                (nik_column, _("This NIK is registered with a different birth date or sex."))
            )
        elif person.domicile_kelurahan_id not in area:
            row.problems.append(
                (nik_column, _("This resident is registered as living outside your area."))
            )
        elif any(application.batch_id == batch.pk for application in person.applications.all()):
            row.problems.append((nik_column, _("This NIK has already applied to this batch.")))
