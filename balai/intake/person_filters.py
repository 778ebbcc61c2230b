"""The residents list narrowed by their applications: to a batch, a status, a programme
chosen (one application meeting all that are given), declared to the registry from ready()."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.intake.models import Application, ApplicationStatus, Batch
from balai.registry.models import Person
from balai.registry.person_filters import PersonFilter


def application_filter_fields() -> dict[str, forms.Field]:
    """Return the fields narrowing a list by applications: batch, status, programme chosen."""
    return {
        "batch": forms.ModelChoiceField(
            label=_("Batch"),
            queryset=Batch.objects.order_by("-registration_opens_at"),
            to_field_name="code",
            required=False,
            empty_label=_("All batches"),
        ),
        "status": forms.ChoiceField(
            label=_("Status"),
            choices=[("", _("All statuses")), *ApplicationStatus.choices],
            required=False,
        ),
        "programme": forms.ModelChoiceField(
            label=_("Programme chosen"),
            queryset=Programme.objects.order_by("name"),
            to_field_name="code",
            required=False,
            empty_label=_("All programmes"),
        ),
    }


# Each filter's field, and what it looks up on an application.
LOOKUPS = {"batch": "batch", "status": "status", "programme": "choices__offering__programme"}


def _narrow(people: QuerySet[Person], values: dict[str, Any]) -> QuerySet[Person]:
    given = {lookup: values[name] for name, lookup in LOOKUPS.items() if values.get(name)}
    if not given:
        return people
    return people.filter(pk__in=Application.objects.filter(**given).values("person_id"))


APPLICATIONS_FILTER = PersonFilter(
    name="applications", fields=application_filter_fields, narrow=_narrow
)
