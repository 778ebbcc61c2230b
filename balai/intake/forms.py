"""The registration form: the same fields for a resident on a phone and an operator helping
one; it turns into a Submission for the one service that judges and saves it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balai.core.errors import ApplicationError
from balai.intake.choice_forms import ChoosingForm
from balai.intake.idempotency import form_key_is_ours, form_key_issue
from balai.intake.models import Batch, Channel
from balai.intake.operator_wording import OPERATOR_HELP, OPERATOR_LABELS
from balai.intake.presentation import suggestions_to_pick
from balai.intake.questionnaire import QUESTIONS
from balai.intake.services import Submission
from balai.regions.models import Kelurahan
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Person, Sex
from balai.registry.nik import nik_check, nik_normalise
from balai.registry.phones import phone_normalise
from balai.registry.services import PersonData, person_data_check

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

# The phone, then what to do without one (on the assisted form only).
PERSON_FIELDS_ON_PAGE = [*PERSON_FIELDS[:6], "no_phone", *PERSON_FIELDS[6:]]


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


@dataclass(frozen=True)
class Returning:
    """A signed-in resident already in the registry, applying to another batch."""

    person: Person
    person_data: PersonData
    consent_given: bool  # to the current privacy statement, at an earlier application
    interests: dict[str, str]  # questionnaire answers given earlier ({} if none)


class RegistrationForm(ChoosingForm):
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
    # Required on the resident's own form (the account is named after it); checked in clean()
    # so that the assisted form can take "no phone" instead.
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    no_phone = forms.BooleanField(
        label=_("The resident has no mobile phone"),
        help_text=_(
            "Then leave the number empty. The resident gets no codes or notifications by SMS "
            "or WhatsApp: they must come to the kelurahan office to sign in, to hear the "
            "outcome and to answer an offer. The office is their contact."
        ),
        required=False,
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
        self,
        *args: Any,
        batch: Batch,
        kelurahan: QuerySet[Kelurahan],
        assisted: bool = False,
        returning: Returning | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, batch=batch, **kwargs)
        self.assisted = assisted
        self.returning = returning
        self.kelurahan = {place.code: place for place in kelurahan}
        self.fields["idempotency_key"].initial = form_key_issue()
        self.refusal_code = ""
        self.nik_warnings: list[str] = []
        if returning is None:
            self._add_person_choices(kelurahan)
            self._add_questionnaire()
        else:
            self._ask_only_what_is_new(returning)
        if not assisted:
            del self.fields["no_phone"]
        else:
            self._speak_to_the_operator()
        if returning is None:
            # Last: a bound field, once made, keeps the label it was made with.
            self.home = self.kelurahan.get(str(self["domicile_kelurahan"].value() or ""))

    def _add_person_choices(self, kelurahan: QuerySet[Kelurahan]) -> None:
        domicile = self.fields["domicile_kelurahan"]
        assert isinstance(domicile, forms.ChoiceField)  # noqa: S101  # declared above
        domicile.choices = grouped_choices(
            [(place.kecamatan.name, place.code, place.name) for place in kelurahan]
        )

    def _ask_only_what_is_new(self, returning: Returning) -> None:
        """A returning resident's data is on record: ask for the choices (and the
        questionnaire and consent only if they were never answered)."""
        for name in PERSON_FIELDS:
            del self.fields[name]
        if returning.consent_given:
            del self.fields["consent"]
        if not returning.interests:
            self._add_questionnaire()
        self.home = returning.person.domicile_kelurahan

    def _speak_to_the_operator(self) -> None:
        for name, label in OPERATOR_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, text in OPERATOR_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        if "has_disability" in self.fields:
            disability = self.fields["has_disability"]
            assert isinstance(disability, forms.ChoiceField)  # noqa: S101  # declared above
            disability.choices = [
                *YES_NO,
                ("unsaid", _("The resident would rather not say (no points for it)")),
            ]

    def _add_questionnaire(self) -> None:
        for question in QUESTIONS:
            self.fields[f"interest_{question.code}"] = forms.ChoiceField(
                label=question.text,
                required=False,
                widget=forms.RadioSelect,
                choices=[(answer.code, answer.label) for answer in question.answers],
            )

    def clean(self) -> dict[str, Any]:
        """Check everything at once, so that one sending reports every problem."""
        cleaned = super().clean() or {}
        if self.returning is None:
            self._clean_phone(cleaned)
            self._clean_nik(cleaned)
            if not any(name in self.errors for name in PERSON_FIELDS):
                self._clean_person_data(cleaned)
        self.clean_choices(cleaned)
        if "consent" in self.fields and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Registration needs the resident's consent to the privacy statement.")
                if self.assisted
                else _("Registration needs your consent to the privacy statement."),
            )
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

    def _clean_phone(self, cleaned: dict[str, Any]) -> None:
        if self.assisted and cleaned.get("no_phone"):
            cleaned["phone"] = ""
            return
        phone = cleaned.get("phone", "")
        if not phone:
            self.add_error(
                "phone",
                _(
                    "Type the resident's mobile number, or tick that the resident has no "
                    "mobile phone."
                )
                if self.assisted
                else _("Type your mobile phone number: your account is named after it."),
            )
            return
        try:
            phone_normalise(phone)
        except ApplicationError as error:
            self._add_refusal("phone", error)

    def _clean_nik(self, cleaned: dict[str, Any]) -> None:
        if "nik" not in cleaned:
            return
        birth_date, sex = cleaned.get("birth_date"), cleaned.get("sex")
        try:
            nik = nik_normalise(cleaned["nik"])
        except ApplicationError as error:
            self._add_refusal("nik", error)
            return
        try:
            if birth_date is None or not sex:
                # Without a birth date and sex only the length can be checked: the same
                # check, given stand-ins, says so in its own words (the rest is ignored).
                nik_check(nik=nik, birth_date=datetime.date.min, sex=Sex.MALE)
                return
            self.nik_warnings = nik_check(nik=nik, birth_date=birth_date, sex=Sex(sex)).warnings
        except ApplicationError as error:
            if (birth_date is not None and sex) or error.code == "nik_length":
                self._add_refusal("nik", error)

    def _clean_person_data(self, cleaned: dict[str, Any]) -> None:
        """What only the registry knows (a KK number's shape, text no name holds)."""
        try:
            person_data_check(data=self._person_data(cleaned))
        except ApplicationError as error:
            placed = False
            for name in error.details:
                if name in self.fields:
                    self._add_refusal(name, error)
                    placed = True
            if not placed:
                self.add_error(None, error.message)

    def _add_refusal(self, name: str, error: ApplicationError) -> None:
        messages = [error.message, *error.details.get(name, [])]
        for message in dict.fromkeys(messages):  # in order, once each
            self.add_error(name, message)

    @property
    def page_order(self) -> list[str]:
        return [
            *PERSON_FIELDS_ON_PAGE,
            *(f"interest_{question.code}" for question in QUESTIONS),
            *(name for rank in self.ranks for name in (f"programme_{rank}", f"choice_{rank}")),
            "consent",
        ]

    @property
    def suggestions(self) -> list[tuple[str, str, tuple[str, ...], bool]]:
        """The programmes suggested by the answers given (now, or at an earlier application)."""
        answers = dict(self.returning.interests) if self.returning else {}
        for question in QUESTIONS:
            name = f"interest_{question.code}"
            if name in self.fields and self[name].value():
                answers[question.code] = str(self[name].value())
        return suggestions_to_pick(answers, offered=self.programmes_offered)

    @property
    def questionnaire_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("interest_")]

    @property
    def person_fields(self) -> list[Any]:
        return [self[name] for name in PERSON_FIELDS_ON_PAGE if name in self.fields]

    def _person_data(self, data: dict[str, Any]) -> PersonData:
        return PersonData(
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

    def submission(self, *, channel: Channel, submitted_by: Any = None) -> Submission:
        """Return the cleaned form as a Submission (call after is_valid())."""
        data = self.cleaned_data
        returning = self.returning
        interests = {
            question.code: data.get(f"interest_{question.code}", "") for question in QUESTIONS
        }
        return Submission(
            batch=self.batch,
            person=returning.person_data if returning else self._person_data(data),
            choices=self.chosen_offerings,
            interests=(returning.interests or interests) if returning else interests,
            consent_given=data.get("consent", False) if "consent" in self.fields else True,
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
