"""Usernames as residents know them: their phone number, written however they write it."""

from __future__ import annotations

import re

from balai.accounts.models import User
from balai.accounts.services import participant_username
from balai.core.errors import ApplicationError
from balai.registry.phones import phone_local, phone_normalise

# Only digits, a plus and what people put between groups of digits: a staff username such as
# "admin" or "op-sukasari" is never read as a number.
PHONE_LIKE = re.compile(r"^[+\d\s().\-]+$")


def sign_in_username(typed: str) -> str:
    """Return the username that `typed` means at sign-in: a mobile number however it is
    written (0812-3456-7890, +62 812…) is the account named after it; anything else as typed."""
    if not PHONE_LIKE.match(typed.strip()):
        return typed
    try:
        return participant_username(phone_normalise(typed))
    except ApplicationError:
        return typed


def sign_in_name(user: User) -> str:
    """Return what `user` types at sign-in, as people read it: 0812 3456 7890 for an account
    named after a phone number, the username otherwise."""
    username = user.get_username()
    if not username.isdigit():
        return username
    try:
        return phone_local(phone_normalise("+" + username))
    except ApplicationError:
        return username
