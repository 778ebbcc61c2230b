"""The operators' applications list: what it is narrowed to, and in which order (the page
and its download read the same form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.intake.models import ApplicationStatus, Batch
from balai.regions.forms import AreaListFilterForm


class ApplicationFilterForm(AreaListFilterForm):
    """What the operators' applications list is narrowed to, and its order."""

    field_order = ["batch", "status", "kelurahan", "programme", "sort"]

    batch = forms.ModelChoiceField(
        label=_("Batch"),
        queryset=Batch.objects.order_by("-registration_opens_at"),
        to_field_name="code",
        required=False,
        empty_label=_("All batches"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ApplicationStatus.choices],
        required=False,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme chosen"),
        queryset=Programme.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All programmes"),
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("name", _("Name, A to Z")),
            ("priority", _("Most priority points first")),
        ],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """Return the valid filters (an invalid one, left out, is shown beside its field: the
        caller then lists nothing rather than more than was asked for)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            name: data.get(name) or default
            for name, default in [
                ("batch", None),
                ("status", ""),
                ("kelurahan", None),
                ("programme", None),
                ("sort", ""),
            ]
        }
