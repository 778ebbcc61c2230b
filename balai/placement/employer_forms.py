"""Forms of employers' pages: registering a company, editing it, adding a member, and the
admin's reason for a decision."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.core.forms import ErrorShownForm
from balai.placement.employers import CompanyDetails, contact_phone_checked, nib_checked
from balai.placement.models import Company, Sector
from balai.regions.selectors import kelurahan_list

FORM_KEY_SALT = "balai.placement.employer-registration-form-key"
FORM_KEY_MAX_AGE = timedelta(days=1)


def form_key_issue() -> str:
    """Return a new, signed, unguessable key for one registration form."""
    return signing.dumps(secrets.token_urlsafe(18), salt=FORM_KEY_SALT)


def form_key_is_ours(key: str) -> bool:
    try:
        signing.loads(key, salt=FORM_KEY_SALT, max_age=FORM_KEY_MAX_AGE)
    except signing.BadSignature:
        return False
    return True


def _checked(check: Callable[[str], str], value: str) -> str:
    """Run a service's check on one field, its refusal becoming the field's error."""
    try:
        return check(value)
    except ApplicationError as error:
        raise forms.ValidationError(error.message, code=error.code) from None


class CompanyForm(ErrorShownForm):
    name = forms.CharField(label=_("Company name"), max_length=150)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices])
    nib = forms.CharField(
        label=_("Business number (NIB)"),
        max_length=30,
        required=False,
        help_text=_("13 digits, from OSS. Leave empty if the company has none yet."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address"), max_length=250)
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE),
        required=False,
        empty_label=_("Outside the city"),
        help_text=_("Leave empty for a company outside the city."),
    )
    description = forms.CharField(
        label=_("About the company"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        help_text=_("The verification result is sent here."),
        error_messages={"invalid": _("Write the e-mail address in full, such as hrd@pt.co.id.")},
    )

    def __init__(self, *args: Any, company: Company | None = None, **kwargs: Any) -> None:
        if company is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(company, name) for name in CompanyForm.base_fields}
        super().__init__(*args, **kwargs)

    def clean_nib(self) -> str:
        return _checked(nib_checked, self.cleaned_data["nib"])

    def clean_contact_phone(self) -> str:
        return _checked(contact_phone_checked, self.cleaned_data["contact_phone"])

    def details(self) -> CompanyDetails:
        data = self.cleaned_data
        return CompanyDetails(
            name=data["name"],
            sector=data["sector"],
            address=data["address"],
            kelurahan=data["kelurahan"],
            description=data["description"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            contact_email=data["contact_email"],
            nib=data["nib"],
        )


class EmployerRegistrationForm(CompanyForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("You sign in with it. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    registration_key = forms.CharField(widget=forms.HiddenInput, required=False)

    # The company's own fields, shown apart from its contact person's.
    company_field_names = ("name", "sector", "nib", "address", "kelurahan", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration_key"].initial = form_key_issue()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords differ. Type them again."))
        if not form_key_is_ours(cleaned.get("registration_key", "")):
            # A form from days ago (or not ours): a fresh key, and what was typed kept.
            fresh = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            fresh["registration_key"] = form_key_issue()
            self.data = fresh
            raise forms.ValidationError(
                _("This form has expired. Check what you typed and send it again."),
                code="form_expired",
            )
        return cleaned


class MemberForm(ErrorShownForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Messages about the company reach members by e-mail."),
    )
    is_manager = forms.BooleanField(label=_("Manager: may add and remove members"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the company reads it)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
