"""Forms of the ledger pages: the journal's filters and the day of the trial balance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.enterprise.models import LedgerTransactionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Past any id a ledger will reach, and within what every database's integer holds.
ID_MAXIMUM = 2**31 - 1


class LedgerFilterForm(forms.Form):
    """What the journal is narrowed to."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *LedgerTransactionKind.choices],
        required=False,
    )
    occurred_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    occurred_until = forms.DateField(label=_("Until"), required=False, widget=DATE)
    loan = forms.IntegerField(
        label=_("Loan number"), required=False, min_value=1, max_value=ID_MAXIMUM
    )
    grant = forms.IntegerField(
        label=_("Grant number"), required=False, min_value=1, max_value=ID_MAXIMUM
    )

    def filters(self) -> dict[str, Any]:
        """Return the valid filters; the caller lists nothing if any was invalid."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "occurred_from": data.get("occurred_from"),
            "occurred_until": data.get("occurred_until"),
            "loan_id": data.get("loan"),
            "grant_application_id": data.get("grant"),
        }


class TrialBalanceForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=DATE)

    def as_of_day(self) -> Any:
        """Return the day asked for, or today when none (or a wrong one) was given."""
        if self.is_valid() and self.cleaned_data.get("as_of"):
            return self.cleaned_data["as_of"]
        return timezone.localdate()
