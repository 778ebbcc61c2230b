"""Forms of the placement pages: the staff list's filters, finding a graduate, recording and
ending a placement, and a local recruitment with its choice of graduates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.placement.evidence import EVIDENCE_RULES
from balai.placement.models import (
    MonthlyIncomeBand,
    PlacementChannel,
    PlacementKind,
    Recruitment,
)
from balai.regions.forms import AreaListFilterForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _programme_field() -> forms.ModelChoiceField[Programme]:
    return forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
    )


class PlacementFilterForm(AreaListFilterForm):
    """What the staff list of placements is narrowed to."""

    field_order = ["kind", "channel", "programme", "kelurahan", "starts_from", "starts_until"]

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *PlacementKind.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("All channels")), *PlacementChannel.choices],
        required=False,
    )
    starts_from = forms.DateField(label=_("Started from"), required=False, widget=DATE)
    starts_until = forms.DateField(label=_("Started until"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"] = _programme_field()
        self.order_fields(self.field_order)

    def filters(self) -> dict[str, Any]:
        """Return the valid filters; the caller lists nothing if any was invalid."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "channel": data.get("channel") or "",
            "programme": data.get("programme"),
            "kelurahan": data.get("kelurahan"),
            "starts_from": data.get("starts_from"),
            "starts_until": data.get("starts_until"),
        }


class GraduateSearchForm(forms.Form):
    # Sent by POST: a phone number typed here must not stand in an address.
    text = forms.CharField(
        label=_("Graduate's name or phone number"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PlacementForm(forms.Form):
    """A placement as staff or the graduate report it."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=PlacementKind.choices, widget=forms.RadioSelect
    )
    employer_name = forms.CharField(label=_("Employer, business or institution"), max_length=150)
    starts_on = forms.DateField(label=_("Started on"), widget=DATE)
    income_band = forms.ChoiceField(
        label=_("Monthly income"), choices=MonthlyIncomeBand.choices, required=False
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("A letter, permit or photo: PDF, JPEG or PNG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_evidence(self) -> Any:
        evidence = self.cleaned_data.get("evidence")
        if evidence and evidence.size > EVIDENCE_RULES.maximum_bytes:
            raise forms.ValidationError(str(EVIDENCE_RULES.too_big_message))
        return evidence


class GraduateChoiceForm(PlacementForm):
    """A graduate's own report: which of their trainings it follows."""

    enrolment = forms.TypedChoiceField(label=_("After the training"), coerce=int, choices=[])

    def __init__(self, *args: Any, trainings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enrolment"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101  # declared above
        field.choices = trainings
        self.order_fields(["enrolment"])


class PlacementEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Ended on"), widget=DATE, initial=timezone.localdate)


class RecruitmentForm(forms.ModelForm[Recruitment]):
    class Meta:
        model = Recruitment
        fields = [
            "title",
            "kind",
            "employer_name",
            "kelurahan",
            "openings",
            "starts_on",
            "description",
        ]
        widgets = {
            "starts_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args: Any, kelurahan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # a foreign key
        field.queryset = kelurahan
        field.to_field_name = "code"


class CandidateFilterForm(forms.Form):
    programme = _programme_field()
