"""The structure of a NIK: 6 digits of region, birth date (day + 40 for women), 4 of serial."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.registry.models import Sex

NIK_LENGTH = 16


def nik_normalise(raw: str) -> str:
    """Return the digits of `raw` (any Unicode digits, spaces, dots and dashes dropped)."""
    return "".join(str(int(character)) for character in raw if character.isdigit())


def nik_compose(*, region_code: str, birth_date: datetime.date, sex: Sex, serial: int) -> str:
    """Return the NIK with these parts; `region_code` is a dotted kecamatan code."""
    day = birth_date.day + (40 if sex == Sex.FEMALE else 0)
    return f"{region_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def nik_check(*, nik: str, birth_date: datetime.date, sex: Sex) -> None:
    """Refuse a NIK whose shape, encoded birth date or sex disagrees with what was typed."""
    if len(nik) != NIK_LENGTH or not nik.isdigit():
        raise ApplicationError(_("A NIK has exactly 16 digits."), code="nik_length")
    encoded_day = int(nik[6:8])
    encoded_sex = Sex.FEMALE if encoded_day > 40 else Sex.MALE
    if encoded_sex != sex:
        raise ApplicationError(
            _("The NIK encodes a different sex from the one entered."), code="nik_sex"
        )
    day = encoded_day - 40 if encoded_sex == Sex.FEMALE else encoded_day
    if (day, int(nik[8:10]), int(nik[10:12])) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        raise ApplicationError(
            _("The NIK encodes a different birth date from the one entered."), code="nik_birth_date"
        )
    if nik[12:] == "0000":
        raise ApplicationError(_("A NIK's last four digits cannot be 0000."), code="nik_serial")
