"""Forms of residents' correction requests and of the operators who decide them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core.forms import ErrorShownForm
from balai.registry.corrections import REASON_MAX_LENGTH
from balai.registry.models import CorrectionField


class CorrectionRequestForm(ErrorShownForm):
    field = forms.ChoiceField(label=_("What is wrong"), choices=CorrectionField.choices)
    new_value = forms.CharField(
        label=_("What it should say"),
        max_length=300,
        required=False,
        help_text=_("For a birth date, write it as on the KTP: dd-mm-yyyy."),
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=REASON_MAX_LENGTH + 100,  # the service says what is too long, in words
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_value"].widget.attrs["autocomplete"] = "off"


class CorrectionRejectForm(ErrorShownForm):
    decision_reason = forms.CharField(
        label=_("Why it is rejected (the resident reads this)"),
        max_length=REASON_MAX_LENGTH + 100,
        required=False,
    )
