"""What people type, checked on every channel (form, API, import).

Numbers: a NIK, family card or phone number arrives with spaces and dashes, digits of another
script (a phone keyboard set to Arabic), invisible marks picked up by copy and paste, or a
letter that only looks like a digit. Separators and invisible marks are dropped and decimal
digits of any script become ASCII; anything else (a letter O for a zero, a superscript two, a
circled one) is refused with a message that names the character and where it stands, since
guessing what was meant would file the wrong person.

Text (names, addresses): control characters, invisible marks and direction overrides, which
no name holds and which make one name print as another, are refused by name too; a name
needs a letter, and may not hide an identity or phone number (typed in the wrong box, it
would be shown whole where the NIK is masked).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError

# Space separators, dashes and format marks (zero-width space, soft hyphen, byte order mark).
DROPPED_CATEGORIES = frozenset({"Zs", "Pd", "Cf"})
DROPPED_CHARACTERS = frozenset(".,()/\t\r\n'\"")


def digits_typed(raw: str, *, field: str, label: str, keep: str = "") -> str:
    """Return the ASCII digits of `raw` (and any of `keep`, such as a leading "+"), or refuse
    naming the first character that is neither a digit nor a separator."""
    digits = []
    for position, character in enumerate(raw, start=1):
        if character in keep:
            digits.append(character)
        elif character.isdecimal():
            digits.append(str(unicodedata.decimal(character)))
        elif not (
            character in DROPPED_CHARACTERS or unicodedata.category(character) in DROPPED_CATEGORIES
        ):
            raise _not_a_digit(character, position, field=field, label=label)
    return "".join(digits)


# Control, format (invisible marks, direction overrides), surrogate, private and unassigned.
REFUSED_IN_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
LONG_NUMBER = re.compile(r"\d{6,}")


def text_typed(raw: str, *, field: str, label: str) -> str:
    """Return `raw` in Unicode's composed form with its spaces collapsed, or refuse naming the
    first control or invisible character in it."""
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    for position, character in enumerate(text, start=1):
        if unicodedata.category(character) in REFUSED_IN_TEXT:
            message = _(
                "%(label)s holds a character that cannot be shown: %(character)s at position "
                "%(position)s. Type it again without copying it from elsewhere."
            ) % {"label": label, "character": character_named(character), "position": position}
            raise ApplicationError(message, code=f"{field}_character", details={field: [message]})
    return text


def name_typed(raw: str) -> str:
    """Return a person's name as typed, checked: no hidden characters, a letter at least, no
    number of six digits or more."""
    name = text_typed(raw, field="full_name", label=_("The name"))
    if not any(character.isalpha() for character in name):
        message = _("A name needs letters. Write the name as on the KTP.")
        raise ApplicationError(message, code="name_letters", details={"full_name": [message]})
    if LONG_NUMBER.search(name):
        message = _(
            "A name holds no long number (is it a NIK or a phone number in the wrong box?)."
        )
        raise ApplicationError(message, code="name_number", details={"full_name": [message]})
    return name


def character_named(character: str) -> str:
    """Return a character as people can read it, and as any page can print it: the character
    itself if it is visible, its code point and its Unicode name."""
    code_point = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    visible = not unicodedata.category(character).startswith(("C", "Z"))
    shown = f"«{character}» " if visible else ""
    return f"{shown}({code_point}{' ' + name if name else ''})"


def _not_a_digit(character: str, position: int, *, field: str, label: str) -> ApplicationError:
    message = _(
        "%(label)s may hold digits only: character %(character)s at position %(position)s is "
        "not a digit. Type the number again."
    ) % {"label": label, "character": character_named(character), "position": position}
    return ApplicationError(message, code=f"{field}_character", details={field: [message]})
