"""Forms of the person registry: claiming an account with a one-time code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.registry.nik import NIK_LENGTH, nik_normalise
from balai.registry.phones import phone_normalise

NIK_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class NikField(forms.CharField):
    """A NIK as typed, cleaned to its 16 ASCII digits or refused with the reason."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=40, widget=NIK_WIDGET, **kwargs)

    def clean(self, value: Any) -> str:
        typed = super().clean(value)
        try:
            nik = nik_normalise(typed)
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        if len(nik) != NIK_LENGTH:
            raise forms.ValidationError(
                _("A NIK has exactly 16 digits; this one has %(count)s.") % {"count": len(nik)},
                code="nik_length",
            )
        return nik


class ClaimCodeRequestForm(forms.Form):
    nik = NikField(label=_("NIK"))
    phone = forms.CharField(
        label=_("Mobile phone number on record"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        try:
            return phone_normalise(self.cleaned_data["phone"])
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


class AccountClaimForm(forms.Form):
    nik = NikField(label=_("NIK"))
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("The two passwords differ."))
        return cleaned


class FrontDeskClaimForm(forms.Form):
    nik = NikField(label=_("Resident's NIK"))
    identity_seen = forms.BooleanField(
        label=_("I have seen the resident's KTP, and the resident is here in person."),
        required=True,
    )
