"""Forms of the job fair pages: a fair, a booth to add, and a company's own booth."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balai.placement.fairs import LOGO_RULES
from balai.placement.models import Company, CompanyStatus, JobFair, Vacancy

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JobFairForm(forms.ModelForm[JobFair]):
    class Meta:
        model = JobFair
        fields = ["name", "description", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A job fair cannot end before it starts."))
        return cleaned

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own check would repeat the message.
        pass


class BoothAddForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Verified company"), queryset=Company.objects.none(), empty_label=None
    )

    def __init__(self, job_fair: JobFair, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["company"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # declared above
        field.queryset = (
            Company.objects.filter(status=CompanyStatus.VERIFIED)
            .exclude(booths__job_fair=job_fair)
            .order_by("name", "pk")
        )


class BoothForm(forms.Form):
    description = forms.CharField(
        label=_("What the booth offers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies shown"),
        queryset=Vacancy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, vacancies: QuerySet[Vacancy], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["vacancies"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101  # declared above
        field.queryset = vacancies

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > LOGO_RULES.maximum_bytes:
            raise forms.ValidationError(str(LOGO_RULES.too_big_message))
        return logo
