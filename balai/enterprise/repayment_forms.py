"""Forms of the repayment pages: one repayment, a treasurer's collection for several
members, and the reason for a reversal or a write-off."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.core.forms import ErrorShownForm
from balai.core.money import rupiah_digits, rupiah_typed
from balai.enterprise.repayments import REPAYMENT_MAX
from balai.enterprise.statements import MemberDue

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def request_key() -> str:
    """A one-time key for a form: the same form sent twice records once."""
    return uuid.uuid4().hex


def _amount_read(raw: str, field: str, *, minimum: int = 1) -> int:
    try:
        return rupiah_typed(raw, field=field, minimum=minimum, maximum=REPAYMENT_MAX)
    except ApplicationError as error:
        raise forms.ValidationError(error.message, code=error.code) from error


class RepaymentForm(ErrorShownForm):
    """Money received for one loan."""

    amount = forms.CharField(label=_("Amount (Rp)"), max_length=30, widget=AMOUNT)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    reference = forms.CharField(label=_("Receipt or bank reference"), max_length=64, required=False)
    paid_by = forms.TypedChoiceField(label=_("Paid by"), coerce=int)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=48)

    def __init__(self, *args: Any, payers: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "paid_on": timezone.localdate(),
                "idempotency_key": request_key(),
                "paid_by": payers[0][0] if payers else None,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["paid_by"].choices = payers  # type: ignore[attr-defined]  # a choice field

    def clean_amount(self) -> int:
        return _amount_read(self.cleaned_data["amount"], "amount")


class CollectionForm(ErrorShownForm):
    """A treasurer's collection: an amount per member's loan, prefilled with what each
    owes now."""

    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    reference = forms.CharField(label=_("Receipt or bank reference"), max_length=64, required=False)
    collection_key = forms.CharField(widget=forms.HiddenInput, max_length=48)

    def __init__(self, *args: Any, dues: list[MemberDue], **kwargs: Any) -> None:
        initial = {"paid_on": timezone.localdate(), "collection_key": request_key()}
        for due in dues:
            initial[f"amount_{due.loan.pk}"] = rupiah_digits(due.due_now)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.dues = dues
        for due in dues:
            self.fields[f"amount_{due.loan.pk}"] = forms.CharField(
                label=due.loan.borrower.full_name,
                max_length=30,
                required=False,
                widget=AMOUNT,
            )

    def rows(self) -> list[tuple[MemberDue, forms.BoundField]]:
        """Each member's loan beside its amount field."""
        return [(due, self[f"amount_{due.loan.pk}"]) for due in self.dues]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for due in self.dues:
            name = f"amount_{due.loan.pk}"
            raw = (cleaned.get(name) or "").strip()
            try:
                cleaned[name] = _amount_read(raw, name, minimum=0) if raw else 0
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def amounts(self) -> dict[int, int]:
        """Loan id → the amount typed for it (0 for none)."""
        return {due.loan.pk: self.cleaned_data.get(f"amount_{due.loan.pk}", 0) for due in self.dues}


class ReasonForm(ErrorShownForm):
    """Why a repayment is reversed or a loan written off."""

    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
