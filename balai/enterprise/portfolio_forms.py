"""The portfolio page's choices: the date it is computed as of, and the area drilled into."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PortfolioFilterForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=DATE_WIDGET)
    kecamatan = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)
    kelurahan = forms.CharField(required=False, max_length=13, widget=forms.HiddenInput)

    def clean_as_of(self) -> datetime.date:
        as_of: datetime.date | None = self.cleaned_data.get("as_of")
        today = timezone.localdate()
        if as_of is None:
            return today
        if as_of > today:
            raise forms.ValidationError(_("Choose today or a past date."))
        return as_of
