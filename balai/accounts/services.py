from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import ApiToken, ApiTokenScope, Role, User
from balai.core.audit import AuditPolicy, audit_record, audit_record_created, model_update
from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError
from balai.core.masking import mask_name
from balai.core.models import AuditAction
from balai.regions.models import Kecamatan, Kelurahan

USER_AUDIT_POLICY = AuditPolicy(
    fields=[
        "username",
        "first_name",
        "email",
        "role",
        "kecamatan_id",
        "kelurahan_id",
        "is_active",
        "password",
    ],
    masked={"first_name": mask_name},
    hidden=["password"],
)
TOKEN_PREFIX_LENGTH = 8


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    role: Role,
    email: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    kecamatan: Kecamatan | None = None,
    kelurahan: Kelurahan | None = None,
) -> User:
    """Create a user with `role`; staff in an area get that area. Validated before saving.

    `password_hash` lets a caller that creates many users with one password hash it once.
    """
    user = User(
        username=username.strip(),
        first_name=full_name.strip(),
        email=email.strip(),
        role=role,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password is not None:
        _validate_password(password, user)
        user.password = make_password(password)
    elif password_hash is not None:
        user.password = password_hash
    else:
        user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            _("The account could not be created."),
            code="invalid_user",
            details=error.message_dict,
        ) from None
    user.save()
    audit_record_created(target=user, policy=USER_AUDIT_POLICY)
    return user


def _validate_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ApplicationError(
            " ".join(error.messages), code="weak_password", details={"password": error.messages}
        ) from None


def _password_stamp(user: User) -> str:
    return keyed_hash(f"api-token-password:{user.password}")


def _token_hash(token: str) -> str:
    # A token is 32 random bytes, so a plain SHA-256 cannot be reversed by guessing.
    return hashlib.sha256(token.encode()).hexdigest()


# Without a savepoint: nested in a caller's transaction, a failure here fails it all.
@transaction.atomic(savepoint=False)
def api_token_create(
    *,
    user: User,
    label: str,
    scope: ApiTokenScope = ApiTokenScope.WRITE,
    ends_at_sign_out: bool = False,
) -> tuple[ApiToken, str]:
    """Create an API token for `user`; return it with the token text, shown only this once.

    Residents' tokens live `RESIDENT_API_TOKEN_DAYS`, others' `API_TOKEN_DAYS`.
    """
    token = secrets.token_urlsafe(32)
    days = (
        settings.RESIDENT_API_TOKEN_DAYS
        if user.role == Role.PARTICIPANT
        else settings.API_TOKEN_DAYS
    )
    api_token = ApiToken.objects.create(
        user=user,
        label=label.strip() or _("API token"),
        prefix=token[:TOKEN_PREFIX_LENGTH],
        token_hash=_token_hash(token),
        scope=scope,
        ends_at_sign_out=ends_at_sign_out,
        password_stamp=_password_stamp(user),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return api_token, token


def api_token_authenticate(*, token: str) -> ApiToken | None:
    """Return the unexpired, unrevoked token of an active user that `token` is, or None."""
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(
            token_hash=_token_hash(token),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
    if api_token is None:
        return None
    if not secrets.compare_digest(api_token.password_stamp, _password_stamp(api_token.user)):
        # Made under a password since changed: ended now, and shown so on the token page.
        api_token_revoke(api_token=api_token)
        return None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token


def api_token_revoke(*, api_token: ApiToken) -> None:
    """Revoke `api_token`; requests carrying it are refused from now on."""
    ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def api_tokens_revoke_at_sign_out(*, user: User) -> int:
    """Revoke the tokens a sign-in handed out to `user`; return how many."""
    return ApiToken.objects.filter(
        user=user, ends_at_sign_out=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """Give `user` a new password (validated) and end every API token they hold: whoever
    knew the old password may have made one."""
    _validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    user_tokens_revoke_after_password_change(user=user)
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Close an account: it signs in no more, and its API tokens end."""
    model_update(instance=user, fields={"is_active": False}, policy=USER_AUDIT_POLICY)
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    return user


@transaction.atomic
def user_rename(*, user: User, full_name: str) -> User:
    """Give an account the name its person's record now has (a correction approved)."""
    model_update(instance=user, fields={"first_name": full_name}, policy=USER_AUDIT_POLICY)
    return user


def user_tokens_revoke_after_password_change(*, user: User) -> int:
    """End every API token of `user` and record it; return how many were ended."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    audit_record(
        action=AuditAction.UPDATE,
        target=user,
        changes={
            "password": {"old": "***", "new": "***"},
            "api_tokens_revoked": {"old": "", "new": str(revoked)},
        },
    )
    return revoked


def participant_username(phone: str) -> str:
    """Return the username of the account named after a normalised phone number: its digits
    (+6281234567890 is 6281234567890), which is what a sign-in typed as 0812… is read as."""
    return phone.lstrip("+")


def participant_username_follow_phone(*, user: User, old_phone: str, new_phone: str) -> None:
    """Rename an account named after `old_phone` after `new_phone`, so that the resident signs
    in with the number now on record; an account named otherwise (staff, or renamed before),
    a number removed, or a name already taken leaves the account as it is."""
    if not (old_phone and new_phone) or user.get_username() != participant_username(old_phone):
        return
    username = participant_username(new_phone)
    if not User.objects.filter(username=username).exists():
        model_update(instance=user, fields={"username": username}, policy=USER_AUDIT_POLICY)


# Without a savepoint: nested in a caller's transaction, a failure here fails it all.
@transaction.atomic(savepoint=False)
def participant_account_create(*, full_name: str, phone: str) -> User:
    """Create a participant's account, named after their phone number, with no password yet.

    The password is chosen afterwards, on the status page: hashing one takes a deliberate
    fraction of a second, which registration under a surge should not spend. A resident
    without a phone (registered at the office) gets a name that is not a number.
    """
    base = participant_username(phone) or f"warga-{secrets.token_hex(4)}"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    username = base
    suffix = 2
    while username in taken:
        username, suffix = f"{base}-{suffix}", suffix + 1
    return user_create(username=username, full_name=full_name, role=Role.PARTICIPANT)
