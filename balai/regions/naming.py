"""Tolerant comparison of region names, for people who type them and files that list them."""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")
_REPEATED_LETTER = re.compile(r"([a-z])\1+")
_ADMINISTRATIVE_PREFIX = re.compile(r"^(kelurahan|kel|desa|kecamatan|kec)\b\.?\s*")


def region_name_key(name: str) -> str:
    """Return the comparison key of a region name.

    "Batu Jaya", "BATUJAYA" and "Kel. Batu-Jaya" all give "batujaya"; a doubled letter counts
    once, because spellings drift where words are joined ("Cibodasari", "Cibodas Sari").
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    text = _NOT_LETTER_OR_DIGIT.sub("", _ADMINISTRATIVE_PREFIX.sub("", text))
    return _REPEATED_LETTER.sub(r"\1", text)
