"""Idempotency keys: a submission sent twice yields one application, and a key replays only
what its own submitter sent with it.

As the IETF's Idempotency-Key draft says, a key is bound to who sent it and to a fingerprint
of what was sent: the same key with a different body is refused, not answered with the first
body's outcome. Keys are stored as a digest of (submitter, batch, key), which also fits any
key a client may choose into one column. The registration form's key is made by the server
and signed, so a browser cannot choose it; keys of lists (imports, demo data) are random.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.intake.models import Channel
from balai.registry.nik import nik_normalise

if TYPE_CHECKING:
    from balai.intake.services import Submission

FORM_KEY_SALT = "balai.intake.registration-form-key"
# A form left open over a long day still sends; one kept for days is made again.
FORM_KEY_MAX_AGE = timedelta(days=1)


class IdempotencyKeyReusedError(ApplicationError):
    """The key was already used for a different submission (the draft's 422)."""

    code = "idempotency_key_reused"
    status = 422


def form_key_issue() -> str:
    """Return a new, signed, unguessable key for one registration form."""
    return signing.dumps(secrets.token_urlsafe(18), salt=FORM_KEY_SALT)


def form_key_is_ours(key: str) -> bool:
    """Whether `key` is a form key this server issued, and is not too old to use."""
    try:
        signing.loads(key, salt=FORM_KEY_SALT, max_age=FORM_KEY_MAX_AGE)
    except signing.BadSignature:
        return False
    return True


def random_key() -> str:
    """Return an unguessable key for an application made without a form (a list's row)."""
    return secrets.token_urlsafe(24)


def key_digest(*, scope: str, batch_id: int, key: str) -> str:
    """Return what is stored for `key`: a digest bound to its submitter and batch."""
    return hashlib.sha256(f"{scope}\x1f{batch_id}\x1f{key}".encode()).hexdigest()


def submission_scope(submission: Submission) -> str:
    """Return who a submission's key belongs to: the holder of the registration form (its key
    is signed, so whoever sends it was given that very form, signed in by its first sending
    or not), the signed-in sender, or anonymous API callers (whose keys replay nothing
    without the identical body)."""
    if submission.channel == Channel.SELF:
        return "registration-form"
    if submission.submitted_by is not None:
        return f"user:{submission.submitted_by.pk}"
    return f"anonymous:{submission.channel}"


def submission_fingerprint(submission: Submission) -> str:
    """Return a digest of everything a submission says, to tell a replay from a reuse."""
    person = submission.person
    content = {
        "nik": nik_normalise(person.nik),
        "kk": nik_normalise(person.kk_number),
        "name": " ".join(person.full_name.split()),
        "birth_date": person.birth_date.isoformat(),
        "sex": str(person.sex),
        "phone": person.phone.strip(),
        "email": person.email.strip(),
        "address": person.address.strip(),
        "domicile": person.domicile_kelurahan.pk,
        "education": str(person.education),
        "employment": str(person.employment_status),
        "income": str(person.income_band),
        "disability": person.has_disability,
        "household_head": person.is_household_head,
        "choices": [offering.pk for offering in submission.choices],
        "interests": submission.interests,
        "consent": submission.consent_given,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def reused_key_error() -> IdempotencyKeyReusedError:
    return IdempotencyKeyReusedError(
        _(
            "This form (or idempotency key) was already sent with different data. Reload the "
            "form and send it again."
        )
    )
