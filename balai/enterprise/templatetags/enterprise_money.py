"""Rupiah on the enterprise pages, written as Indonesians write them (Rp1.500.000)."""

from __future__ import annotations

from django import template

from balai.core.money import rupiah_label

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    """Return `amount` as Rp1.500.000, or nothing for no amount."""
    return "" if amount is None else rupiah_label(int(amount))
