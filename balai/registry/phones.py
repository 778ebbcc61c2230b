"""Indonesian mobile numbers in one form: +62 8xx…, whatever way they were typed.

People write one number as 0812-3456-7890, +62 812 3456 7890, 62812…, +62 (0)812… or, from a
phone's international dialling, 0062 812…: all of them are the same +6281234567890. Only
mobile numbers are kept, since a code or a message goes to them by WhatsApp or SMS: after the
08 come 1, 2, 3, 5, 7, 8 or 9 (Telkomsel 081x and 082x, Indosat 085x, XL 087x and 081[789],
Smartfren 088x, Tri 089x, Axis 083x); 080 is a toll-free number, 084 and 086 belong to
nobody, and 021… (Jakarta) or 0254… (Banten) is a landline.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.registry.typed import digits_typed

# In 08 form: 10 to 13 digits, the 8 followed by an operator's digit.
_MOBILE = re.compile(r"^\+628[1235789][0-9]{6,10}$")
_LANDLINE = re.compile(r"^(\+62|62|0)[1-79][0-9]{5,}$")
# The ways of writing the country code before the 8, longest first.
_COUNTRY_PREFIXES = ("+620", "00620", "0062", "620", "+62", "62", "0")


def phone_normalise(raw: str) -> str:
    """Return `raw` (08xx…, 628xx…, +62 8xx…) as +628xx…; refuse what is not a mobile number."""
    digits = digits_typed(raw.strip(), field="phone", label=_("The phone number"), keep="+")
    national = _national_number(digits)
    if national is None or not _MOBILE.match("+62" + national):
        raise _not_a_mobile_number(digits, national)
    return "+62" + national


def phone_local(phone: str) -> str:
    """Return a normalised +628… number as people read it: 0812 3456 7890."""
    national = "0" + phone.removeprefix("+62")
    return " ".join(national[start : start + 4] for start in range(0, len(national), 4))


def _national_number(digits: str) -> str | None:
    """Return the number after the country code (8…), or None if it has none we know."""
    for prefix in _COUNTRY_PREFIXES:
        if digits.startswith(prefix + "8"):
            return digits.removeprefix(prefix)
    return None


def _not_a_mobile_number(digits: str, national: str | None) -> ApplicationError:
    # A landline (021…, +62 21…) or an 08 number no operator has: say what it is not.
    another_kind = _LANDLINE.match(digits) or (
        national is not None and len(national) > 1 and national[1] in "046"
    )
    if another_kind:
        message = _(
            "This is not a mobile number: Indonesian mobile numbers begin with 081, 082, 083, "
            "085, 087, 088 or 089."
        )
    else:
        message = _("The phone number must be an Indonesian mobile number, such as 0812 3456 7890.")
    return ApplicationError(
        message,
        code="phone_invalid",
        details={"phone": [_("Write it as 08…, 62… or +62…, 10 to 14 digits.")]},
    )
