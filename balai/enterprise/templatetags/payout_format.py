"""How payout accounts read on the page: numbers masked, providers named."""

from __future__ import annotations

from django import template

from balai.enterprise.payout_accounts import PROVIDERS_BY_CODE, account_number_masked

register = template.Library()


@register.filter
def payout_account_masked(number: str) -> str:
    """Return the account number with all but its last 4 digits hidden."""
    return account_number_masked(number)


@register.filter
def payout_provider(code: str) -> str:
    """Return the bank's or e-wallet's name for its code."""
    provider = PROVIDERS_BY_CODE.get(code)
    return provider.name if provider else code
