"""The operators' applications list: what it is narrowed to, and in which order (the page
and its download read the same form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.intake.person_filters import application_filter_fields
from balai.regions.forms import AreaListFilterForm


class ApplicationFilterForm(AreaListFilterForm):
    """What the operators' applications list is narrowed to, and its order."""

    field_order = ["batch", "status", "kelurahan", "programme", "sort"]

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(application_filter_fields())  # as the residents list has them
        self.order_fields(self.field_order)

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
