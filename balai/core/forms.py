"""Showing a service's refusal on the form that led to it: one rule for every page."""

from __future__ import annotations

from django import forms

from balai.core.errors import ApplicationError


def refusal_show(form: forms.BaseForm, error: ApplicationError) -> None:
    """Put `error` beside the field it names, or above the form. Services name a field
    either as {"field": name} or as {name: [messages]}."""
    named = error.details.get("field")
    if isinstance(named, str):
        form.add_error(named if named in form.fields else None, error.message)
        return
    shown = False
    for name, messages in error.details.items():
        if name in form.fields and isinstance(messages, list):
            for message in messages:
                form.add_error(name, message)
            shown = True
    if not shown:
        form.add_error(None, error.message)


class ErrorShownForm(forms.Form):
    def show_refusal(self, error: ApplicationError) -> None:
        """Put the service's refusal beside the field it names, or above the form."""
        refusal_show(self, error)
