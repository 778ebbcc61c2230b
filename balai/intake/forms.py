"""The registration form: the same fields for a resident on a phone and an operator helping
one; it turns into a Submission for the one service that judges and saves it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.idempotency import form_key_is_ours, form_key_issue
from balai.intake.models import ApplicationStatus, Batch, Channel, Offering
from balai.intake.questionnaire import QUESTIONS
from balai.intake.selectors import offering_list
from balai.intake.services import Submission
from balai.regions.models import Kelurahan
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Sex
from balai.registry.services import PersonData

PERSON_FIELDS = [
    "nik",
    "kk_number",
    "full_name",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
    "domicile_kelurahan",
    "education",
    "employment_status",
    "income_band",
    "has_disability",
    "is_household_head",
]


def grouped_choices(items: list[tuple[str, str, str]]) -> list[Any]:
    """Return (group, [(value, label)…]) pairs for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group, value, label in items:
        groups[group].append((value, label))
    return [("", "—"), *groups.items()]


NO_OPTION = ("", "—")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
YES_NO_ANSWERS: dict[str, bool | None] = {"yes": True, "no": False, "unsaid": None}


def answers_of(question: type[models.TextChoices]) -> list[tuple[str, str]]:
    """Return a question's options without its "not answered" state, which nobody picks."""
    return [(value, label) for value, label in question.choices if value]


class RegistrationForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        help_text=_("16 digits, as on the KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kk_number = forms.CharField(
        label=_("Family card (KK) number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Full name, as on the KTP"), max_length=150)
    birth_date = forms.DateField(
        label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    address = forms.CharField(label=_("Address (street, RT/RW)"), max_length=250)
    domicile_kelurahan = forms.ChoiceField(
        label=_("Kelurahan where you live now"),
        help_text=_("Where you live now, which may differ from the address on your KTP."),
    )
    # The questions behind priority points start with no option chosen and need an answer:
    # a preselected option (or an unticked box read as "no") would answer for the person.
    education = forms.ChoiceField(
        label=_("Highest education"), choices=[NO_OPTION, *answers_of(Education)]
    )
    employment_status = forms.ChoiceField(
        label=_("Work now"), choices=answers_of(EmploymentStatus), widget=forms.RadioSelect
    )
    income_band = forms.ChoiceField(
        label=_("Household income per month"), choices=[NO_OPTION, *answers_of(IncomeBand)]
    )
    has_disability = forms.ChoiceField(
        label=_("Do you have a disability?"),
        choices=[*YES_NO, ("unsaid", _("I would rather not say (no points for it)"))],
        widget=forms.RadioSelect,
    )
    is_household_head = forms.ChoiceField(
        label=_("Are you the head of your household?"), choices=YES_NO, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree to my data being used as it says."),
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, batch: Batch, kelurahan: QuerySet[Kelurahan], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.kelurahan = {place.code: place for place in kelurahan}
        domicile = self.fields["domicile_kelurahan"]
        assert isinstance(domicile, forms.ChoiceField)  # noqa: S101  # declared above
        domicile.choices = grouped_choices(
            [(place.kecamatan.name, place.code, place.name) for place in kelurahan]
        )
        self.fields["idempotency_key"].initial = form_key_issue()
        self.refusal_code = ""
        self._add_questionnaire()
        self._add_choices(list(offering_list(batch=batch)))

    def _add_questionnaire(self) -> None:
        for question in QUESTIONS:
            self.fields[f"interest_{question.code}"] = forms.ChoiceField(
                label=question.text,
                required=False,
                widget=forms.RadioSelect,
                choices=[(answer.code, answer.label) for answer in question.answers],
            )

    def _add_choices(self, offerings: list[Offering]) -> None:
        self.offerings = {str(offering.pk): offering for offering in offerings}
        options = grouped_choices(
            [
                (
                    f"{offering.kelurahan.name} ({offering.kelurahan.kecamatan.name})",
                    str(offering.pk),
                    offering.programme.name,
                )
                for offering in offerings
            ]
        )
        for rank in range(1, self.batch.choice_count + 1):
            self.fields[f"choice_{rank}"] = forms.ChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank},
                choices=options,
                required=rank == 1,
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key = cleaned.get("idempotency_key", "")
        if not form_key_is_ours(key):
            # Not a key this server gave out (or one days old): give the form a fresh one
            # and ask for the data, kept as typed, to be sent again.
            fresh = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            fresh["idempotency_key"] = form_key_issue()
            self.data = fresh
            raise forms.ValidationError(
                _("This form has expired. Check what you typed and send it again."),
                code="form_expired",
            )
        return cleaned

    @property
    def questionnaire_fields(self) -> list[Any]:
        return [self[f"interest_{question.code}"] for question in QUESTIONS]

    @property
    def choice_fields(self) -> list[Any]:
        return [self[f"choice_{rank}"] for rank in range(1, self.batch.choice_count + 1)]

    @property
    def person_fields(self) -> list[Any]:
        return [self[name] for name in PERSON_FIELDS]

    def submission(self, *, channel: Channel, submitted_by: Any = None) -> Submission:
        """Return the cleaned form as a Submission (call after is_valid())."""
        data = self.cleaned_data
        person = PersonData(
            nik=data["nik"],
            kk_number=data["kk_number"],
            full_name=data["full_name"],
            birth_date=data["birth_date"],
            sex=Sex(data["sex"]),
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            domicile_kelurahan=self.kelurahan[data["domicile_kelurahan"]],
            education=Education(data["education"]),
            employment_status=EmploymentStatus(data["employment_status"]),
            income_band=IncomeBand(data["income_band"]),
            has_disability=YES_NO_ANSWERS[data["has_disability"]],
            is_household_head=YES_NO_ANSWERS[data["is_household_head"]],
        )
        choices = [
            self.offerings[data[f"choice_{rank}"]]
            for rank in range(1, self.batch.choice_count + 1)
            if data.get(f"choice_{rank}")
        ]
        return Submission(
            batch=self.batch,
            person=person,
            choices=choices,
            interests={
                question.code: data.get(f"interest_{question.code}", "") for question in QUESTIONS
            },
            consent_given=data["consent"],
            channel=channel,
            idempotency_key=data["idempotency_key"],
            submitted_by=submitted_by,
        )

    def show_refusal(self, error: ApplicationError) -> None:
        """Put a refusal beside the fields it names, or above the form."""
        self.refusal_code = error.code
        placed = False
        for field, messages in error.details.items():
            name = "choice_1" if field == "choices" else field
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, error.message)


class ApplicationFilterForm(forms.Form):
    """What the operators' applications list is narrowed to, and its order."""

    batch = forms.ModelChoiceField(
        label=_("Batch"),
        queryset=Batch.objects.order_by("-registration_opens_at"),
        to_field_name="code",
        required=False,
        empty_label=_("All batches"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ApplicationStatus.choices],
        required=False,
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=Kelurahan.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All kelurahan"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme chosen"),
        queryset=Programme.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All programmes"),
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("name", _("Name, A to Z")),
            ("priority", _("Most priority points first")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, kelurahan: QuerySet[Kelurahan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # declared above
        field.queryset = kelurahan

    def filters(self) -> dict[str, Any]:
        """Return the valid filters (an invalid one, left out, is shown beside its field: the
        caller then lists nothing rather than more than was asked for)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            name: data.get(name) or default
            for name, default in [
                ("batch", None),
                ("status", ""),
                ("kelurahan", None),
                ("programme", None),
                ("sort", ""),
            ]
        }
