"""Forms of the bank's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core.forms import ErrorShownForm
from balai.enterprise.models import StatementLineOutcome


class StatementUploadForm(ErrorShownForm):
    file = forms.FileField(label=_("Statement file (CSV)"))


class OutcomeFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All outcomes")), *StatementLineOutcome.choices],
    )

    def outcome_chosen(self) -> str:
        """Return the outcome asked for, or "" for every line (or one not understood)."""
        return self.cleaned_data.get("outcome", "") if self.is_valid() else ""
