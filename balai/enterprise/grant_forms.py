"""Forms of the grant pages: a batch's terms, an application, the kelurahan's checklist, the
admin's decision, the list's filters and a usage report. Amounts are read as people type
them (1.500.000) and evidence files by what they hold."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.core.money import rupiah_typed
from balai.enterprise.grants import (
    VERIFICATION_CHECKLIST,
    BatchTerms,
    BusinessDetails,
    UsageDetails,
)
from balai.enterprise.models import BusinessType, GrantApplicationStatus, GrantBatch
from balai.placement.evidence import EVIDENCE_RULES
from balai.placement.uploads import upload_checked

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RupiahField(forms.CharField):
    """An amount in whole Rupiah, typed as people write it (1.500.000, Rp 1 500 000)."""

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        try:
            return rupiah_typed(text)
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from None


class GrantBatchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount_per_grant = RupiahField(label=_("Amount per grant (Rp)"), max_length=30)
    budget_ceiling = RupiahField(label=_("Budget ceiling (Rp)"), max_length=30)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)
    min_business_age_months = forms.IntegerField(
        label=_("Least business age (months)"), min_value=0, max_value=600, initial=0
    )
    max_business_age_months = forms.IntegerField(
        label=_("Greatest business age (months)"), min_value=0, max_value=600, required=False
    )
    requires_domicile = forms.BooleanField(
        label=_("Applicant lives in the city"), required=False, initial=True
    )
    once_per_person = forms.BooleanField(label=_("No earlier grant"), required=False, initial=True)
    excludes_other_city_grant = forms.BooleanField(
        label=_("No other city grant in the same year"), required=False, initial=True
    )

    @classmethod
    def of_batch(cls, batch: GrantBatch) -> GrantBatchForm:
        """The form filled with `batch`'s terms."""
        fields = list(cls.base_fields)
        return cls(initial={name: getattr(batch, name) for name in fields})

    def terms(self) -> BatchTerms:
        """Return the terms typed (the form is valid)."""
        return BatchTerms(**self.cleaned_data)


class GrantApplyForm(forms.Form):
    batch = forms.ModelChoiceField(label=_("Batch"), queryset=GrantBatch.objects.none())
    business_name = forms.CharField(label=_("Business name"), max_length=150)
    business_type = forms.ChoiceField(label=_("Kind of business"), choices=BusinessType.choices)
    business_started_on = forms.DateField(label=_("Business started on"), widget=DATE)
    business_address = forms.CharField(label=_("Business address"), max_length=250)
    requested_use = forms.CharField(
        label=_("What the grant will buy"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    declares_other_city_grant = forms.BooleanField(
        label=_("I received another city grant this year"), required=False
    )

    def __init__(
        self, *args: Any, batches: Any, groups: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = batches  # type: ignore[attr-defined]  # a ModelChoiceField
        if groups:
            self.fields["group"] = forms.TypedChoiceField(
                label=_("Apply for"),
                choices=[("", _("Myself")), *groups],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def details(self) -> BusinessDetails:
        """Return the business as told (the form is valid)."""
        data = self.cleaned_data
        return BusinessDetails(
            business_name=data["business_name"],
            business_type=data["business_type"],
            business_started_on=data["business_started_on"],
            business_address=data["business_address"],
            requested_use=data["requested_use"],
            declares_other_city_grant=data["declares_other_city_grant"],
        )


class ResidentSearchForm(forms.Form):
    # Sent by POST: a phone number or NIK typed here must not stand in an address.
    text = forms.CharField(
        label=_("Resident's name or phone number"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class GrantVerifyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, if an item is not met"), max_length=500, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item, label in VERIFICATION_CHECKLIST.items():
            self.fields[item] = forms.BooleanField(label=label, required=False)
        self.order_fields([*VERIFICATION_CHECKLIST, "reason"])

    def checklist(self) -> dict[str, bool]:
        return {item: bool(self.cleaned_data.get(item)) for item in VERIFICATION_CHECKLIST}


class GrantDecisionForm(forms.Form):
    APPROVE, REJECT, CANCEL = "approve", "reject", "cancel"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject")), (CANCEL, _("Cancel the grant"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class GrantFilterForm(forms.Form):
    batch = forms.ModelChoiceField(
        label=_("Batch"),
        queryset=GrantBatch.objects.order_by("-opens_on", "-pk"),
        required=False,
        empty_label=_("All batches"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *GrantApplicationStatus.choices],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """Return the valid filters; the caller lists nothing if any was invalid."""
        self.is_valid()
        batch = self.cleaned_data.get("batch")
        return {
            "batch_id": batch.pk if batch else None,
            "status": self.cleaned_data.get("status") or "",
        }


class UsageReportForm(forms.Form):
    spent_on = forms.CharField(
        label=_("What was bought"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount_spent = RupiahField(label=_("Amount spent (Rp)"), max_length=30)
    business_running = forms.BooleanField(
        label=_("The business is running"), required=False, initial=True
    )
    evidence = forms.FileField(label=_("Receipt or photo (PDF, JPEG or PNG)"), required=False)

    def usage(self) -> UsageDetails:
        """Return the report (the form is valid); the evidence refused if not a PDF, JPEG or
        PNG of at most 2 MB (ApplicationError naming the field)."""
        data = self.cleaned_data
        upload: UploadedFile[bytes] | None = data.get("evidence")
        evidence = None
        if upload:
            kind, content = upload_checked(upload, rules=EVIDENCE_RULES)
            evidence = (kind.extension, content)
        return UsageDetails(
            spent_on=data["spent_on"],
            amount_spent=data["amount_spent"],
            business_running=data["business_running"],
            evidence=evidence,
        )
