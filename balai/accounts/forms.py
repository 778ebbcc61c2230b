from django import forms
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import ApiTokenScope


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the kelurahan's reporting spreadsheet."),
    )
    scope = forms.ChoiceField(
        label=_("What the token may do"),
        choices=ApiTokenScope.choices,
        initial=ApiTokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Give a token write access only if it must change data."),
    )
