"""Stamp the API tokens made before stamps existed with their user's current password, so
that they keep working until the password changes (and no longer after)."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations


def stamp(password: str) -> str:
    # The formula of balai.accounts.services._password_stamp, fixed here as it was written.
    key = settings.FIELD_HASH_KEY.encode()
    return hmac.new(key, f"api-token-password:{password}".encode(), hashlib.sha256).hexdigest()


def stamp_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(password_stamp="").select_related("user").iterator():
        token.password_stamp = stamp(token.user.password)
        token.save(update_fields=["password_stamp"])


def unstamp_tokens(apps, schema_editor):
    apps.get_model("accounts", "ApiToken").objects.update(password_stamp="")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_token_password_stamp")]
    operations = [migrations.RunPython(stamp_tokens, unstamp_tokens)]
