"""Reading cells the way operators' spreadsheets hold them: NIKs Excel has mangled, dates in
several forms (with the place of birth before them, months in words), sex and yes/no in
Indonesian, phone numbers whose leading 0 Excel dropped."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from django.utils.translation import gettext as _

from balai.core.spreadsheet_cells import FORMULA_STARTS

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug
SCIENTIFIC = re.compile(r"^\s*\d+([.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*$")
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
# An Excel serial written as text: ASCII digits ("²" is a digit to isdigit, not to int), few
# enough to be read as a number at all.
SERIAL_TEXT = re.compile(r"[0-9]{1,9}")
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_MONTH_NAME_YEAR = re.compile(r"^(\d{1,2})[\s/.\-]+([a-z]+)\.?[\s/.\-]+(\d{4})$")
# Month names and their short forms, Indonesian (old spellings too) and English.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "pebruari", "feb", "peb", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "ags", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "des", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MALE_WORDS = {"l", "lk", "laki", "lakilaki", "lelaki", "pria", "m", "male"}
FEMALE_WORDS = {"p", "pr", "prp", "perempuan", "wanita", "w", "f", "female"}
NOT_LETTER = re.compile(r"[^a-z]")
# An Indonesian mobile number without its leading 0: Excel drops it from a number.
MOBILE_WITHOUT_ZERO = re.compile(r"^8\d{8,12}$")
YES = {"ya", "y", "iya", "yes", "1", "true", "benar", "v"}
NO = {"tidak", "t", "tdk", "bukan", "no", "n", "0", "false", "", "none", "-"}


class CellError(ValueError):
    """A cell that cannot be read, with the reason to show the operator."""


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        # Balai escaped it on the way out (the rejected rows): it reads back as typed.
        return text[1:].strip()
    return text


def nik_from_cell(value: Any) -> str:
    """Return the NIK in a cell, or say how Excel damaged it."""
    if isinstance(value, float) and not value.is_integer():
        raise CellError(
            _(
                "The NIK was turned into a decimal number by Excel. Format the column "
                "as Text and type the NIK again."
            )
        )
    if isinstance(value, int | float):
        digits = str(int(value))
        # Excel keeps 15 significant digits: the 16th of a NIK typed as a number becomes 0.
        if len(digits) == 16 and digits.endswith("0"):
            raise CellError(
                _(
                    "Excel stored this NIK as a number and may have lost its last "
                    "digit. Format the column as Text and type the NIK again."
                )
            )
        return digits
    text = text_of(value)
    if SCIENTIFIC.match(text):
        raise CellError(
            _(
                "The NIK was shortened by Excel to %(value)s (scientific notation). "
                "Format the column as Text and type the NIK again."
            )
            % {"value": text}
        )
    return text.lstrip("'")


def date_from_cell(value: Any, *, today: datetime.date) -> datetime.date:
    """Return a date written as dd/mm/yyyy, d-m-yy, yyyy-mm-dd or an Excel serial number."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and math.isfinite(value):
        return _from_serial(int(value))
    if SERIAL_TEXT.fullmatch(text_of(value)):
        return _from_serial(int(text_of(value)))
    # "Tangerang, 17-08-1990": a column of place and date of birth (TTL) gives the date.
    text = text_of(value).rsplit(",", 1)[-1].strip()
    if match := ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif (match := DAY_MONTH_NAME_YEAR.match(text.lower())) and match[2] in MONTHS:
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
    elif match := DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            # A two-digit year is in the past: 07 is 2007, 95 is 1995.
            year += 2000 if year <= today.year % 100 else 1900
    else:
        raise CellError(_("Write the date as dd/mm/yyyy, for example 17/08/1990."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(_("%(value)s is not a date in the calendar.") % {"value": text}) from None


def _from_serial(serial: int) -> datetime.date:
    if not 1 <= serial <= 80_000:
        raise CellError(_("Write the date as dd/mm/yyyy, for example 17/08/1990."))
    return EXCEL_EPOCH + datetime.timedelta(days=serial)


def sex_from_cell(value: Any) -> str:
    """Return "L" or "P" for the ways a sex is written: L/P, Laki-laki, Perempuan, Pria,
    Wanita, …"""
    word = NOT_LETTER.sub("", text_of(value).lower())
    if word in MALE_WORDS:
        return "L"
    if word in FEMALE_WORDS:
        return "P"
    raise CellError(_("Write L (laki-laki) or P (perempuan)."))


def phone_text_from_cell(value: Any) -> str:
    """Return a phone number as typed, with the leading 0 Excel dropped from a number put
    back (812… is 0812…)."""
    text = text_of(value)
    return "0" + text if MOBILE_WITHOUT_ZERO.match(text) else text


def yes_no_from_cell(value: Any) -> bool:
    word = text_of(value).lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("Write Ya or Tidak."))
