"""Forms of vacancies: the employer's vacancy, the public search, the admin's rejection.

Choices (programmes, kecamatan, kelurahan) are read once per form and the chosen ones found
among them, so that a page costs the same queries whatever is chosen.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.core.forms import ErrorShownForm
from balai.placement.models import Vacancy
from balai.placement.vacancies import REASON_MAX_LENGTH
from balai.placement.vacancy_input import VacancyInput, rupiah_digits, wage_typed
from balai.placement.vacancy_selectors import VacancySearch, VacancySort
from balai.regions.models import Kelurahan
from balai.regions.selectors import kecamatan_list, kelurahan_list

GroupedChoices = list[tuple[str, Any]]


def kelurahan_choices(kelurahan: list[Kelurahan], empty: str) -> GroupedChoices:
    """The city's kelurahan grouped by kecamatan, for a select that works without script."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for place in kelurahan:
        groups.setdefault(place.kecamatan.name, []).append((place.code, place.name))
    return [("", empty), *groups.items()]


def _city_kelurahan() -> list[Kelurahan]:
    return list(kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE))


class VacancyForm(ErrorShownForm):
    """An employer's vacancy. Lengths and numbers are checked by the service, which says in
    words what is wrong; the form only carries what was typed."""

    title = forms.CharField(label=_("Job title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The work, the hours, what the company offers."),
    )
    programmes = forms.MultipleChoiceField(
        label=_("Programmes wanted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Graduates of these programmes are recommended first."),
    )
    skills = forms.CharField(label=_("Skills wanted"), max_length=600, required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan of the workplace"), required=False)
    address = forms.CharField(
        label=_("Workplace address"),
        max_length=500,
        required=False,
        help_text=_("Needed if the workplace is outside the city."),
    )
    wage_min = forms.CharField(
        label=_("Lowest monthly wage (Rp)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "3.500.000"}),
    )
    wage_max = forms.CharField(
        label=_("Highest monthly wage (Rp)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "4.500.000"}),
    )
    openings = forms.CharField(
        label=_("Openings"), max_length=10, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    deadline = forms.DateField(
        label=_("Last day to apply"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = self.fields["programmes"]
        assert isinstance(programmes, forms.MultipleChoiceField)  # noqa: S101  # declared above
        programmes.choices = [(str(p.pk), p.name) for p in Programme.objects.order_by("name")]
        kelurahan = self.fields["kelurahan"]
        assert isinstance(kelurahan, forms.ChoiceField)  # noqa: S101  # declared above
        kelurahan.choices = kelurahan_choices(_city_kelurahan(), str(_("Outside the city")))

    @classmethod
    def of(cls, vacancy: Vacancy) -> VacancyForm:
        """The form filled in with a saved vacancy, to edit it."""
        return cls(
            initial={
                "title": vacancy.title,
                "description": vacancy.description,
                "programmes": [str(p.pk) for p in vacancy.programmes.all()],
                "skills": vacancy.skills,
                "kelurahan": vacancy.kelurahan_id or "",
                "address": vacancy.address,
                "wage_min": rupiah_digits(vacancy.wage_min) if vacancy.wage_min else "",
                "wage_max": rupiah_digits(vacancy.wage_max) if vacancy.wage_max else "",
                "openings": vacancy.openings,
                "deadline": vacancy.deadline,
            }
        )

    def vacancy_input(self) -> VacancyInput:
        data = self.cleaned_data
        return VacancyInput(
            title=data["title"],
            description=data["description"],
            deadline=data["deadline"],
            programme_ids=[int(pk) for pk in data["programmes"]],
            skills=data["skills"],
            kelurahan_code=data["kelurahan"],
            address=data["address"],
            wage_min=data["wage_min"],
            wage_max=data["wage_max"],
            openings=data["openings"],
        )


SORT_CHOICES = [
    (VacancySort.NEWEST, _("Newest first")),
    (VacancySort.DEADLINE, _("Closing soonest")),
]


class VacancySearchForm(forms.Form):
    """What a job seeker looks for; an invalid filter is shown beside its field and the
    list is then empty rather than wider than asked."""

    q = forms.CharField(
        label=_("Job, company or skill"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    min_wage = forms.CharField(
        label=_("Monthly wage at least (Rp)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "3.000.000"}),
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programmes_by_id = {str(p.pk): p for p in Programme.objects.order_by("name")}
        self.kecamatan_by_code = {
            k.code: k for k in kecamatan_list(regency_code=settings.BALAI_REGENCY_CODE)
        }
        kelurahan = _city_kelurahan()
        self.kelurahan_by_code = {place.code: place for place in kelurahan}
        self._choices("programme", [(pk, p.name) for pk, p in self.programmes_by_id.items()])
        self._choices("kecamatan", [(code, k.name) for code, k in self.kecamatan_by_code.items()])
        kelurahan_field = self.fields["kelurahan"]
        assert isinstance(kelurahan_field, forms.ChoiceField)  # noqa: S101  # declared above
        kelurahan_field.choices = kelurahan_choices(kelurahan, str(_("All kelurahan")))

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
        field.choices = [("", _("All")), *choices]

    def clean_min_wage(self) -> int | None:
        try:
            return wage_typed(self.cleaned_data["min_wage"], field="min_wage")
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from None

    def search(self) -> VacancySearch | None:
        """Return the search asked for, or None if a filter is invalid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return VacancySearch(
            text=data["q"],
            programme=self.programmes_by_id.get(data["programme"]),
            kecamatan=self.kecamatan_by_code.get(data["kecamatan"]),
            kelurahan=self.kelurahan_by_code.get(data["kelurahan"]),
            minimum_wage=data["min_wage"],
            sort=data["sort"] or VacancySort.NEWEST,
        )


class VacancyRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is rejected (the employer reads this)"),
        max_length=REASON_MAX_LENGTH + 100,  # the service says what is too long, in words
        required=False,
    )
