"""A vacancy as an employer types it, checked the same on every channel (page, API).

Every problem is collected, by field, before anything is refused: the employer sees all of
them beside their fields at once rather than one per attempt. Wages are integer Rupiah typed
as people write them ("3.500.000", "3500000", "Rp 3.500.000"); a fraction ("3.500.000,50",
"3,5") is refused, since Rupiah wages have no cents and "3,5" most likely means millions.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.regions.models import Kelurahan
from balai.registry.typed import text_typed

TITLE_MAX_LENGTH = 150
DESCRIPTION_MAX_LENGTH = 5000
SKILLS_MAX_LENGTH = 300
ADDRESS_MAX_LENGTH = 250
OPENINGS_MAX = 1000
# A billion Rupiah a month is past any wage a graduate is offered; the column holds 2^31.
WAGE_MAX = 1_000_000_000
# Digits alone, or grouped in thousands by dots ("3.500.000") or spaces ("3 500 000").
WAGE_DIGITS = re.compile(r"^\d+$")
WAGE_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")
RUPIAH_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class VacancyInput:
    """What an employer sends for a vacancy, as typed (wages and openings may be text)."""

    title: str
    description: str
    deadline: datetime.date | None
    programme_ids: Sequence[int] = ()
    skills: str = ""
    kelurahan_code: str = ""
    address: str = ""
    wage_min: str | int | None = None
    wage_max: str | int | None = None
    openings: str | int = 1


@dataclass
class CheckedVacancy:
    """A vacancy's fields, checked, ready to save (`programmes` set after the row)."""

    fields: dict[str, object]
    programmes: list[Programme] = field(default_factory=list)


class VacancyInvalidError(ApplicationError):
    code = "vacancy_invalid"


def vacancy_input_checked(
    data: VacancyInput, *, today: datetime.date | None = None
) -> CheckedVacancy:
    """Return the fields of a vacancy from what was typed, or refuse naming every field
    that is wrong (VacancyInvalidError, details by field)."""
    errors: dict[str, list[str]] = {}
    fields: dict[str, object] = {}

    def check(name: str, value: object) -> None:
        try:
            fields[name] = value() if callable(value) else value
        except ApplicationError as error:
            errors.setdefault(name, []).append(error.message)

    check("title", lambda: _text_required(data.title, "title", TITLE_MAX_LENGTH))
    check("description", lambda: _text_required(data.description, "description", None))
    check("skills", lambda: _text_limited(data.skills, "skills", SKILLS_MAX_LENGTH))
    check("address", lambda: _text_limited(data.address, "address", ADDRESS_MAX_LENGTH))
    check("kelurahan", lambda: _kelurahan(data.kelurahan_code))
    check("wage_min", lambda: wage_typed(data.wage_min, field="wage_min"))
    check("wage_max", lambda: wage_typed(data.wage_max, field="wage_max"))
    check("openings", lambda: _openings(data.openings))
    check("deadline", lambda: deadline_checked(data.deadline, today=today))
    programmes: list[Programme] = []
    try:
        programmes = _programmes(data.programme_ids)
    except ApplicationError as error:
        errors.setdefault("programmes", []).append(error.message)
    _check_together(fields, errors)
    if errors:
        first = next(iter(errors.values()))[0]
        raise VacancyInvalidError(first, details=errors)
    return CheckedVacancy(fields=fields, programmes=programmes)


def _check_together(fields: dict[str, object], errors: dict[str, list[str]]) -> None:
    """The rules between fields: a place to work, and wages in order."""
    no_place = fields.get("kelurahan", "") is None and fields.get("address", "x") == ""
    if no_place:
        message = _("Choose the kelurahan of the workplace or write its address.")
        errors.setdefault("kelurahan", []).append(message)
    wage_min, wage_max = fields.get("wage_min"), fields.get("wage_max")
    if isinstance(wage_min, int) and isinstance(wage_max, int) and wage_min > wage_max:
        message = _("The lowest wage cannot be more than the highest.")
        errors.setdefault("wage_max", []).append(message)


def _refused(message: str, code: str, field: str) -> ApplicationError:
    return ApplicationError(message, code=code, details={field: [message]})


def _text_required(raw: str, field: str, limit: int | None) -> str:
    text = _text_limited(raw, field, limit or DESCRIPTION_MAX_LENGTH)
    if not text:
        raise _refused(_("Fill this in."), f"{field}_missing", field)
    return text


def _text_limited(raw: str, field: str, limit: int) -> str:
    # Paragraphs of a description are kept; every other text is one line.
    if field == "description":
        lines = [text_typed(line, field=field, label=_("The text")) for line in raw.splitlines()]
        text = "\n".join(lines).strip()
    else:
        text = text_typed(raw, field=field, label=_("The text"))
    if len(text) > limit:
        message = _("Write at most %(limit)s characters.") % {"limit": limit}
        raise _refused(message, f"{field}_too_long", field)
    return text


def wage_typed(raw: str | int | None, *, field: str = "wage") -> int | None:
    """Return a monthly wage in whole Rupiah from what was typed, None if nothing was."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):  # a JSON true is an int to Python, never a wage
        raise _refused(_("Write the wage in Rupiah, such as 3.500.000."), "wage_invalid", field)
    if isinstance(raw, int):
        amount = raw
    else:
        text = RUPIAH_PREFIX.sub("", raw.strip())
        if "," in text or re.search(r"\.\d{1,2}$", text):
            message = _("Write the wage in whole Rupiah, without cents: such as 3.500.000.")
            raise _refused(message, "wage_fraction", field)
        if not (WAGE_DIGITS.match(text) or WAGE_GROUPED.match(text)):
            message = _("Write the wage in Rupiah, such as 3.500.000.")
            raise _refused(message, "wage_invalid", field)
        amount = int(re.sub(r"[. ]", "", text))
    if amount < 1:
        raise _refused(_("A wage is more than Rp0."), "wage_not_positive", field)
    if amount > WAGE_MAX:
        message = _("A monthly wage is at most Rp%(limit)s.") % {"limit": rupiah_digits(WAGE_MAX)}
        raise _refused(message, "wage_too_large", field)
    return amount


def rupiah_digits(amount: int) -> str:
    """Return `amount` grouped in thousands with dots, as Rupiah are written: 3.500.000."""
    return f"{amount:,}".replace(",", ".")


def wage_range_label(wage_min: int | None, wage_max: int | None) -> str:
    """Return a wage range as a job seeker reads it: "Rp3.000.000 - Rp4.500.000"."""
    if wage_min is not None and wage_max is not None and wage_min != wage_max:
        return f"Rp{rupiah_digits(wage_min)} - Rp{rupiah_digits(wage_max)}"
    if wage_min is not None and wage_max is not None:
        return f"Rp{rupiah_digits(wage_min)}"
    if wage_min is not None:
        return _("from Rp%(amount)s") % {"amount": rupiah_digits(wage_min)}
    if wage_max is not None:
        return _("up to Rp%(amount)s") % {"amount": rupiah_digits(wage_max)}
    return _("Not stated")


def _openings(raw: str | int) -> int:
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit():
        message = _("Write the number of openings, such as 2.")
        raise _refused(message, "openings_invalid", "openings")
    openings = int(text)
    if not 1 <= openings <= OPENINGS_MAX:
        message = _("Openings are between 1 and %(limit)s.") % {"limit": OPENINGS_MAX}
        raise _refused(message, "openings_out_of_range", "openings")
    return openings


def deadline_checked(
    deadline: datetime.date | None, *, today: datetime.date | None = None
) -> datetime.date:
    """Return `deadline` if it is today or later: a vacancy is open through its deadline."""
    if deadline is None:
        raise _refused(_("Choose the last day to apply."), "deadline_missing", "deadline")
    if deadline < (today or timezone.localdate()):
        message = _("The last day to apply cannot be in the past.")
        raise _refused(message, "deadline_past", "deadline")
    return deadline


def _kelurahan(code: str) -> Kelurahan | None:
    if not code.strip():
        return None
    found = Kelurahan.objects.filter(
        code=code.strip(), kecamatan__regency_id=settings.BALAI_REGENCY_CODE
    ).first()
    if found is None:
        message = _("Choose a kelurahan of the city, or leave it empty and write the address.")
        raise _refused(message, "kelurahan_unknown", "kelurahan")
    return found


def _programmes(ids: Sequence[int]) -> list[Programme]:
    wanted = set(ids)
    programmes = list(Programme.objects.filter(pk__in=wanted).order_by("name"))
    if len(programmes) != len(wanted):
        message = _("Choose programmes from the catalogue.")
        raise _refused(message, "programme_unknown", "programmes")
    return programmes
