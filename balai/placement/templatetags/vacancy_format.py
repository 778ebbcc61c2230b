"""How vacancies' numbers read on a page: wages as Rupiah are written."""

from __future__ import annotations

from django import template

from balai.placement.models import Vacancy
from balai.placement.vacancy_input import wage_range_label

register = template.Library()


@register.filter
def wage_range(vacancy: Vacancy) -> str:
    """{{ vacancy|wage_range }}: "Rp3.000.000 - Rp4.500.000", "from Rp3.000.000", …"""
    return wage_range_label(vacancy.wage_min, vacancy.wage_max)
