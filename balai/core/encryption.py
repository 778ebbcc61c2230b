"""Encryption at rest for identity numbers, and keyed hashes to find and deduplicate them.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) with MultiFernet so that keys
rotate: the newest key encrypts, every listed key decrypts. The look-up hash uses its own
key, which never rotates casually: changing it means re-hashing every row.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt_text(plain_text: str) -> str:
    """Return `plain_text` encrypted with the newest field-encryption key."""
    cipher = _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS))
    return cipher.encrypt(plain_text.encode()).decode()


def decrypt_text(cipher_text: str) -> str:
    """Return the plain text of `cipher_text`, whichever listed key encrypted it."""
    cipher = _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS))
    try:
        return cipher.decrypt(cipher_text.encode()).decode()
    except InvalidToken:
        raise ValueError("cipher text was not made with any configured key") from None


def encrypt_bytes(content: bytes) -> bytes:
    """Return `content` encrypted with the newest field-encryption key."""
    return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(content)


def decrypt_bytes(token: bytes | memoryview) -> bytes:
    """Return the plain bytes of `token`, whichever listed key encrypted it."""
    try:
        return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(bytes(token))
    except InvalidToken:
        raise ValueError("content was not encrypted with any configured key") from None


def keyed_hash(plain_text: str) -> str:
    """Return a keyed SHA-256 of `plain_text`: equal inputs match, the input cannot be guessed."""
    key = settings.FIELD_HASH_KEY.encode()
    return hmac.new(key, plain_text.encode(), hashlib.sha256).hexdigest()
