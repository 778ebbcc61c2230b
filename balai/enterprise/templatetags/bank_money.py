"""Rupiah on the bank's pages, written as `rupiah_label` writes them (Rp1.500.000)."""

from __future__ import annotations

from django import template

from balai.core.money import rupiah_label

register = template.Library()


@register.filter(name="bank_rupiah")
def bank_rupiah_filter(amount: int | None) -> str:
    """Return `amount` as Rupiah, or "" for none."""
    return "" if amount is None else rupiah_label(int(amount))
