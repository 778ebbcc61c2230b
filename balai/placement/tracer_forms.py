"""Forms of the tracer survey: the graduate's answers (plain words, big taps, no script
needed) and an admin's waves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.placement.models import (
    BusinessStatus,
    JobRelevance,
    MonthlyIncomeBand,
    SurveyEmploymentStatus,
)
from balai.placement.tracer_answers import SurveyAnswers

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _answered(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The choices but the empty one (a radio left unticked already says "not answered")."""
    return [(value, label) for value, label in choices if value]


class SurveyForm(forms.Form):
    employment_status = forms.ChoiceField(
        label=_("What are you doing now?"),
        choices=SurveyEmploymentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you are doing now.")},
    )
    employer_name = forms.CharField(
        label=_("Name of your workplace, business or training place"),
        help_text=_("Leave it empty if you are not working or in training."),
        max_length=150,
        required=False,
    )
    same_employer_as_before = forms.ChoiceField(
        label=_("Is it the same workplace as at the last survey?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    job_relevance = forms.ChoiceField(
        label=_("Does your work use what you learned in the training?"),
        choices=_answered(JobRelevance.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    income_band = forms.ChoiceField(
        label=_("About how much do you earn a month?"),
        choices=_answered(MonthlyIncomeBand.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    business_status = forms.ChoiceField(
        label=_("Do you have a business of your own?"),
        choices=BusinessStatus.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    further_training = forms.ChoiceField(
        label=_("Since the training, have you taken more training or schooling?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, asks_same_employer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_same_employer:  # nothing earlier to compare with
            del self.fields["same_employer_as_before"]

    def answers(self) -> SurveyAnswers:
        data = self.cleaned_data
        same = data.get("same_employer_as_before", "")
        return SurveyAnswers(
            employment_status=data["employment_status"],
            employer_name=data["employer_name"],
            same_employer_as_before={"yes": True, "no": False}.get(same),
            job_relevance=data["job_relevance"],
            income_band=data["income_band"],
            business_status=data["business_status"],
            further_training=data["further_training"] == "yes",
        )


class WaveTimingForm(forms.Form):
    link_valid_days = forms.IntegerField(
        label=_("link valid for (days)"), min_value=1, max_value=365, initial=30
    )
    reminder_after_days = forms.IntegerField(
        label=_("remind after (days)"), min_value=1, max_value=364, initial=7
    )


class WaveAddForm(WaveTimingForm):
    months_after_exit = forms.IntegerField(
        label=_("months after training"), min_value=0, max_value=60
    )

    field_order = ["months_after_exit", "link_valid_days", "reminder_after_days"]


class WaveChangeForm(WaveTimingForm):
    is_active = forms.BooleanField(label=_("active"), required=False)
