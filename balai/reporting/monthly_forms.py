"""The form an admin makes a monthly report with: the month (a month picker) and remarks."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.reporting.monthly import REMARKS_MAX_LENGTH


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")


class MonthField(forms.DateField):
    """A month as "YYYY-MM" (what a month picker sends), cleaned to its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Give the month as year and month, e.g. 2026-03.")}

    def to_python(self, value: str | datetime.date | None) -> datetime.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day is not None else None


class MonthlyReportForm(forms.Form):
    month = MonthField(label=_("Month"), error_messages={"required": _("Choose the month.")})
    # The length is checked by the service, so that its message is the one shown.
    remarks = forms.CharField(
        label=_("Remarks"),
        help_text=_(
            "What the figures do not say: causes, next steps (at most %(limit)s characters)."
        )
        % {"limit": REMARKS_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
