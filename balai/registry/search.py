"""Finding a person at the front desk: by name however it is spelt, by NIK or family-card
number (through their keyed hashes: the plain numbers are never stored), or by phone.

A name search reads at most `SEARCH_LIMIT` rows, chosen by the database: the people whose
name key holds every word typed, then those that share the start or end of a word typed (a
misspelling), kept only if they are alike enough. Only those few are ranked in Python.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.registry.models import Person
from balai.registry.names import SIMILAR_ENOUGH, name_similarity, name_words
from balai.registry.nik import NIK_LENGTH
from balai.registry.phones import phone_normalise

SEARCH_LIMIT = 200
# A misspelt word still shares its first or last letters with the name: three are enough to
# narrow a city to a few hundred, and few enough to survive a typo in the middle.
FRAGMENT_LENGTH = 3
_NUMBER_MARKS = re.compile(r"[\s.\-+()/]")


@dataclass(frozen=True)
class PersonSearch:
    """The people found, best match first; `truncated` when more matched than were read;
    `by_number` when a NIK, KK or phone number found them."""

    people: list[Person]
    truncated: bool = False
    by_number: bool = False


def is_number(text: str) -> bool:
    """Whether `text` is a number (a NIK, KK or phone number) rather than a name: a number is
    personal data that must never stand in an address, where logs and histories keep it."""
    return _NUMBER_MARKS.sub("", text).isdigit()


def holds_digits(text: str) -> bool:
    """Whether `text` holds a digit at all: a number typed with a word or a stray mark beside
    it ("NIK 3671…", "3671…,", a pasted invisible space) is as personal as the number alone.
    Names have no digits, so only text without any may stand in an address."""
    return any(character.isdigit() for character in text)


def person_search(*, people: QuerySet[Person], text: str) -> PersonSearch:
    """Return the people of `people` (already scoped to the user's area) that `text` finds:
    a NIK or KK number exactly, a phone number exactly, or a name by its spellings."""
    if is_number(text):
        number = _NUMBER_MARKS.sub("", text)
        return PersonSearch(list(people.filter(_number_lookup(text, number))), by_number=True)
    words = name_words(text)
    if not words:
        return PersonSearch([])
    # Every word typed, in any spelling, anywhere in the name (Siti for Siti Aminah).
    found = list(
        people.filter(*(Q(name_phonetic__contains=word) for word in words))[: SEARCH_LIMIT + 1]
    )
    if len(found) > SEARCH_LIMIT:
        return PersonSearch(found[:SEARCH_LIMIT], truncated=True)
    found += _misspelt(people, words, excluded=[person.pk for person in found])
    found.sort(key=lambda person: (-name_similarity(words, person.full_name), person.full_name))
    return PersonSearch(found)


def _misspelt(people: QuerySet[Person], words: list[str], excluded: list[int]) -> list[Person]:
    fragments = {
        fragment
        for word in words
        if len(word) > FRAGMENT_LENGTH
        for fragment in (word[:FRAGMENT_LENGTH], word[-FRAGMENT_LENGTH:])
    }
    if not fragments:
        return []
    near = reduce(operator.or_, (Q(name_phonetic__contains=fragment) for fragment in fragments))
    candidates = people.filter(near).exclude(pk__in=excluded)[:SEARCH_LIMIT]
    return [
        person
        for person in candidates
        if name_similarity(words, person.full_name) >= SIMILAR_ENOUGH
    ]


def _number_lookup(text: str, number: str) -> Q:
    if len(number) == NIK_LENGTH:
        # A NIK and a KK number look alike: either may have been typed.
        hashed = keyed_hash(number)
        return Q(nik_hash=hashed) | Q(kk_hash=hashed)
    try:
        return Q(phone=phone_normalise(text))
    except ApplicationError:
        raise ApplicationError(
            _(
                "Type a whole NIK or KK number (16 digits), a mobile number such as "
                "0812 3456 7890, or a name."
            ),
            code="search_number",
        ) from None
