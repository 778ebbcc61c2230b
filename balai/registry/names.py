"""Names as residents spell them: one key for the spellings of one name, and how alike two are.

Indonesian names are written in the spelling of the year they were registered (Soekarno,
Djoko, Tjahjo, Jusuf before 1972; Sukarno, Joko, Cahyo, Yusuf after), with letters doubled or
not (Muhammad, Muhamad) and words run together or apart (Nur Hayati, Nurhayati). An operator
types the name the way they hear it, so the registry keeps a key in which those spellings
agree, finds candidates by it in the database, and ranks the few it found by similarity.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# In order: a later pair sees what an earlier one wrote (dj becomes j, then every j becomes y,
# as old spelling's j is today's y while today's j was dj; the two meet in one letter).
_SPELLINGS = (
    ("oe", "u"),  # Soeharto, Suharto
    ("dj", "j"),  # Djoko, Joko
    ("tj", "c"),  # Tjahjo, Cahyo
    ("ch", "h"),  # Achmad, Ahmad
    ("kh", "h"),  # Akhmad, Ahmad; Khairul, Hairul
    ("dh", "d"),  # Ramadhan, Ramadan
    ("th", "t"),  # Fathur, Fatur
    ("ph", "f"),  # Stephanie, Stefani
    ("sh", "sy"),  # Shinta, Syinta
    ("j", "y"),  # Jusuf, Yusuf; Sjahrir, Syahrir; Soenjoto, Sunyoto
    ("q", "k"),  # Taufiq, Taufik
    ("v", "f"),  # Vivi, Fifi
    ("x", "ks"),
)
_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
SIMILAR_ENOUGH = 0.75


def name_words(text: str) -> list[str]:
    """Return the key of each word of `text`: Muhammad Rizky -> ["muhamad", "rizki"]."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [_word_key(word) for word in _NOT_LETTER.split(plain) if word]


def _word_key(word: str) -> str:
    for old, new in _SPELLINGS:
        word = word.replace(old, new)
    word = _DOUBLED.sub(r"\1", word)
    # Rizky and Rizki, Hendry and Hendri: a final y is said as i.
    return word[:-1] + "i" if len(word) > 1 and word.endswith("y") else word


def name_phonetic_key(full_name: str) -> str:
    """Return the key a name is stored and searched by: its words' keys run together, so
    that Nur Hayati and Nurhayati are one key."""
    return "".join(name_words(full_name))


def name_similarity(query_words: list[str], full_name: str) -> float:
    """Return how well `query_words` (keys) match `full_name`, from 0 to 1: each query word
    scored by the name's word it matches best (1 for the start of a word), averaged."""
    words = name_words(full_name)
    if not query_words or not words:
        return 0.0
    whole = "".join(words)
    return sum(_word_score(query, words, whole) for query in query_words) / len(query_words)


def _word_score(query: str, words: list[str], whole: str) -> float:
    if any(word.startswith(query) for word in words):
        return 1.0
    if query in whole:  # a part of words run together: Hayati in Nurhayati
        return 0.9
    return max(SequenceMatcher(None, query, word).ratio() for word in words)
