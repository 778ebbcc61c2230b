"""Forms of the person registry: claiming an account with a one-time code, finding a person
and correcting their contact data at the front desk."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.regions.forms import AreaListFilterForm
from balai.regions.models import Kelurahan
from balai.registry.claims import ContactCorrection
from balai.registry.contact import ContactDetails
from balai.registry.nik import NIK_LENGTH, nik_normalise
from balai.registry.person_filters import person_filter_fields
from balai.registry.phones import phone_normalise
from balai.registry.selectors import PERSON_SORT_CHOICES
from balai.registry.typed import digits_typed

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


class PhoneField(forms.CharField):
    """A mobile number as typed (08…, 62…, +62…), cleaned to +628… or refused with the reason;
    empty stays empty when the field is optional."""

    def __init__(self, **kwargs: Any) -> None:
        widget = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        super().__init__(max_length=30, widget=widget, **kwargs)

    def clean(self, value: Any) -> str:
        typed = super().clean(value)
        if not typed.strip():
            return ""
        try:
            return phone_normalise(typed)
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


class ClaimCodeRequestForm(forms.Form):
    nik = NikField(label=_("NIK"))
    phone = PhoneField(label=_("Mobile phone number on record"))


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

    def clean_code(self) -> str:
        # Typed as on the phone: digits of any keyboard, spaces between groups.
        try:
            return digits_typed(self.cleaned_data["code"], field="code", label=str(_("The code")))
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code=error.code) from None

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
    correct_record = forms.BooleanField(
        label=_(
            "The record holds another phone number or kelurahan (somebody else may have "
            "registered this NIK): correct it from the resident and close that account."
        ),
        required=False,
    )
    phone = PhoneField(
        label=_("The resident's mobile phone number (empty if none)"), required=False
    )
    domicile_kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan where the resident lives"),
        queryset=Kelurahan.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, kelurahan: QuerySet[Kelurahan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domicile = self.fields["domicile_kelurahan"]
        assert isinstance(domicile, forms.ModelChoiceField)  # noqa: S101  # declared above
        domicile.queryset = kelurahan

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("correct_record") and not cleaned.get("domicile_kelurahan"):
            self.add_error("domicile_kelurahan", _("Choose the kelurahan the resident lives in."))
        return cleaned

    def show_refusal(self, error: ApplicationError) -> None:
        """Put a refusal beside the field it names, or beside the NIK."""
        for name, messages in (error.details or {"nik": [error.message]}).items():
            for message in messages:
                self.add_error(name if name in self.fields else "nik", message)

    def correction(self) -> ContactCorrection | None:
        """Return what to correct in the record, if the operator asked for it."""
        data = self.cleaned_data
        if not data.get("correct_record"):
            return None
        return ContactCorrection(phone=data["phone"], domicile_kelurahan=data["domicile_kelurahan"])


class FrontDeskPasswordResetForm(forms.Form):
    nik = NikField(label=_("NIK on the resident's KTP"))
    identity_seen = forms.BooleanField(
        label=_("I have seen the resident's KTP, and the resident is here in person."),
        required=True,
    )


class PersonFilterForm(AreaListFilterForm):
    """What the residents list is narrowed to: a name, NIK, KK or phone number, a kelurahan
    of the user's area, and an order."""

    q = forms.CharField(
        label=_("Name, NIK, KK number or phone"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sort = forms.ChoiceField(label=_("Order"), choices=PERSON_SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The filters later stages declare (batch, status, programme), before the order.
        declared = person_filter_fields()
        self.fields.update(declared)
        self.order_fields(["q", "kelurahan", *declared, "sort"])

    def filters(self) -> dict[str, Any]:
        """Return the valid filters (an invalid one, left out, is shown beside its field: the
        caller then lists nothing rather than more than was asked for)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": data.get("q", "").strip(),
            "kelurahan": data.get("kelurahan"),
            "sort": data.get("sort", ""),
            "declared": {name: data.get(name) for name in person_filter_fields()},
        }

    def forget_text(self) -> None:
        """Show the search box empty again (after a number was searched)."""
        self.data = {**{name: self.data.get(name, "") for name in self.fields}, "q": ""}

    def query_string(self) -> str:
        """Return the filters as typed, for the address of the list they select."""
        return urlencode({name: self.data[name] for name in self.fields if self.data.get(name)})


class ContactCorrectionForm(forms.Form):
    """An operator corrects a resident's contact data, as the resident tells it, and says why."""

    phone = forms.CharField(
        label=_("Mobile phone number (empty if none)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(label=_("E-mail (optional)"), max_length=254, required=False)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    domicile_kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan where the resident lives"), queryset=Kelurahan.objects.none()
    )
    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=500,
        help_text=_("Kept in the audit log beside the change, e.g. 'new phone number'."),
    )

    def __init__(self, *args: Any, kelurahan: QuerySet[Kelurahan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domicile = self.fields["domicile_kelurahan"]
        assert isinstance(domicile, forms.ModelChoiceField)  # noqa: S101  # declared above
        domicile.queryset = kelurahan

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            domicile_kelurahan=data["domicile_kelurahan"],
        )

    def show_refusal(self, error: ApplicationError) -> None:
        """Put a refusal beside the field it names, or above the form."""
        for name, messages in (error.details or {"": [error.message]}).items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
