from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the kelurahan's reporting spreadsheet."),
    )
