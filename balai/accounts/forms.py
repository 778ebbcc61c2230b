from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import ApiTokenScope
from balai.accounts.usernames import sign_in_username


class SignInForm(AuthenticationForm):
    """Sign in with the phone number as people write it, or a staff username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The phone number (or username) and the password do not match. Forgotten the "
            "password? Get a code on your phone below."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Phone number or username")
        username.help_text = _(
            "The phone number you registered with, such as 0812 3456 7890. Staff: your username."
        )
        username.widget.attrs.update({"autocapitalize": "none", "spellcheck": "false"})

    def clean_username(self) -> str:
        # Before authenticating, so that django-axes and the failure counters count every
        # way of writing one number against the one account.
        return sign_in_username(str(self.cleaned_data.get("username", "")))

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the kelurahan's reporting spreadsheet."),
    )
    scope = forms.ChoiceField(
        label=_("What the token may do"),
        choices=ApiTokenScope.choices,
        initial=ApiTokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Give a token write access only if it must change data."),
    )
