"""Template helpers of the job fair pages."""

from __future__ import annotations

from django import template
from django.urls import reverse

from balai.placement.models import Company

register = template.Library()


@register.filter
def logo_url(company: Company) -> str:
    """The address the app serves `company`'s logo at, or "" if it has none."""
    if not company.logo:
        return ""
    name = (company.logo.name or "").rsplit("/", 1)[-1]
    return reverse("placement:company_logo", kwargs={"company_id": company.pk, "name": name})
