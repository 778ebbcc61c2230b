"""Indonesian mobile numbers in one form: +62 8xx…, whatever way they were typed."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.registry.typed import digits_typed

_MOBILE = re.compile(r"^\+628[0-9]{7,11}$")


def phone_normalise(raw: str) -> str:
    """Return `raw` (08xx…, 628xx…, +62 8xx…) as +628xx…; refuse what is not a mobile number."""
    digits = digits_typed(raw.strip(), field="phone", label=_("The phone number"), keep="+")
    if digits.startswith("08"):
        digits = "+62" + digits[1:]
    elif digits.startswith("628"):
        digits = "+" + digits
    if not _MOBILE.match(digits):
        raise ApplicationError(
            _("The phone number must be an Indonesian mobile number, such as 0812 3456 7890."),
            code="phone_invalid",
            details={"phone": [_("Write it as 08…, 62… or +62…, 10 to 14 digits.")]},
        )
    return digits
