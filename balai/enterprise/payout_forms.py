"""Forms of the payout pages: where a grant is paid (with its one-time request key), and the
reason a payout is cancelled."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.enterprise.models import DisbursementChannel, GrantDisbursement
from balai.enterprise.payout_accounts import PROVIDERS


def _provider_choices() -> list[tuple[str, Any]]:
    return [
        (str(channel.label), [(p.code, p.name) for p in PROVIDERS if p.channel == channel])
        for channel in DisbursementChannel
    ]


class PayoutForm(forms.Form):
    """Where the money goes. The amount is the grant's, never typed; the hidden key, made
    when the page is opened, makes a double-clicked form record one payout."""

    channel = forms.ChoiceField(
        label=_("Paid by"), choices=DisbursementChannel.choices, widget=forms.RadioSelect
    )
    provider_code = forms.ChoiceField(label=_("Bank or e-wallet"), choices=_provider_choices)
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=40,
        help_text=_("Digits only; an e-wallet is paid to its mobile number (08…)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_name = forms.CharField(
        label=_("Account holder"),
        max_length=150,
        help_text=_("As the bank knows it: a name that does not match is returned."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, earlier: GrantDisbursement | None = None, **kwargs: Any) -> None:
        initial = kwargs.pop("initial", None) or {}
        initial.setdefault("idempotency_key", uuid.uuid4().hex)
        if earlier is not None:  # a retry starts from the details the bank returned
            initial.update(
                channel=earlier.channel,
                provider_code=earlier.provider_code,
                account_number=earlier.account_number,
                account_name=earlier.account_name,
            )
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)


class PayoutCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why it is cancelled"), max_length=300)
