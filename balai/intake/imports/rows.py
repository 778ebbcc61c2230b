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
    text_of,
    yes_no_from_cell,
)
from balai.intake.models import Batch, Offering
from balai.regions.models import Kelurahan
from balai.regions.naming import region_name_key
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Person, Sex
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.services import PersonData, person_data_check

# (field, header in the template); headers are matched ignoring case and spaces.
COLUMNS = [
    ("nik", "NIK"),
    ("kk_number", "No KK"),
    ("full_name", "Nama Lengkap"),
    ("birth_date", "Tanggal Lahir"),
    ("sex", "Jenis Kelamin (L/P)"),
    ("phone", "No HP"),
    ("email", "Email"),
    ("address", "Alamat"),
    ("kelurahan", "Kelurahan (kode atau nama)"),
    ("education", "Pendidikan"),
    ("employment_status", "Status Pekerjaan"),
    ("income_band", "Penghasilan Keluarga"),
    ("has_disability", "Disabilitas (Ya/Tidak)"),
    ("is_household_head", "Kepala Keluarga (Ya/Tidak)"),
    ("choice_1", "Pilihan 1"),
    ("choice_2", "Pilihan 2"),
    ("choice_3", "Pilihan 3"),
]
HEADERS = dict(COLUMNS)
# Fields read from a column of another name.
COLUMN_OF = {"domicile_kelurahan": "kelurahan", "choices": "choice_1"}
REQUIRED = ["nik", "full_name", "birth_date", "sex", "kelurahan", "choice_1"]


@dataclass
class CheckedRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: list[Any]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column header, reason)
    person: PersonData | None = None
    choices: list[Offering] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def header_map(header: list[Any]) -> dict[str, int]:
    """Return {field: column index}, or refuse a header that lacks a required column."""
    wanted = {_key(title): name for name, title in COLUMNS}
    found = {
        wanted[_key(text_of(cell))]: index
        for index, cell in enumerate(header)
        if _key(text_of(cell)) in wanted
    }
    missing = [HEADERS[name] for name in REQUIRED if name not in found]
    if missing:
        message = _(
            "The first row must hold the template's headers; missing: %(columns)s. "
            "Download the template and copy the data into it."
        ) % {"columns": ", ".join(missing)}
        raise ApplicationError(message, code="headers_missing", details={"file": [message]})
    return found


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
    ) -> None:
        self.batch = batch
        self.columns = columns
        self.today = today
        self.kelurahan_by_code = {place.code: place for place in kelurahan}
        self.kelurahan_by_name: dict[str, list[Kelurahan]] = {}
        for place in kelurahan:
            self.kelurahan_by_name.setdefault(place.name_key, []).append(place)
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

    def check(self, number: int, cells: list[Any]) -> CheckedRow:
        row = CheckedRow(number=number, cells=cells)
        values = {
            name: cells[index] if index < len(cells) else None
            for name, index in self.columns.items()
        }
        for name in REQUIRED:
            if text_of(values.get(name)) == "":
                row.problems.append((HEADERS[name], _("Required; the cell is empty.")))
        if row.problems:
            return row
        self._read(row, values)
        return row

    def _read(self, row: CheckedRow, values: dict[str, Any]) -> None:
        self._current = values
        fields: dict[str, Any] = {}
        for name, reader in self._readers().items():
            column = COLUMN_OF.get(name, name)
            try:
                fields[name] = reader(values.get(column))
            except (CellError, ApplicationError) as error:
                reason = error.message if isinstance(error, ApplicationError) else str(error)
                row.problems.append((HEADERS[column], reason))
        if row.problems:
            return
        choices = fields.pop("choices")
        try:
            nik_check(nik=fields["nik"], birth_date=fields["birth_date"], sex=fields["sex"])
        except ApplicationError as error:
            row.problems.append((HEADERS["nik"], error.message))
            return
        self._check_repeated(row, fields["nik"])
        person = PersonData(**fields)
        try:
            # Every check registering it would make, so that the save refuses no row the
            # check passed (an e-mail address, a name's length or characters, …).
            person_data_check(data=person)
        except ApplicationError as error:
            for name, messages in (error.details or {"": [error.message]}).items():
                header = HEADERS.get(COLUMN_OF.get(name, name), name)
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
            "sex": self._sex,
            "phone": lambda value: phone_normalise(text_of(value)) if text_of(value) else "",
            "email": text_of,
            "address": text_of,
            "domicile_kelurahan": self._kelurahan,
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

    def _sex(self, value: Any) -> Sex:
        word = text_of(value).upper()[:1]
        if word in {"L", "P"}:
            return Sex(word)
        raise CellError(_("Write L (laki-laki) or P (perempuan)."))

    def _kelurahan(self, value: Any) -> Kelurahan:
        text = text_of(value)
        place = self.kelurahan_by_code.get(text)
        matches = [place] if place else self.kelurahan_by_name.get(region_name_key(text), [])
        if len(matches) == 1:
            return matches[0]
        raise CellError(
            _(
                "%(value)s is not a kelurahan of your area; write its name or code "
                "(for example 36.71.01.1001)."
            )
            % {"value": text}
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
        try:
            place = self._kelurahan(self._current.get("kelurahan"))
        except CellError:
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
                (HEADERS["nik"], _("The same NIK is already in row %(row)s.") % {"row": earlier})
            )


def _choice_lookup(choices: Any) -> dict[str, Any]:
    lookup = {}
    for member in choices:
        lookup[_key(member.value)] = member
        for language in ("id", "en"):
            with translation.override(language):
                lookup[_key(str(member.label))] = member
    return lookup


def mark_registered(rows: list[CheckedRow], batch: Batch, area: set[str]) -> None:
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
                (HEADERS["nik"], _("This NIK is registered with a different birth date or sex."))
            )
        elif person.domicile_kelurahan_id not in area:
            row.problems.append(
                (HEADERS["nik"], _("This resident is registered as living outside your area."))
            )
        elif any(application.batch_id == batch.pk for application in person.applications.all()):
            row.problems.append((HEADERS["nik"], _("This NIK has already applied to this batch.")))
