"""Forms of the loan pages: a product's terms, an application (an amount per member),
the admin's decision, and the date of disbursement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.enterprise.loans import GROUP_SIZE_MAX, LoanProductInput
from balai.enterprise.models import (
    ExcessRepaymentPolicy,
    InstallmentFrequency,
    LoanApplicationStatus,
    LoanProduct,
)
from balai.registry.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RUPIAH = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1.000.000"})


class LoanProductForm(forms.Form):
    """A product's terms: amounts typed as Rupiah, the fee as a percentage (the service
    reads both)."""

    code = forms.SlugField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=150)
    admin_fee = forms.CharField(
        label=_("Administration fee (percent)"), max_length=8, help_text=_("Such as 3 or 2,5.")
    )
    min_amount = forms.CharField(label=_("Least amount per borrower (Rp)"), widget=RUPIAH)
    max_amount = forms.CharField(label=_("Greatest amount per borrower (Rp)"), widget=RUPIAH)
    tenor_months = forms.IntegerField(label=_("Tenor (months)"), min_value=1, max_value=120)
    grace_period_months = forms.IntegerField(
        label=_("Grace period (months)"), min_value=0, max_value=24, initial=0
    )
    frequency = forms.ChoiceField(label=_("Instalments"), choices=InstallmentFrequency.choices)
    rounding_unit = forms.CharField(
        label=_("Instalments rounded to (Rp)"), initial="1", widget=RUPIAH
    )
    excess_policy = forms.ChoiceField(
        label=_("A repayment above the amount owed"), choices=ExcessRepaymentPolicy.choices
    )
    min_group_size = forms.IntegerField(
        label=_("Least group size"), min_value=1, max_value=GROUP_SIZE_MAX, initial=5
    )
    max_group_size = forms.IntegerField(
        label=_("Greatest group size"), min_value=1, max_value=GROUP_SIZE_MAX, initial=10
    )
    lends_to_individuals = forms.BooleanField(
        label=_("Also lends to one person's micro business"), required=False
    )
    is_active = forms.BooleanField(label=_("Open for applications"), required=False, initial=True)

    @classmethod
    def initial_of(cls, product: LoanProduct) -> dict[str, Any]:
        """Return the form's initial values from `product` (the fee back as a percentage)."""
        whole, hundredths = divmod(product.admin_fee_basis_points, 100)
        return {
            "code": product.code,
            "name": product.name,
            "admin_fee": f"{whole},{hundredths:02d}".rstrip("0").rstrip(",")
            if hundredths
            else str(whole),
            "min_amount": product.min_amount,
            "max_amount": product.max_amount,
            "tenor_months": product.tenor_months,
            "grace_period_months": product.grace_period_months,
            "frequency": product.frequency,
            "rounding_unit": product.rounding_unit,
            "excess_policy": product.excess_policy,
            "min_group_size": product.min_group_size,
            "max_group_size": product.max_group_size,
            "lends_to_individuals": product.lends_to_individuals,
            "is_active": product.is_active,
        }

    def product_input(self) -> LoanProductInput:
        return LoanProductInput(**self.cleaned_data)


class LoanApplyForm(forms.Form):
    """A group's application: one amount per current member, joint liability ticked; or one
    person's (one amount)."""

    product = forms.TypedChoiceField(label=_("Loan product"), coerce=int, choices=[])
    business_purpose = forms.CharField(
        label=_("What the loan is for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    joint_liability_accepted = forms.BooleanField(
        label=_(
            "We accept joint liability: each member answers for the instalments of all members."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        products: list[LoanProduct],
        borrowers: list[Person],
        is_group: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["product"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101  # declared above
        field.choices = [(product.pk, product.name) for product in products]
        for person in borrowers:
            self.fields[f"amount_{person.pk}"] = forms.CharField(
                label=_("Amount for %(name)s (Rp)") % {"name": person.full_name},
                max_length=20,
                widget=RUPIAH,
            )
        if not is_group:
            del self.fields["joint_liability_accepted"]
        self.borrowers = borrowers

    def amount_fields(self) -> list[forms.BoundField]:
        return [self[f"amount_{person.pk}"] for person in self.borrowers]

    def amounts(self) -> dict[int, str]:
        return {person.pk: self.cleaned_data[f"amount_{person.pk}"] for person in self.borrowers}


class LoanDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (for a rejection)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LoanDisburseForm(forms.Form):
    disbursed_on = forms.DateField(label=_("Disbursed on"), widget=DATE, initial=timezone.localdate)


class LoanApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *LoanApplicationStatus.choices],
        required=False,
    )
