"""What lists of an area are narrowed to: a kelurahan, among those of the user's area only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.regions.models import Kelurahan


class AreaListFilterForm(forms.Form):
    """A list's filters with a kelurahan among `kelurahan` (the user's area): one outside it
    is an error beside the field, never a wider list."""

    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=Kelurahan.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All kelurahan"),
    )

    def __init__(self, *args: Any, kelurahan: QuerySet[Kelurahan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # declared above
        field.queryset = kelurahan
