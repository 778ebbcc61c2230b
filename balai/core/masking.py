"""How personal values are shown where the full value is not needed."""

from __future__ import annotations

# Only the serial at the end: a NIK's first twelve digits are its region and birth date, which
# a page's other columns (birth date, sex, kecamatan) would otherwise let anyone fill back in.
IDENTITY_DIGITS_SHOWN = 4


def mask_identity_number(number: str) -> str:
    """Return a NIK or KK number with only its last four digits shown: ************0001."""
    if len(number) < 2 * IDENTITY_DIGITS_SHOWN:
        return "*" * len(number)
    hidden = len(number) - IDENTITY_DIGITS_SHOWN
    return f"{'*' * hidden}{number[hidden:]}"


def mask_phone(phone: str) -> str:
    """Return a phone number with all but its first four and last three digits hidden."""
    if len(phone) < 8:
        return "*" * len(phone)
    return f"{phone[:4]}{'*' * (len(phone) - 7)}{phone[-3:]}"


def mask_name(full_name: str) -> str:
    """Return each word of a name as its first letter and stars: Siti Aminah -> S*** A*****."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in full_name.split())


def mask_email(email: str) -> str:
    """Return an e-mail address with its local part hidden: s****@example.id."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"
