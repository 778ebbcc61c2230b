"""A dashboard table's cells written as Indonesians read figures (1.234; 66,7%; Rp1.500.000)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from balai.core.money import rupiah_label

register = template.Library()

NO_FIGURE = "\u2013"  # an en dash: nothing to divide by, or no figure at all


@register.filter
def table_cell(value: object, kind: str) -> str:
    """Return `value` written for a column of `kind` (see reporting.tables.ColumnKind)."""
    if value is None:
        return NO_FIGURE
    if kind == "text" or not isinstance(value, int | float):
        return str(value)
    if kind == "percent":
        return f"{number_format(value, 1, force_grouping=True)}%"
    if kind == "rupiah":
        return rupiah_label(int(value))
    return number_format(value, force_grouping=True)
