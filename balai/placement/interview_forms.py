"""Forms of the interview pages: a slot, an outcome, and the slot a graduate books."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.placement.models import InterviewOutcome

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_INPUT)
    video_link = forms.URLField(
        label=_("Video-call link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("https:// only. Leave empty for an interview in person."),
    )
    location = forms.CharField(label=_("Place"), required=False, max_length=250)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (value, label)
            for value, label in InterviewOutcome.choices
            if value != InterviewOutcome.PENDING
        ],
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(
        label=_("Starts work on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Needed for a hire."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == InterviewOutcome.HIRED and not cleaned.get("starts_on"):
            self.add_error("starts_on", _("Give the date the graduate starts work."))
        return cleaned


class BookForm(forms.Form):
    # A number, not a choice among the free slots: a slot taken a moment ago must get the
    # service's clear refusal, not a form's "not one of the choices".
    slot = forms.IntegerField(label=_("Interview time"), min_value=1, max_value=2**62)
