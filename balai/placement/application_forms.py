"""Forms of applying for a job and of a graduate's job preferences."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.placement.application_selectors import TrainingRecord
from balai.placement.applications import JobPreferenceInput
from balai.placement.models import ApplicationStatus, JobPreference, Sector


class ApplyForm(forms.Form):
    """One step: which training record to attach (asked only when there are several) and an
    optional note. The job fair the graduate came from travels in a hidden field."""

    enrolment = forms.TypedChoiceField(
        label=_("Training to attach"), coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the company (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fair = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, records: list[TrainingRecord], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["enrolment"])
        field.choices = [(record.enrolment.pk, record.label) for record in records]
        if len(records) == 1:
            field.initial = records[0].enrolment.pk
            field.widget = forms.HiddenInput()


class JobPreferenceForm(forms.ModelForm[JobPreference]):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = JobPreference
        fields = [
            "wants_wage_employment",
            "wants_self_employment",
            "max_distance_km",
            "min_wage",
            "sectors",
            "visible_to_all_employers",
        ]
        help_texts = {
            "visible_to_all_employers": _(
                "Otherwise only the companies you apply to, or share with, see your profile."
            ),
            "min_wage": _("In Rupiah a month, for example 3500000."),
        }

    def preference(self) -> JobPreferenceInput:
        data = self.cleaned_data
        return JobPreferenceInput(
            wants_wage_employment=data["wants_wage_employment"],
            wants_self_employment=data["wants_self_employment"],
            max_distance_km=data["max_distance_km"],
            min_wage=data["min_wage"],
            sectors=list(data["sectors"]),
            visible_to_all_employers=data["visible_to_all_employers"],
        )


class ApplicantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *ApplicationStatus.choices],
        required=False,
    )
