"""Signed certificate payloads that anyone holding the public keys can check offline.

The QR code of a certificate carries `<base URL>/verifikasi/<number>/?d=<payload>.<signature>`
(both base64url). The payload is compact JSON: version, number, key id, the holder's masked
name, programme, first and last day, issue date. Nothing here touches the database: the
offline verifier needs only this module and the published public keys."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PAYLOAD_VERSION = 1


class VerificationError(Exception):
    """The signed text is not a genuine certificate payload; the message says why."""


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    return b64encode(private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def signed_text(payload: Mapping[str, Any], private_key: Ed25519PrivateKey) -> str:
    """`payload` as compact JSON, signed: "<payload>.<signature>", both base64url."""
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return f"{b64encode(raw)}.{b64encode(private_key.sign(raw))}"


def verified_payload(text: str, public_keys: Mapping[str, str]) -> dict[str, Any]:
    """The payload of `text` if its signature is genuine under the key it names (key id ->
    base64url public key); VerificationError otherwise."""
    payload_part, dot, signature_part = text.partition(".")
    if not dot:
        raise VerificationError("not a signed certificate payload")
    try:
        raw, signature = b64decode(payload_part), b64decode(signature_part)
        payload = json.loads(raw)
    except ValueError as error:
        raise VerificationError("the payload cannot be read") from error
    if not isinstance(payload, dict) or payload.get("v") != PAYLOAD_VERSION:
        raise VerificationError("unknown payload version")
    key = public_keys.get(str(payload.get("k")))
    if key is None:
        raise VerificationError("signed with an unknown key")
    try:
        Ed25519PublicKey.from_public_bytes(b64decode(key)).verify(signature, raw)
    except (InvalidSignature, ValueError) as error:
        raise VerificationError("the signature does not match the payload") from error
    return payload
