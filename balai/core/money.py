"""Money as people type and read it: integer Rupiah, never a fraction.

Rupiah have no cents in use: "1.500.000" is one and a half million, "1,5" most likely means
millions, and "1.500.000,50" is a mistake. Amounts are read strictly (a fraction is refused
rather than rounded) and written back grouped in thousands with dots, as Indonesians write.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError

# Digits alone, or grouped in thousands by dots ("1.500.000") or spaces ("1 500 000").
DIGITS = re.compile(r"^\d+$")
GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")
RUPIAH_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
# A trillion Rupiah is past any grant, loan or budget of a city programme; BIGINT holds it.
AMOUNT_MAX = 1_000_000_000_000


class AmountInvalidError(ApplicationError):
    code = "amount_invalid"


def rupiah_typed(
    raw: str | int | float | None,
    *,
    field: str = "amount",
    minimum: int = 1,
    maximum: int = AMOUNT_MAX,
) -> int:
    """Return whole Rupiah from what was typed ("1.500.000", "Rp 1 500 000", 1500000), or
    refuse with a message naming the field (AmountInvalidError)."""
    amount = _amount_read(raw, field)
    if amount < minimum:
        message = _("The amount is at least Rp%(minimum)s.") % {"minimum": rupiah_digits(minimum)}
        raise _refused(message, "amount_too_small", field)
    if amount > maximum:
        message = _("The amount is at most Rp%(maximum)s.") % {"maximum": rupiah_digits(maximum)}
        raise _refused(message, "amount_too_large", field)
    return amount


def _amount_read(raw: str | int | float | None, field: str) -> int:
    example = _("Write the amount in Rupiah, such as 1.500.000.")
    # A JSON number may come as 2000000.0 (whole: read) or 1500.5 (a fraction: refused);
    # a JSON true is an int to Python, never an amount.
    if isinstance(raw, float):
        if not raw.is_integer():
            raise _fraction_refused(field)
        return int(raw)
    if raw is None or isinstance(raw, bool):
        raise _refused(example, "amount_invalid", field)
    if isinstance(raw, int):
        return raw
    text = RUPIAH_PREFIX.sub("", raw.strip())
    if not text:
        raise _refused(_("Fill in the amount."), "amount_missing", field)
    if text.startswith("-"):
        raise _refused(_("The amount cannot be negative."), "amount_negative", field)
    if "," in text or re.search(r"\.\d{1,2}$", text):
        raise _fraction_refused(field)
    if not (DIGITS.match(text) or GROUPED.match(text)):
        raise _refused(example, "amount_invalid", field)
    return int(re.sub(r"[. ]", "", text))


def rupiah_digits(amount: int) -> str:
    """Return `amount` grouped in thousands with dots: 1.500.000 (a minus sign kept)."""
    return f"{amount:,}".replace(",", ".")


def rupiah_label(amount: int) -> str:
    """Return `amount` as Rupiah are written: Rp1.500.000, -Rp25.000."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{rupiah_digits(abs(amount))}"


def _fraction_refused(field: str) -> AmountInvalidError:
    message = _("Write the amount in whole Rupiah, without cents: such as 1.500.000.")
    return _refused(message, "amount_fraction", field)


def _refused(message: str, code: str, field: str) -> AmountInvalidError:
    return AmountInvalidError(message, code=code, details={field: [message]})
