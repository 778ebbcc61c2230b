from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:  # the type checker's package, not installed in production
    from django_stubs_ext import StrOrPromise

from balai.training.certificates.services import (
    NUMBER_EXAMPLE,
    NUMBER_PATTERN,
    certificate_number_canonical,
)
from balai.training.models import AssessmentResult, AttendanceStatus, Enrolment

PREFIX = "participant_"  # a roll call's field per participant: participant_<enrolment id>


class RollCallForm(forms.Form):
    """One choice of status per participant: a tap each, saved in one request."""

    def __init__(self, enrolments: list[Enrolment], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for enrolment in enrolments:
            self.fields[f"{PREFIX}{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.person.full_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect(attrs={"class": "taps"}),
                required=False,
            )

    def marks(self) -> dict[int, str]:
        return {
            int(name.removeprefix(PREFIX)): status
            for name, status in self.cleaned_data.items()
            if status
        }


class AssessmentForm(forms.Form):
    """A participant's result on each unit of the programme, with a note, and test scores."""

    def __init__(self, units: list[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = forms.ChoiceField(
                label=f"{unit.code} {unit.title}",
                choices=[("", "—"), *AssessmentResult.choices],
                required=False,
            )
            self.fields[f"note_{unit.pk}"] = forms.CharField(
                label=gettext_lazy("Note"), max_length=300, required=False
            )
        self.fields["pre_score"] = forms.IntegerField(
            label=gettext_lazy("Pre-test score"), min_value=0, max_value=100, required=False
        )
        self.fields["post_score"] = forms.IntegerField(
            label=gettext_lazy("Post-test score"), min_value=0, max_value=100, required=False
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), max_length=300)


class VerifyForm(forms.Form):
    """A certificate number as a person types it from paper; cleaned to the printed form."""

    number = forms.CharField(
        label=gettext_lazy("Certificate number"),
        max_length=64,  # room for the spaces people type between groups
        help_text=format_lazy(
            gettext_lazy(
                "As printed under the certificate's title: {pattern}, e.g. {example}. Upper "
                "or lower case, with or without dashes and spaces."
            ),
            pattern=NUMBER_PATTERN,
            example=NUMBER_EXAMPLE,
        ),
        widget=forms.TextInput(
            attrs={
                "placeholder": NUMBER_EXAMPLE,
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_number(self) -> str:
        canonical = certificate_number_canonical(self.cleaned_data["number"])
        if canonical is None:
            raise forms.ValidationError(
                gettext_lazy("This is not a certificate number: it reads like %(example)s."),
                code="certificate_number",
                params={"example": NUMBER_EXAMPLE},
            )
        return canonical


RATINGS = [(str(value), str(value)) for value in range(1, 6)]


def _rating(question: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=question, choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )


class FeedbackForm(forms.Form):
    instructor_rating = _rating(gettext_lazy("How well did the instructor teach?"))
    material_rating = _rating(gettext_lazy("How good was the material?"))
    venue_rating = _rating(gettext_lazy("How suitable was the venue?"))
    usefulness_rating = _rating(
        gettext_lazy("How useful is it for finding work or running a business?")
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else?"), widget=forms.Textarea, max_length=1000, required=False
    )
