"""Recommendations as pages and the API read them: open vacancies for a graduate, and for a
company's vacancy the graduates who let the company see them. The database is read into the
arrays of `scoring` (a handful of queries), every pair is scored at once, and the words of
each shown match come from the same arrays."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user
from balai.placement.companies import companies_acted_for
from balai.placement.matching import scoring
from balai.placement.matching.reasons import Match, match_at
from balai.placement.models import (
    JobApplication,
    JobPreference,
    ProfileShare,
    Sector,
    Vacancy,
)
from balai.placement.vacancy_selectors import open_vacancies
from balai.regions.models import Kelurahan
from balai.registry.selectors import person_of_user
from balai.training.graduates import GraduateRecord, graduate_records

RECOMMENDATIONS_SHOWN = 20
SECTORS: list[str] = list(Sector.values)


@dataclass(frozen=True)
class VacancyRecommendation:
    vacancy: Vacancy
    match: Match


@dataclass(frozen=True)
class RecommendedVacancies:
    """What a graduate is recommended; `state` says why a list is empty: "ready", or
    "not_graduate" (no completed training), "not_looking" (not looking for a job)."""

    state: str
    items: list[VacancyRecommendation]

    @property
    def message(self) -> str:
        if self.state == "not_graduate":
            return _(
                "Jobs are recommended once you complete a training programme: they are "
                "matched to the programme you finished and the units you are kompeten in."
            )
        if self.state == "not_looking":
            return _(
                "Your job profile says you are not looking for a job. Change it in your job "
                "profile to be recommended vacancies."
            )
        if not self.items:
            return _("No open vacancy matches your training and preferences at the moment.")
        return ""


@dataclass(frozen=True)
class GraduateRecommendation:
    person_id: int
    public_id: str  # the graduate's profile is addressed by it, never by the NIK
    full_name: str
    kelurahan_name: str
    shared_with_company: bool  # otherwise visible to every verified employer
    match: Match


def recommended_vacancies(
    *, user: User, count: int = RECOMMENDATIONS_SHOWN
) -> RecommendedVacancies:
    """The open vacancies that best match the graduate `user` (best first), leaving out
    those they have applied to already."""
    person = person_of_user(user=user)
    graduates = graduate_records(person_ids=[person.pk]) if person else []
    if person is None or not graduates:
        return RecommendedVacancies(state="not_graduate", items=[])
    preference = scope_to_user(JobPreference.objects.filter(person=person), user).first()
    if preference is not None and not preference.wants_wage_employment:
        return RecommendedVacancies(state="not_looking", items=[])
    applied = scope_to_user(JobApplication.objects.filter(person=person), user)
    vacancies = list(
        open_vacancies()
        .exclude(pk__in=applied.values("vacancy_id"))
        .select_related("company", "kelurahan")
        .order_by("pk")
    )
    matching = _matching_input(graduates, _preferences(graduates), vacancies)
    rows = np.arange(len(graduates), dtype=np.int64)[:, None]
    columns = np.arange(len(vacancies), dtype=np.int64)[None, :]
    components = scoring.pair_components(matching, rows, columns)
    # A graduate of two programmes is matched on the better of them, vacancy by vacancy.
    best_row = np.argmax(np.where(components.allowed, components.score, -1.0), axis=0)
    points = components.points[best_row, np.arange(len(vacancies))]
    keys = scoring.top_keys(scoring.rank_keys(points, columns[0]), count, axis=0)
    return RecommendedVacancies(
        state="ready",
        items=[
            VacancyRecommendation(
                vacancy=vacancies[column],
                match=_match(components, graduates[best_row[column]], (best_row[column], column)),
            )
            for column in scoring.position_of(keys).tolist()
            if column >= 0
        ],
    )


def recommended_graduates(
    *, user: User, vacancy_id: int, count: int = RECOMMENDATIONS_SHOWN
) -> tuple[Vacancy, list[GraduateRecommendation]]:
    """The graduates who best match a vacancy of `user`'s company, among those who shared
    their profile with the company or let every verified employer see it; nobody else."""
    vacancy = (
        Vacancy.objects.filter(pk=vacancy_id, company__in=companies_acted_for(user))
        .select_related("company", "kelurahan")
        .first()
    )
    if vacancy is None:
        raise NotFoundError(_("Not found, or not a vacancy of your company."))
    people = _people_visible_to_company(user=user, company_id=vacancy.company_id)
    graduates = graduate_records(person_ids=people)
    if not graduates:
        return vacancy, []
    matching = _matching_input(graduates, _preferences(graduates), [vacancy])
    rows = np.arange(len(graduates), dtype=np.int64)
    components = scoring.pair_components(matching, rows[:, None], np.zeros((1, 1), np.int64))
    keys = scoring.rank_keys(components.points[:, 0], rows)
    order = scoring.position_of(-np.sort(-keys))
    order = order[order >= 0]
    # Each person once, on their best completed programme (the first in score order).
    person_ids = np.array([graduates[row].person_id for row in order.tolist()], dtype=np.int64)
    _unique, first = np.unique(person_ids, return_index=True)
    chosen = order[np.sort(first)][:count]
    return vacancy, [
        GraduateRecommendation(
            person_id=graduates[row].person_id,
            public_id=people[graduates[row].person_id].public_id,
            full_name=people[graduates[row].person_id].full_name,
            kelurahan_name=graduates[row].kelurahan_name,
            shared_with_company=people[graduates[row].person_id].shared,
            match=_match(components, graduates[row], (row, 0)),
        )
        for row in chosen.tolist()
    ]


class _VisiblePerson(NamedTuple):
    full_name: str
    public_id: str
    shared: bool  # with this company; otherwise visible to every verified employer


def _people_visible_to_company(*, user: User, company_id: int) -> dict[int, _VisiblePerson]:
    """Each person the company may see, by id: the graduate's own consent, per company (a
    share, also made by applying) or to all."""
    fields = ("person_id", "person__full_name", "person__public_id")
    people = {
        person_id: _VisiblePerson(name, str(public_id), shared=False)
        for person_id, name, public_id in JobPreference.objects.filter(
            visible_to_all_employers=True
        ).values_list(*fields)
    }
    shares = scope_to_user(ProfileShare.objects.filter(company_id=company_id), user)
    for person_id, name, public_id in shares.values_list(*fields):
        people[person_id] = _VisiblePerson(name, str(public_id), shared=True)
    return people


@dataclass(frozen=True)
class _Preference:
    wants_wage_employment: bool
    max_distance_km: float
    min_wage: float
    sectors: list[str]


def _preferences(graduates: list[GraduateRecord]) -> dict[int, _Preference]:
    """The job preferences of these graduates, by person. Read only to score (never shown),
    for people the caller was already allowed to match: the graduate themself, or those who
    let the company see their profile."""
    rows = JobPreference.objects.filter(
        person_id__in={graduate.person_id for graduate in graduates}
    ).values_list("person_id", "wants_wage_employment", "max_distance_km", "min_wage", "sectors")
    return {
        person_id: _Preference(
            wants_wage_employment=wants,
            max_distance_km=np.nan if distance is None else float(distance),
            min_wage=np.nan if wage is None else float(wage),
            sectors=[sector for sector in sectors or [] if sector in SECTORS],
        )
        for person_id, wants, distance, wage, sectors in rows
    }


NO_PREFERENCE = _Preference(
    wants_wage_employment=True, max_distance_km=np.nan, min_wage=np.nan, sectors=[]
)


def _matching_input(
    graduates: list[GraduateRecord],
    preferences: dict[int, _Preference],
    vacancies: list[Vacancy],
) -> scoring.MatchingInput:
    """The arrays of `scoring` for these graduates (rows) and vacancies (columns)."""
    workplaces = [_workplace_code(vacancy) for vacancy in vacancies]
    codes = {g.kelurahan_code for g in graduates} | {code for code in workplaces if code}
    place_index, places = _places(codes)
    wanted = _wanted_programmes([vacancy.pk for vacancy in vacancies])
    programme_ids = sorted({g.programme_id for g in graduates}.union(*wanted.values()))
    programme_index = {programme_id: index for index, programme_id in enumerate(programme_ids)}
    chosen = [preferences.get(g.person_id, NO_PREFERENCE) for g in graduates]
    sectors = np.zeros((len(graduates), len(SECTORS)), dtype=bool)
    for row, preference in enumerate(chosen):
        sectors[row, [SECTORS.index(sector) for sector in preference.sectors]] = True
    programmes = np.zeros((len(vacancies), len(programme_ids)), dtype=bool)
    for column, vacancy in enumerate(vacancies):
        programmes[column, [programme_index[p] for p in wanted.get(vacancy.pk, ())]] = True
    return scoring.MatchingInput(
        places=places,
        graduates=scoring.Graduates(
            programme=_integers(programme_index[g.programme_id] for g in graduates),
            competent_units=_integers(g.competent_units for g in graduates),
            programme_units=_integers(g.programme_units for g in graduates),
            place=_integers(place_index[g.kelurahan_code] for g in graduates),
            max_distance_km=np.array([p.max_distance_km for p in chosen], dtype=np.float64),
            min_wage=np.array([p.min_wage for p in chosen], dtype=np.float64),
            sectors=sectors,
            wants_wage_employment=np.array([p.wants_wage_employment for p in chosen], dtype=bool),
        ),
        vacancies=scoring.Vacancies(
            programmes=programmes,
            place=_integers(place_index.get(code, -1) if code else -1 for code in workplaces),
            wage_max=np.array(
                [np.nan if v.wage_max is None else float(v.wage_max) for v in vacancies],
                dtype=np.float64,
            ),
            sector=_integers(SECTORS.index(vacancy.company.sector) for vacancy in vacancies),
        ),
    )


def _workplace_code(vacancy: Vacancy) -> str | None:
    """Where the job is: the vacancy's kelurahan, else its company's (None: outside the city
    or not given, so the distance is unknown)."""
    return vacancy.kelurahan_id or vacancy.company.kelurahan_id


def _places(codes: set[str]) -> tuple[dict[str, int], scoring.Places]:
    rows = list(
        Kelurahan.objects.filter(code__in=codes)
        .order_by("code")
        .values_list("code", "kecamatan_id", "latitude", "longitude")
    )
    kecamatan = {code: index for index, code in enumerate(sorted({row[1] for row in rows}))}
    return {row[0]: index for index, row in enumerate(rows)}, scoring.Places(
        latitude=np.array([np.nan if row[2] is None else row[2] for row in rows], np.float64),
        longitude=np.array([np.nan if row[3] is None else row[3] for row in rows], np.float64),
        kecamatan=_integers(kecamatan[row[1]] for row in rows),
    )


def _wanted_programmes(vacancy_ids: list[int]) -> dict[int, set[int]]:
    wanted: dict[int, set[int]] = {}
    through = Vacancy.programmes.through.objects.filter(vacancy_id__in=vacancy_ids)
    for vacancy_id, programme_id in through.values_list("vacancy_id", "programme_id"):
        wanted.setdefault(vacancy_id, set()).add(programme_id)
    return wanted


def _integers(values: Iterable[int]) -> scoring.IntArray:
    return np.fromiter(values, dtype=np.int64)


def _match(
    components: scoring.Components, graduate: GraduateRecord, index: tuple[int, int]
) -> Match:
    return match_at(
        components,
        index,
        programme_name=graduate.programme_name,
        competent_units=graduate.competent_units,
        programme_units=graduate.programme_units,
    )
