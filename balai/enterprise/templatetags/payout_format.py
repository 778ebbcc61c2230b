"""How payouts read on the page: amounts in Rupiah, account numbers masked."""

from __future__ import annotations

from django import template

from balai.core.money import rupiah_label
from balai.enterprise.payout_accounts import PROVIDERS_BY_CODE, account_number_masked

register = template.Library()


@register.filter
def payout_rupiah(amount: int) -> str:
    """Return `amount` as people write it: Rp500.000."""
    return rupiah_label(amount)


@register.filter
def payout_account_masked(number: str) -> str:
    """Return the account number with all but its last 4 digits hidden."""
    return account_number_masked(number)


@register.filter
def payout_provider(code: str) -> str:
    """Return the bank's or e-wallet's name for its code."""
    provider = PROVIDERS_BY_CODE.get(code)
    return provider.name if provider else code
