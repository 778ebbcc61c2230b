"""The choice of breakdown and period of exit on the outcomes page."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.placement.indicators import Breakdown

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IndicatorFilterForm(forms.Form):
    breakdown = forms.ChoiceField(label=_("Break down by"), choices=Breakdown.choices)
    exited_from = forms.DateField(label=_("Exited from"), widget=DATE_WIDGET)
    exited_until = forms.DateField(label=_("Exited until"), widget=DATE_WIDGET)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("exited_from"), cleaned.get("exited_until")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            self.add_error("exited_until", _("The start of the period must not be after its end."))
        return cleaned
