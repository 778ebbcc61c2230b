from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import BoundField
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:  # the type checker's package, not installed in production
    from django_stubs_ext import StrOrPromise

from balai.catalogue.models import CompetencyUnit
from balai.training.assessment import ParticipantSheet
from balai.training.certificates.services import (
    NUMBER_EXAMPLE,
    NUMBER_PATTERN,
    certificate_number_canonical,
)
from balai.training.models import (
    Assessment,
    AssessmentResult,
    AttendanceStatus,
    Enrolment,
    SkillTest,
)

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


ALL_COMPETENT = "all_competent"  # the shortcut buttons' name
WHOLE_CLASS = "class"  # its value for the class; an enrolment id for one participant


@dataclass(frozen=True)
class UnitFields:
    unit: CompetencyUnit
    result: BoundField
    note: BoundField


@dataclass(frozen=True)
class ParticipantCard:
    """One participant's part of the class form, as the page shows it: a card."""

    enrolment: Enrolment
    units: list[UnitFields]
    pre_score: BoundField
    post_score: BoundField

    @property
    def has_errors(self) -> bool:
        fields = [self.pre_score, self.post_score]
        fields += [field for row in self.units for field in (row.result, row.note)]
        return any(field.errors for field in fields)


class ClassAssessmentForm(forms.Form):
    """The whole class in one form: each participant's result and note on each unit of the
    programme, and their test scores, saved in one request."""

    def __init__(
        self,
        units: list[CompetencyUnit],
        enrolments: list[Enrolment],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units, self.enrolments = units, enrolments
        for enrolment in enrolments:
            for unit in units:
                self.fields[f"result_{enrolment.pk}_{unit.pk}"] = forms.ChoiceField(
                    label=f"{unit.code} {unit.title}",
                    choices=AssessmentResult.choices,
                    widget=forms.RadioSelect,
                    required=False,
                )
                self.fields[f"note_{enrolment.pk}_{unit.pk}"] = forms.CharField(
                    label=format_lazy("{} {}", gettext_lazy("Note"), unit.code),
                    max_length=300,
                    required=False,
                )
            self.fields[f"pre_score_{enrolment.pk}"] = forms.IntegerField(
                label=gettext_lazy("Pre-test score"), min_value=0, max_value=100, required=False
            )
            self.fields[f"post_score_{enrolment.pk}"] = forms.IntegerField(
                label=gettext_lazy("Post-test score"), min_value=0, max_value=100, required=False
            )

    def cards(self) -> list[ParticipantCard]:
        return [
            ParticipantCard(
                enrolment=enrolment,
                units=[
                    UnitFields(
                        unit,
                        self[f"result_{enrolment.pk}_{unit.pk}"],
                        self[f"note_{enrolment.pk}_{unit.pk}"],
                    )
                    for unit in self.units
                ],
                pre_score=self[f"pre_score_{enrolment.pk}"],
                post_score=self[f"post_score_{enrolment.pk}"],
            )
            for enrolment in self.enrolments
        ]

    def sheets(self) -> list[ParticipantSheet]:
        """What was given, per participant: units left without a result are left as they are."""
        data = self.cleaned_data
        return [
            ParticipantSheet(
                enrolment_id=enrolment.pk,
                results={
                    unit.pk: (
                        data[f"result_{enrolment.pk}_{unit.pk}"],
                        data[f"note_{enrolment.pk}_{unit.pk}"],
                    )
                    for unit in self.units
                    if data[f"result_{enrolment.pk}_{unit.pk}"]
                },
                pre_score=data[f"pre_score_{enrolment.pk}"],
                post_score=data[f"post_score_{enrolment.pk}"],
            )
            for enrolment in self.enrolments
        ]


def assessment_initial(
    assessments: list[Assessment], skill_tests: list[SkillTest]
) -> dict[str, object]:
    """The class form's starting values: what is recorded."""
    initial: dict[str, object] = {}
    for item in assessments:
        initial[f"result_{item.enrolment_id}_{item.unit_id}"] = item.result
        initial[f"note_{item.enrolment_id}_{item.unit_id}"] = item.note
    for test in skill_tests:
        initial[f"pre_score_{test.enrolment_id}"] = test.pre_score
        initial[f"post_score_{test.enrolment_id}"] = test.post_score
    return initial


def assessment_shortcut_applied(
    data: QueryDict, *, units: list[CompetencyUnit], enrolments: list[Enrolment]
) -> QueryDict:
    """The posted form with its "kompeten" shortcut applied, if one of those buttons sent it:
    one participant's button makes all their units kompeten; the class's makes kompeten every
    unit left without a result (a "belum kompeten" chosen stays). Applied before validation,
    so a form refused for another reason comes back with the shortcut already in it."""
    chosen = data.get(ALL_COMPETENT)
    data = data.copy()
    for enrolment in enrolments:
        for unit in units:
            name = f"result_{enrolment.pk}_{unit.pk}"
            if chosen == str(enrolment.pk) or (chosen == WHOLE_CLASS and not data.get(name)):
                data[name] = AssessmentResult.COMPETENT
    return data


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
