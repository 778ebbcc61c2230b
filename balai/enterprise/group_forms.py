"""Forms of business groups: founding one, finding and adding residents, roles, leaving,
dissolving, and a business interest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.enterprise.models import BusinessType, GroupRole
from balai.regions.models import Kelurahan


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=150)
    business_type = forms.ChoiceField(label=_("Kind of business"), choices=BusinessType.choices)
    business_plan = forms.CharField(
        label=_("Business plan"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=Kelurahan.objects.none())

    def __init__(self, *args: Any, kelurahan: QuerySet[Kelurahan] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kelurahan is None:  # a participant founds it where they live
            del self.fields["kelurahan"]
        else:
            self.fields["kelurahan"].queryset = kelurahan  # type: ignore[attr-defined]  # a ModelChoiceField


class ResidentSearchForm(forms.Form):
    text = forms.CharField(label=_("Name or phone number"), max_length=100)


class MemberAddForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices, initial=GroupRole.MEMBER)


class MemberRoleForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices)


class MemberRemoveForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)


class DissolveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class BusinessInterestForm(forms.Form):
    business_type = forms.ChoiceField(label=_("Kind of business"), choices=BusinessType.choices)
    wants_group = forms.BooleanField(
        label=_("I want to join a business group"), required=False, initial=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SuggestionForm(forms.Form):
    """A suggestion sent back to be founded: the people, by their public ids."""

    name = forms.CharField(label=_("Name of the group"), max_length=150)
    business_type = forms.ChoiceField(choices=BusinessType.choices, widget=forms.HiddenInput)
    kelurahan = forms.CharField(max_length=13, widget=forms.HiddenInput)
    people = forms.CharField(widget=forms.HiddenInput)

    def person_ids(self) -> list[str]:
        return [part for part in self.cleaned_data["people"].split(",") if part]
